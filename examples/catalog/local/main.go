// Command local runs the catalog demo on this machine, with Go alone: five
// Lambda functions traced by otelxray that talk through SNS, EventBridge,
// SQS and Step Functions, with their traces assembled and checked by an
// embedded local X-Ray daemon and a Datadog agent stand-in (ddlocal).
//
//	go -C examples run ./catalog/local                     # run (active tracing on, then off), print the traces and the map, exit
//	go -C examples run ./catalog/local --serve             # then keep the web UI and the API up
//	go -C examples run ./catalog/local -load 30s -rate 100 # the load test, tracing on and off
//
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

func parse(args []string, stderr io.Writer) (o options, verbose, ok bool, code int) {
	fs := flag.NewFlagSet("catalog/local", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.serve, "serve", false, "keep the web UI and the API up after the run, until interrupted")
	fs.StringVar(&o.httpAddr, "http", "127.0.0.1:2001", "`address` of the web UI with --serve (port 0: any free port)")
	fs.IntVar(&o.posts, "posts", 3, "`number` of products to POST (at least 1)")
	fs.DurationVar(&o.timeout, "timeout", 60*time.Second, "longest wait for the traces; the demo fails when it runs out")
	o.load.Register(fs)
	tracing := ""
	fs.StringVar(&tracing, "active-tracing", "both", "Lambda's active `tracing`: on (Sampled=1), off (Sampled=0: X-Ray gets nothing, Datadog everything), or both, one run each")
	fs.BoolVar(&verbose, "v", false, "show the functions' output")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: go -C examples run ./catalog/local [flags]\n\nRuns the catalog demo (five Lambda functions, an API, SNS, EventBridge, SQS, Step Functions) on this machine\nand checks its traces with an embedded xraylocal and a Datadog agent stand-in (ddlocal), with Lambda's active tracing on,\nthen off. Exits 0 when every expected parent and link is there, in both.\n\n")
		fs.PrintDefaults()
	}
	if ok, code = cli.Parse(fs, args); !ok {
		return o, verbose, false, code
	}
	switch {
	case o.posts < 1:
		return o, verbose, false, cli.Usagef(fs, "-posts %d: the demo needs at least 1 product to POST", o.posts)
	case o.timeout <= 0:
		return o, verbose, false, cli.Usagef(fs, "-timeout %v: want a positive duration, like 60s", o.timeout)
	case tracing != "on" && tracing != "off" && tracing != "both":
		return o, verbose, false, cli.Usagef(fs, "-active-tracing %q: want on, off or both", tracing)
	}
	if msg := o.load.Check(o.serve); msg != "" {
		return o, verbose, false, cli.Usagef(fs, "%s", msg)
	}
	o.runs = cli.TracingRuns(tracing, o.serve)
	return o, verbose, true, cli.OK
}

// command runs the demo (or the load test) and returns the exit status.
func command(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, verbose, ok, code := parse(args, stderr)
	if !ok {
		return code
	}
	o.process, o.progress = selfProcess, stderr
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
		fmt.Fprintln(stderr, "catalog demo:", err)
		return cli.Failure
	}
	return cli.OK
}
