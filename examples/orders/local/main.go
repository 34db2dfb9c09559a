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
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	if name := os.Getenv(functionEnv); name != "" {
		runFunction(name) // never returns
	}
	var o options
	flag.BoolVar(&o.serve, "serve", false, "keep the web UI and the API up after the run, until interrupted")
	flag.StringVar(&o.httpAddr, "http", "127.0.0.1:2001", "address of the web UI with --serve (port 0: any free port)")
	flag.IntVar(&o.posts, "posts", 3, "orders to POST")
	flag.DurationVar(&o.timeout, "timeout", 25*time.Second, "longest wait for the traces")
	verbose := flag.Bool("v", false, "show the functions' output")
	flag.Parse()
	if flag.NArg() > 0 || o.posts < 1 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o.process = selfProcess
	o.progress = os.Stderr
	o.tty = isTerminal(os.Stderr)
	tail := &tailBuffer{max: 16 << 10}
	o.functionOutput = tail
	if *verbose {
		o.functionOutput = os.Stderr
	}
	if _, err := run(ctx, o, os.Stdout); err != nil {
		if b := tail.bytes(); len(b) > 0 {
			fmt.Fprintf(os.Stderr, "the functions' output (the end):\n%s", b)
		}
		fmt.Fprintln(os.Stderr, "orders demo:", err)
		os.Exit(1)
	}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
