// Command xraylocal is a local AWS X-Ray daemon: it listens where the X-Ray
// daemon does (UDP 127.0.0.1:2000, or AWS_XRAY_DAEMON_ADDRESS), validates
// every segment document it receives, prints each completed trace as a
// tree, and serves the service map, the traces and the problems found at
// http://127.0.0.1:2001. It needs no AWS account and no network.
//
//	go run ./cmd/xraylocal
//	go run ./cmd/xraylocal -forward udp:127.0.0.1:3000 -out docs.jsonl -quiet
//
// Flags:
//
//	-listen ADDR          UDP address: host:port or "udp:host:port tcp:host:port"
//	                      (default AWS_XRAY_DAEMON_ADDRESS, else 127.0.0.1:2000; -b and -bind as the daemon)
//	-http ADDR            web UI and JSON API (default 127.0.0.1:2001; "off" for none)
//	-forward udp:HOST:PORT relay every datagram, unchanged, to a real daemon
//	-out FILE.jsonl       append every accepted document as one JSON line
//	-quiet                do not print traces (problems are still printed, on stderr)
//	-strict               leave documents that break a rule out of traces and the map
//	-max-traces N         traces kept, newest first (default 1000)
//	-max-spans N          spans kept per trace (default 2000)
//	-max-problems N       problems kept in the list (default 1000)
//	-max-memory MB        memory held for traces, estimated (default 256)
//	-settle D             quiet time before a trace is complete (default 500ms)
//	-orphan-timeout D     wait for a missing parent (default 2s)
//	-read-buffer BYTES    UDP receive buffer (default: the system's, as the daemon)
//	-sampling-rules FILE  serve the sampling proxy on the -http address from FILE (default: X-Ray's default rule)
//
// It stops on SIGINT or SIGTERM and prints its counters. It exits 0 when it
// ran (or printed its usage for -h), 2 for a usage error (a bad flag or flag
// value, an argument, an invalid AWS_XRAY_DAEMON_ADDRESS) and 1 when it
// failed at run time (the port is in use, an address does not resolve).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/otelxray/otelxray/xraylocal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv, nil)
	stop()
	os.Exit(code)
}

// cli runs the command and returns its exit status: 0 when it ran (or
// printed its usage for -h), 2 for a usage error (a bad flag, a bad flag
// value, an argument, an invalid AWS_XRAY_DAEMON_ADDRESS), 1 when it
// failed at run time (a port in use, an address that does not resolve, a
// file it cannot open). Errors are printed once, on stderr.
func cli(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string, ready func(*xraylocal.Server)) int {
	err := run(ctx, args, stdout, stderr, getenv, ready)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue) && ue.printed:
		return 2 // the flag package printed it, with the usage
	}
	fmt.Fprintln(stderr, "xraylocal:", strings.TrimPrefix(err.Error(), "xraylocal: "))
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "Run 'xraylocal -h' for the flags.")
		return 2
	}
	return 1
}

