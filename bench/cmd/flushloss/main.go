// Command flushloss measures what a large flush loses to a receiver in
// another process with the system's default receive buffer while other
// processes keep every CPU busy: per run, the spans that arrived and whether
// the root did.
//
//	cd bench && go run ./cmd/flushloss -runs 20 -spans 1000
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/otelxray/otelxray/bench"
	"github.com/otelxray/otelxray/exporter/xrayudp"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "receive":
			receive(os.Stdin, os.Stdout)
			return
		case "spin":
			spin()
		}
	}
	runs := flag.Int("runs", 20, "flushes to measure")
	spans := flag.Int("spans", 1000, "spans per flush: the handler and its children")
	load := flag.Int("load", runtime.NumCPU(), "busy processes to run beside the receiver")
	paceBytes := flag.Int("pace-bytes", xrayudp.DefaultPaceBytes, "WithPacing bytes")
	pause := flag.Duration("pace-pause", xrayudp.DefaultPacePause, "WithPacing pause")
	flag.Parse()
	if err := measure(*runs, *spans, *load, *paceBytes, *pause); err != nil {
		fmt.Fprintln(os.Stderr, "flushloss:", err)
		os.Exit(1)
	}
}

// spin keeps one CPU busy until the process is killed.
func spin() {
	n := 0
	for {
		n++
		if n < 0 {
			fmt.Println(n)
		}
	}
}

func measure(runs, n, load, paceBytes int, pause time.Duration) error {
	spans, err := bench.Capture(n - 1)
	if err != nil {
		return err
	}
	root := ""
	for _, s := range spans {
		if s.Parent().IsRemote() {
			root = s.SpanContext().SpanID().String()
		}
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	for range load {
		spin := exec.Command(self, "spin")
		if err := spin.Start(); err != nil {
			return err
		}
		defer spin.Process.Kill()
	}
	rcv := exec.Command(self, "receive")
	in, _ := rcv.StdinPipe()
	outPipe, _ := rcv.StdoutPipe()
	if err := rcv.Start(); err != nil {
		return err
	}
	defer rcv.Process.Kill()
	out := bufio.NewScanner(outPipe)
	ask := func(cmd string) string {
		fmt.Fprintln(in, cmd)
		out.Scan()
		return out.Text()
	}
	var arrived, flushes []int
	roots := 0
	for r := range runs {
		addr := ask("new")
		exp, err := xrayudp.New(xrayudp.WithEndpoint(addr), xrayudp.WithLambda(true), xrayudp.WithPacing(paceBytes, pause))
		if err != nil {
			return err
		}
		t0 := time.Now()
		_ = exp.ExportSpans(context.Background(), spans)
		took := time.Since(t0)
		st := exp.Stats()
		_ = exp.Shutdown(context.Background())
		var got, hasRoot int
		fmt.Sscan(ask("count "+root), &got, &hasRoot)
		roots += hasRoot
		arrived = append(arrived, got)
		flushes = append(flushes, int(took.Microseconds()))
		fmt.Printf("run %2d: %4d of %d spans arrived, root %v, %d datagrams written in %v\n", r+1, got, n, hasRoot == 1, st.Datagrams, took.Round(time.Microsecond))
	}
	slices.Sort(arrived)
	slices.Sort(flushes)
	fmt.Printf("%d runs, %d busy processes, pacing %d bytes / %v: spans arrived min %d, median %d, max %d of %d; root arrived in %d of %d; flush median %v\n",
		runs, load, paceBytes, pause, arrived[0], arrived[len(arrived)/2], arrived[len(arrived)-1], n, roots, runs,
		time.Duration(flushes[len(flushes)/2])*time.Microsecond)
	return nil
}

// receive serves the parent: "new" opens a receiver with the default buffer
// and prints its address; "count ID" waits until nothing arrives for 50ms
// and prints the spans that arrived and 1 if a top document has the id.
func receive(in io.Reader, out io.Writer) {
	var r *bench.Receiver
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		cmd, arg, _ := strings.Cut(sc.Text(), " ")
		switch cmd {
		case "new":
			if r != nil {
				r.Close()
			}
			var err error
			if r, err = bench.NewReceiver(0, true); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			fmt.Fprintln(out, r.Addr())
		case "count":
			r.Settle(50 * time.Millisecond)
			has := 0
			if r.Has(arg) {
				has = 1
			}
			fmt.Fprintln(out, r.Spans(), has)
		}
	}
}
