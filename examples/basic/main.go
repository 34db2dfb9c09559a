// Command basic is a plain HTTP server, not a Lambda function, traced to
// the X-Ray daemon with otelxray's exporter (exporter/xrayudp) directly:
// each request is a segment, and the DynamoDB GetItem it makes is an aws
// subsegment that draws the table on the service map.
//
//	go run ./cmd/xraylocal &           # a local X-Ray daemon on 127.0.0.1:2000, UI on :2001
//	go -C examples run ./basic        # serves http://127.0.0.1:8080/orders/{id}
//	curl http://127.0.0.1:8080/orders/42
//
// Traces go to AWS_XRAY_DAEMON_ADDRESS (else 127.0.0.1:2000), and DynamoDB
// is whatever the AWS configuration names (AWS_ENDPOINT_URL to use another
// endpoint). With -local it needs nothing else: it starts an embedded
// xraylocal and a DynamoDB stand-in, sends itself two requests, prints the
// traces and the service map, and exits 0 if every document is valid.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/awssdk"
	"github.com/otelxray/otelxray/examples/internal/cli"
	"github.com/otelxray/otelxray/exporter/xrayudp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := command(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// flags are the command's settings.
type flags struct {
	addr, table string
	local       bool
}

// parse parses the command line; when the command must stop it returns
// false and the exit status (0 for -h, 2 for a usage error).
func parse(args []string, stderr io.Writer) (f flags, ok bool, code int) {
	fs := flag.NewFlagSet("basic", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "`address` to serve on")
	fs.StringVar(&f.table, "table", "orders", "DynamoDB `table` of orders")
	fs.BoolVar(&f.local, "local", false, "run against an embedded xraylocal and DynamoDB stand-in, make two requests, print the traces and exit")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: basic [-addr host:port] [-table name] [-local]\n\nAn HTTP server traced to the X-Ray daemon (AWS_XRAY_DAEMON_ADDRESS, else 127.0.0.1:2000).\n\n")
		fs.PrintDefaults()
	}
	ok, code = cli.Parse(fs, args)
	return f, ok, code
}

// command runs the command line args and returns the exit status: 0, 2
// for a usage error, 1 when serving or the local run failed.
func command(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f, ok, code := parse(args, stderr)
	if !ok {
		return code
	}
	var err error
	if f.local {
		err = runLocal(ctx, stdout)
	} else {
		err = serve(ctx, f.addr, f.table, stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "basic:", err)
		return cli.Failure
	}
	return cli.OK
}

// newTracerProvider sends spans to the daemon at endpoint ("" for
// AWS_XRAY_DAEMON_ADDRESS, else 127.0.0.1:2000), in batches.
func newTracerProvider(endpoint string) (*sdktrace.TracerProvider, error) {
	var opts []xrayudp.Option
	if endpoint != "" {
		opts = append(opts, xrayudp.WithEndpoint(endpoint))
	}
	exp, err := xrayudp.New(opts...)
	if err != nil {
		return nil, err
	}
	return sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(exp),
		sdktrace.WithIDGenerator(xray.NewIDGenerator()), // trace IDs with the time X-Ray expects
		sdktrace.WithResource(resource.NewSchemaless(attribute.String("service.name", "basic"))),
	), nil
}

// serve runs the server until ctx is done, against the daemon and DynamoDB
// the environment names.
func serve(ctx context.Context, addr, table string, w io.Writer) error {
	tp, err := newTracerProvider("")
	if err != nil {
		return err
	}
	defer func() { _ = tp.Shutdown(context.Background()) }()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return err
	}
	awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithTracerProvider(tp))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: newHandler(tp, dynamodb.NewFromConfig(cfg), table), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	fmt.Fprintf(w, "serving http://%s/orders/{id}; traces to %s\n", ln.Addr(), daemonAddr())
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func daemonAddr() string {
	if a := os.Getenv("AWS_XRAY_DAEMON_ADDRESS"); a != "" {
		return a
	}
	return "127.0.0.1:2000"
}