// run parses args, starts the daemon and serves until ctx is done. ready,
// when not nil, is called with the running server (for tests).
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string, ready func(*xraylocal.Server)) error {
	fs := flag.NewFlagSet("xraylocal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		listen, httpAddr, forward, out string
		quiet, strict                  bool
		maxTraces, maxSpans, maxProbs  int
		maxMB                          int64
		settle, orphan                 time.Duration
		readBuffer                     int
	)
	httpAddr = xraylocal.DefaultHTTPAddr
	fs.Var(checked{&listen, checkListen}, "listen", "UDP `address` to listen on: host:port or \"udp:host:port tcp:host:port\" (default $AWS_XRAY_DAEMON_ADDRESS, else "+xraylocal.DefaultUDPAddr+")")
	fs.Var(checked{&listen, checkListen}, "bind", "UDP `address` to listen on, as -listen (the X-Ray daemon's name for it)")
	fs.Var(checked{&listen, checkListen}, "b", "UDP `address` to listen on, as -listen (the X-Ray daemon's short name)")
	fs.Var(checked{&httpAddr, checkHTTP}, "http", "`address` of the web UI and JSON API; \"off\" for none")
	fs.Var(checked{&forward, checkForward}, "forward", "relay every datagram, unchanged, to a real daemon at `udp:HOST:PORT`")
	fs.StringVar(&out, "out", "", "append every accepted document to `FILE.jsonl`, one JSON object per line")
	fs.BoolVar(&quiet, "quiet", false, "do not print completed traces (problems are still printed, on stderr)")
	fs.BoolVar(&strict, "strict", false, "leave documents that break any rule out of traces and the map, as X-Ray might reject them")
	fs.IntVar(&maxTraces, "max-traces", xraylocal.DefaultMaxTraces, "traces kept; the oldest are evicted")
	fs.IntVar(&maxSpans, "max-spans", xraylocal.DefaultMaxSpansPerTrace, "(sub)segments kept per trace")
	fs.IntVar(&maxProbs, "max-problems", xraylocal.DefaultMaxProblems, "problems kept in the problems list")
	fs.Int64Var(&maxMB, "max-memory", xraylocal.DefaultMaxBytes>>20, "`MB` held for traces (documents, their decoded objects, and about 1.5 KB per span); the oldest are evicted")
	fs.DurationVar(&settle, "settle", xraylocal.DefaultSettle, "time without new documents before a trace is complete")
	fs.DurationVar(&orphan, "orphan-timeout", xraylocal.DefaultOrphanTimeout, "how long a trace waits for a missing parent")
	fs.IntVar(&readBuffer, "read-buffer", 0, "UDP receive buffer in `bytes` (default: the system's, as the X-Ray daemon)")
	samplingRules := fs.String("sampling-rules", "", "serve the sampling proxy (POST /GetSamplingRules, /SamplingTargets) on the -http address from `FILE`: the X-Ray SDK's rules format or the output of aws xray get-sampling-rules (default: X-Ray's default rule)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: xraylocal [flags]\n\nA local X-Ray daemon: validates segment documents, assembles traces, draws the service map.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err, true}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q: xraylocal takes flags only", fs.Arg(0))
	}
	for _, f := range []struct {
		name string
		v    int64
	}{{"max-traces", int64(maxTraces)}, {"max-spans", int64(maxSpans)}, {"max-problems", int64(maxProbs)}, {"max-memory", maxMB}} {
		if f.v < 1 {
			return usagef("-%s %d: must be at least 1", f.name, f.v)
		}
	}

	opts := []xraylocal.Option{
		xraylocal.WithMaxTraces(maxTraces),
		xraylocal.WithMaxSpansPerTrace(maxSpans),
		xraylocal.WithMaxProblems(maxProbs),
		xraylocal.WithMaxBytes(maxMB << 20),
		xraylocal.WithSettle(settle),
		xraylocal.WithOrphanTimeout(orphan),
		xraylocal.WithReadBuffer(readBuffer),
		xraylocal.WithProblemOutput(stderr),
	}
	from := "-listen"
	if listen == "" {
		listen, from = getenv(xraylocal.EnvDaemonAddress), xraylocal.EnvDaemonAddress
		if listen != "" {
			if err := checkListen(listen); err != nil {
				return usagef("%s=%v", xraylocal.EnvDaemonAddress, err)
			}
		}
	}
	if listen == "" {
		listen, from = xraylocal.DefaultUDPAddr, "the default"
	}
	opts = append(opts, xraylocal.WithUDPAddr(listen))
	if httpAddr != "" && httpAddr != "off" {
		opts = append(opts, xraylocal.WithHTTPAddr(httpAddr))
	}
	if forward != "" {
		opts = append(opts, xraylocal.WithForward(forward))
	}
	opts = append(opts, xraylocal.WithSamplingRules(*samplingRules))
	if strict {
		opts = append(opts, xraylocal.WithStrict())
	}
	if !quiet {
		opts = append(opts, xraylocal.WithTraceOutput(stdout))
	}
	if out != "" {
		f, err := os.OpenFile(out, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return fmt.Errorf("-out: %w", err)
		}
		defer f.Close()
		opts = append(opts, xraylocal.WithDocumentOutput(f))
	}

	srv, err := xraylocal.Start(opts...)
	if err != nil {
		// The library names its option; the user set a flag or a variable.
		return errors.New(strings.ReplaceAll(err.Error(), "(from WithUDPAddr)", "(from "+from+")"))
	}
	fmt.Fprintf(stderr, "xraylocal: listening on udp %s (from %s)\n", srv.UDPAddr(), from)
	if u := srv.URL(); u != "" {
		fmt.Fprintf(stderr, "xraylocal: service map, traces and problems at %s\n", u)
	}
	if forward != "" {
		fmt.Fprintf(stderr, "xraylocal: forwarding every datagram to %s\n", forward)
	}
	if !quiet {
		fmt.Fprintf(stderr, "xraylocal: each completed trace is printed on stdout, as a tree.\n%s\n", xraylocal.TreeLegend)
	}
	if ready != nil {
		ready(srv)
	}
	<-ctx.Done()
	err = srv.Close()
	st := srv.Stats()
	fmt.Fprintf(stderr, "xraylocal: %d datagrams, %d documents accepted, %d discarded, %d rejected, %d invalid, %d problems, %d traces completed, %d evicted",
		st.Datagrams, st.Documents, st.Discarded, st.Rejected, st.Invalid, st.Problems, st.Completed, st.Evicted)
	if forward != "" {
		fmt.Fprintf(stderr, ", %d forwarded (%d errors)", st.Forwarded, st.ForwardErrors)
	}
	fmt.Fprintln(stderr)
	return err
}
