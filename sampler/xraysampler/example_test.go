package xraysampler_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/sampler/xraysampler"
)

// Centralized sampling outside Lambda: the rules come from the X-Ray
// console through the daemon (AWS_XRAY_DAEMON_ADDRESS's tcp: part, else
// 127.0.0.1:2000).
func ExampleNew() {
	res := resource.NewSchemaless(attribute.String("service.name", "orders"), attribute.String("cloud.platform", "aws_ec2"))
	sampler, err := xraysampler.New(xraysampler.WithResource(res))
	if err != nil {
		log.Fatal(err)
	}
	defer sampler.Shutdown(context.Background())
	exp, err := xrayudp.New()
	if err != nil {
		log.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithSampler(sampler),
		sdktrace.WithResource(res),
		sdktrace.WithBatcher(exp),
		sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	defer tp.Shutdown(context.Background())
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(xray.Propagator{}) // carries the decision on as Sampled=
}

// Against xraylocal, which serves the proxy on its HTTP port.
func ExampleWithEndpoint() {
	sampler, err := xraysampler.New(xraysampler.WithEndpoint("127.0.0.1:2001"))
	if err != nil {
		log.Fatal(err)
	}
	defer sampler.Shutdown(context.Background())
	fmt.Println(sampler.Description())
	// Output: ParentBased{root:XRayCentralizedSampler,remoteParentSampled:AlwaysOnSampler,remoteParentNotSampled:AlwaysOffSampler,localParentSampled:AlwaysOnSampler,localParentNotSampled:AlwaysOffSampler}
}

// The X-Ray SDKs' local rules, without a daemon.
func ExampleWithRulesFile() {
	path := filepath.Join(os.TempDir(), "sampling-rules.json")
	rules := `{"version": 2,
	  "rules": [{"description": "no health checks", "host": "*", "http_method": "GET",
	             "url_path": "/health", "fixed_target": 0, "rate": 0}],
	  "default": {"fixed_target": 1, "rate": 0.05}}`
	if err := os.WriteFile(path, []byte(rules), 0o600); err != nil {
		log.Fatal(err)
	}
	defer os.Remove(path)
	sampler, err := xraysampler.New(xraysampler.WithRulesFile(path), xraysampler.WithoutCentralized())
	if err != nil {
		log.Fatal(err)
	}
	defer sampler.Shutdown(context.Background())
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sampler))
	defer tp.Shutdown(context.Background())
}

// Deciding for every span, whatever its parent decided.
func ExampleWithoutParentBased() {
	sampler, err := xraysampler.New(xraysampler.WithoutParentBased(), xraysampler.WithoutCentralized())
	if err != nil {
		log.Fatal(err)
	}
	defer sampler.Shutdown(context.Background())
	fmt.Println(sampler.Description())
	// Output: XRayCentralizedSampler
}

// Polling faster than the X-Ray SDKs do, as a test environment might.
func ExampleWithRulesInterval() {
	sampler, err := xraysampler.New(
		xraysampler.WithRulesInterval(time.Minute),
		xraysampler.WithTargetsInterval(5*time.Second))
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := sampler.Shutdown(ctx); err != nil {
		log.Fatal(err)
	}
}

// Err says why the proxy's rules are not in use, for a health check.
func ExampleSampler_Err() {
	sampler, err := xraysampler.New(xraysampler.WithoutCentralized())
	if err != nil {
		log.Fatal(err)
	}
	defer sampler.Shutdown(context.Background())
	fmt.Println(sampler.Err())
	// Output: <nil>
}

// A client of one's own for the proxy's requests, with its own timeout.
func ExampleWithHTTPClient() {
	sampler, err := xraysampler.New(xraysampler.WithHTTPClient(&http.Client{Timeout: 2 * time.Second}))
	if err != nil {
		log.Fatal(err)
	}
	defer sampler.Shutdown(context.Background())
}

// Shutdown stops the poller; the TracerProvider does not do it.
func ExampleSampler_Shutdown() {
	sampler, err := xraysampler.New()
	if err != nil {
		log.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sampler))
	ctx := context.Background()
	_ = tp.Shutdown(ctx)
	if err := sampler.Shutdown(ctx); err != nil {
		log.Fatal(err)
	}
}
