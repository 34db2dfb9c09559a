package clienttest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"go.opentelemetry.io/contrib/propagators/aws/xray"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/awssdk"
	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/fakedaemon"
)

// Static credentials: no test looks for real ones, and none of these may
// reach a document.
const (
	testAccessKey = "AKIDOTELXRAYTEST"
	testSecretKey = "otelxray-test-secret-key"
	testSession   = "otelxray-test-session-token"
	testRegion    = "eu-west-1"
)

func TestMain(m *testing.M) {
	// Nothing may reach for the network or the machine's AWS setup.
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	os.Setenv("AWS_CONFIG_FILE", os.DevNull)
	os.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	for _, k := range []string{"AWS_PROFILE", "AWS_LAMBDA_FUNCTION_NAME", "_X_AMZN_TRACE_ID",
		"AWS_XRAY_DAEMON_ADDRESS", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"} {
		os.Unsetenv(k)
	}
	os.Exit(m.Run())
}

// harness is one test's world: a fake AWS endpoint, the real exporter
// writing to a fake daemon, and an aws.Config with the middlewares.
type harness struct {
	t      *testing.T
	aws    *fakeAWS
	daemon *fakedaemon.Daemon
	tp     *sdktrace.TracerProvider
	cfg    aws.Config
}

type harnessOptions struct {
	lambda  bool                              // exporter in Lambda mode
	install func(h *harness, cfg *aws.Config) // instead of awssdk.AppendMiddlewares with the harness's provider
	opts    []awssdk.Option
}

func newHarness(t *testing.T, ho harnessOptions) *harness {
	t.Helper()
	h := &harness{t: t, aws: newFakeAWS(t), daemon: fakedaemon.Start(t)}
	exp, err := xrayudp.New(xrayudp.WithEndpoint(h.daemon.Addr()), xrayudp.WithLambda(ho.lambda))
	if err != nil {
		t.Fatal(err)
	}
	h.tp = sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp), sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	t.Cleanup(func() { _ = h.tp.Shutdown(context.Background()) })
	h.cfg = aws.Config{
		Region:       testRegion,
		Credentials:  credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, testSession),
		BaseEndpoint: aws.String(h.aws.URL),
		HTTPClient:   h.aws.Client(),
		Retryer:      fastRetryer,
	}
	if ho.install != nil {
		ho.install(h, &h.cfg)
	} else {
		awssdk.AppendMiddlewares(&h.cfg.APIOptions, append([]awssdk.Option{awssdk.WithTracerProvider(h.tp)}, ho.opts...)...)
	}
	return h
}

// fastRetryer is the SDK's standard retryer (3 attempts) without backoff
// or retry quota, so that retry tests take no time.
func fastRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		o.RateLimiter = ratelimit.None
	})
}

// outcome is what one traced piece of work produced.
type outcome struct {
	err   error
	root  map[string]any   // the handler's segment, nil when there is none
	calls []map[string]any // aws subsegments, in the order received
	all   []fakedaemon.Datagram
}

// run calls fn under a SERVER span named "handler", ends it, and collects
// the documents: wantCalls aws subsegments and the handler's segment. Every
// datagram must be valid, and none may hold a secret of the fake server's
// or the credentials.
func (h *harness) run(wantCalls int, fn func(ctx context.Context) error) outcome {
	h.t.Helper()
	ctx, root := h.tp.Tracer("test").Start(context.Background(), "handler", trace.WithSpanKind(trace.SpanKindServer))
	err := fn(ctx)
	root.End()
	return h.collect(wantCalls+1, err)
}

// collect waits for n datagrams and checks them.
func (h *harness) collect(n int, err error) outcome {
	h.t.Helper()
	gs := h.waitDatagrams(n, 5*time.Second)
	o := outcome{err: err, all: gs}
	for _, g := range gs {
		if g.Invalid != nil {
			h.t.Errorf("invalid datagram: %v\n%s", g.Invalid, g.Raw)
		}
		for _, secret := range []string{itemSecret, messageSecret, objectSecret, payloadSecret,
			testAccessKey, testSecretKey, testSession} {
			if bytes.Contains(g.Raw, []byte(secret)) {
				h.t.Errorf("datagram holds %q:\n%s", secret, g.Raw)
			}
		}
	}
	docs, derr := fakedaemon.Documents(gs)
	if derr != nil {
		h.t.Fatal(derr)
	}
	for _, g := range gs { // arrival order, nested ones after their parent
		var walk func(d map[string]any)
		walk = func(d map[string]any) {
			if d["namespace"] == "aws" {
				o.calls = append(o.calls, d)
			}
			if _, sub := d["type"]; !sub && d["namespace"] == nil && d["parent_id"] == nil {
				o.root = d // the handler's span: the only segment
			}
			subs, _ := d["subsegments"].([]any)
			for _, s := range subs {
				walk(s.(map[string]any))
			}
		}
		walk(g.Doc)
	}
	if len(docs) < n {
		h.t.Errorf("%d documents, want %d", len(docs), n)
	}
	return o
}

// waitDatagrams polls the daemon until n datagrams have arrived, and fails
// the test after timeout. (It polls: Daemon.WaitFor can miss its own timeout
// when the timer fires before the deadline it computes after arming it.)
func (h *harness) waitDatagrams(n int, timeout time.Duration) []fakedaemon.Datagram {
	h.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		gs := h.daemon.Datagrams()
		if len(gs) >= n {
			return gs
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("%d of %d datagrams after %v", len(gs), n, timeout)
		}
		time.Sleep(time.Millisecond)
	}
}

// call returns the only aws subsegment.
func (o outcome) call(t *testing.T) map[string]any {
	t.Helper()
	if len(o.calls) != 1 {
		t.Fatalf("%d aws subsegments, want 1: %v", len(o.calls), o.calls)
	}
	return o.calls[0]
}

// absent marks a document field that must not be there.
type absent struct{}

// present marks a document field that must be there, with any value.
type present struct{}

// checkDoc compares the fields of doc at dotted paths ("aws.table_name",
// "http.response.status", "cause.exceptions.0.type") with want: strings,
// ints, floats, bools, string slices, absent{} or present{}.
func checkDoc(t *testing.T, doc map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		got, ok := lookup(doc, path)
		switch w.(type) {
		case absent:
			if ok {
				t.Errorf("%s = %v, want it absent", path, got)
			}
			continue
		case present:
			if !ok {
				t.Errorf("%s is missing", path)
			}
			continue
		}
		if !ok {
			t.Errorf("%s is missing, want %v", path, w)
			continue
		}
		if !sameValue(got, w) {
			t.Errorf("%s = %v (%T), want %v (%T)", path, got, got, w, w)
		}
	}
	if t.Failed() {
		b, _ := json.MarshalIndent(doc, "", "  ")
		t.Logf("document:\n%s", b)
	}
}

func lookup(doc any, path string) (any, bool) {
	cur := doc
	for _, p := range strings.Split(path, ".") {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[p]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

func sameValue(got, want any) bool {
	switch w := want.(type) {
	case int:
		n, ok := got.(json.Number)
		return ok && n.String() == strconv.Itoa(w)
	case float64:
		n, ok := got.(json.Number)
		f, err := n.Float64()
		return ok && err == nil && f == w
	case []string:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if g[i] != w[i] {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(got, want)
}

// traceHeaderOf returns the X-Ray header fields of r's X-Amzn-Trace-Id.
func traceHeaderOf(r request) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(r.Header.Get("X-Amzn-Trace-Id"), ";") {
		if k, v, ok := strings.Cut(part, "="); ok {
			out[k] = v
		}
	}
	return out
}
