// Command local runs the orders demo on this machine, with Go alone: three
// Lambda functions traced by otelxray, behind an API and an SQS queue, with
// their traces assembled and checked by an embedded local X-Ray daemon.
//
//	go -C examples run ./orders/local            # run, print the traces and the service map, exit
//	go -C examples run ./orders/local --serve    # then keep the web UI and the API up
//
// It starts xraylocal, stand-ins for DynamoDB and SQS that the real
// aws-sdk-go-v2 clients talk to, and the functions post, read and
// handle-change as real aws-lambda-go processes (this program, started
// again), each with a Runtime API that hands every invocation a trace
// header as Lambda does. It POSTs a few orders and GETs them through the
// API, waits for the documents, and exits 0 only when the traces are
// connected as X-Ray shows them and every document passed validation.
// See README.md in the parent folder.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/otelxray/otelxray/examples/internal/cli"
)

func main() {
	if name := os.Getenv(functionEnv); name != "" {
		runFunction(name) // never returns
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := command(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// parse parses the command line; when the demo must stop it returns false
// and the exit status (0 for -h, 2 for a usage error, printed with the
// usage).
func parse(args []string, stderr io.Writer) (o options, verbose, ok bool, code int) {
	var tracing string
	fs := flag.NewFlagSet("orders/local", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.serve, "serve", false, "keep the web UI and the API up after the run, until interrupted")
	fs.StringVar(&o.httpAddr, "http", "127.0.0.1:2001", "`address` of the web UI with --serve (port 0: any free port)")
	fs.IntVar(&o.posts, "posts", 3, "`number` of orders to POST (at least 1)")
	fs.DurationVar(&o.timeout, "timeout", 25*time.Second, "longest wait for the traces; the demo fails when it runs out")
	fs.StringVar(&o.format, "format", "segments", "the functions' wire `format` to xraylocal: segments (X-Ray documents) or otlp (T1S, as AWS's OpenTelemetry exporters send)")
	o.load.Register(fs)
	fs.StringVar(&tracing, "active-tracing", "both", "Lambda's active `tracing`: on (Sampled=1), off (Sampled=0: X-Ray gets nothing), or both, one run each")
	fs.BoolVar(&verbose, "v", false, "show the functions' output")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: go -C examples run ./orders/local [flags]\n\nRuns the orders demo (three Lambda functions, an API, a queue, a table) on this machine\nand checks its traces with an embedded xraylocal. Exits 0 when they are as X-Ray shows them.\n\n")
		fs.PrintDefaults()
	}
	if ok, code = cli.Parse(fs, args); !ok {
		return o, verbose, false, code
	}
	switch {
	case o.posts < 1:
		return o, verbose, false, cli.Usagef(fs, "-posts %d: the demo needs at least 1 order to POST", o.posts)
	case o.format != "segments" && o.format != "otlp":
		return o, verbose, false, cli.Usagef(fs, "-format %q: want segments or otlp", o.format)
	case tracing != "on" && tracing != "off" && tracing != "both":
		return o, verbose, false, cli.Usagef(fs, "-active-tracing %q: want on, off or both", tracing)
	case o.timeout <= 0:
		return o, verbose, false, cli.Usagef(fs, "-timeout %v: want a positive duration, like 25s", o.timeout)
	}
	if msg := o.load.Check(o.serve); msg != "" {
		return o, verbose, false, cli.Usagef(fs, "%s", msg)
	}
	o.runs = cli.TracingRuns(tracing, o.serve)
	return o, verbose, true, cli.OK
}

// command runs the demo with the command line args and returns the exit
// status: 0 when the traces are as X-Ray shows them, 2 for a usage error,
// 1 when something failed to start, the traces did not all arrive in
// time, or they are not connected as they should be.
func command(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, verbose, ok, code := parse(args, stderr)
	if !ok {
		return code
	}
	o.process = selfProcess
	o.progress = stderr
	o.tty = false
	if f, isFile := stderr.(*os.File); isFile {
		o.tty = isTerminal(f)
	}
	tail := cli.NewTail(16 << 10)
	o.functionOutput = tail
	if verbose {
		o.functionOutput = stderr
	}
	var err error
	if o.load.Duration > 0 {
		err = loadTest(ctx, o, stdout)
	} else {
		err = runAll(ctx, o, stdout)
	}
	if err != nil {
		if b := tail.Bytes(); len(b) > 0 {
			fmt.Fprintf(stderr, "the functions' output (the end):\n%s", b)
		}
		fmt.Fprintln(stderr, "orders demo:", err)
		return cli.Failure
	}
	return cli.OK
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
