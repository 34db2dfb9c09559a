package xraylocal_test

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"time"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/xraylocal"
)

// With AWS_XRAY_DAEMON_ADDRESS set and no WithUDPAddr, the daemon listens
// there, in either form of the variable.
func ExampleWithUDPAddr() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("udp:127.0.0.1:0 tcp:127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	fmt.Println(strings.HasPrefix(srv.UDPAddr(), "127.0.0.1:"))
	// Output: true
}

func ExampleWithHTTPAddr() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithHTTPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	fmt.Println(strings.HasPrefix(srv.URL(), "http://127.0.0.1:"))
	// Output: true
}

// Sit in front of the real daemon: every datagram is relayed unchanged.
func ExampleWithForward() {
	daemon, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)}) // stands in for the X-Ray daemon
	if err != nil {
		log.Fatal(err)
	}
	defer daemon.Close()
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithForward("udp:"+daemon.LocalAddr().String()))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	conn, _ := net.Dial("udp", srv.UDPAddr())
	defer conn.Close()
	_, _ = conn.Write([]byte(wire.Header + webDoc))
	buf := make([]byte, 65536)
	_ = daemon.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := daemon.Read(buf)
	fmt.Println(err, string(buf[:n]) == wire.Header+webDoc)
	// Output: <nil> true
}

func ExampleWithTraceOutput() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"),
		xraylocal.WithTraceOutput(os.Stdout), xraylocal.WithSettle(0))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.WaitFor(ctx, func(st xraylocal.Stats) bool { return st.Completed == 1 })
	// Output:
	// trace 1-5759e988-bd862e3fe1be46a994272793  web  250ms long  2 spans
	// └─ web  250ms long  service  GET http://web.local/ status 200
	//    └─ DynamoDB  +50ms start, 50ms long  AWS call  GetItem DynamoDB table orders
}

func ExampleWithProblemOutput() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithProblemOutput(os.Stdout))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + `{"name":"web"`))
	// Output: ! invalid JSON: the document ends early, at byte 13 (truncated?) [json] (datagram 1; rejected by X-Ray)
}

func ExampleWithDocumentOutput() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithDocumentOutput(os.Stdout))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + `{"trace_id":"1-5759e988-bd862e3fe1be46a994272793", "name":"web","id":"a000000000000001","start_time":1,"end_time":2}`))
	// Output: {"trace_id":"1-5759e988-bd862e3fe1be46a994272793","name":"web","id":"a000000000000001","start_time":1,"end_time":2}
}

func ExampleWithStrict() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithStrict())
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + strings.Replace(webDoc, `"web"`, `"web!"`, 1))) // "!" is not allowed in names
	fmt.Println(srv.Stats().Documents, srv.Problems()[0].Rule, srv.Problems()[0].Outcome)
	// Output: 0 name left out (strict)
}

func ExampleWithMaxTraces() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithMaxTraces(1))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	srv.Receive([]byte(wire.Header + strings.Replace(webDoc, "bd862e3f", "00000000", 1)))
	st := srv.Stats()
	fmt.Println(st.Traces, st.Evicted)
	// Output: 1 1
}

func ExampleWithMaxSpansPerTrace() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithMaxSpansPerTrace(1))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc)) // two spans
	fmt.Println(srv.Stats().OverLimit, srv.Problems()[0].Rule)
	// Output: 1 limit
}

func ExampleWithMaxProblems() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithMaxProblems(2))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	for range 5 {
		srv.Receive([]byte("no header"))
	}
	fmt.Println(len(srv.Problems()), srv.Stats().Problems)
	// Output: 2 5
}

func ExampleWithMaxBytes() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithMaxBytes(64<<20))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	fmt.Println(srv.Stats().Evicted)
	// Output: 0
}

// A Lambda function's subsegments wait for the function's own segment,
// which Lambda sends itself: locally it never comes, so the trace is
// reported once the orphan timeout passes.
func ExampleWithOrphanTimeout() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"),
		xraylocal.WithSettle(0), xraylocal.WithOrphanTimeout(50*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + `{"type":"subsegment","trace_id":"1-5759e988-bd862e3fe1be46a994272793",` +
		`"parent_id":"53995c3f42cd8ad8","name":"orders-post","id":"d000000000000001","start_time":1,"end_time":2}`))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.WaitFor(ctx, func(st xraylocal.Stats) bool { return st.Completed == 1 })
	fmt.Println(srv.Stats().Orphaned)
	fmt.Print(srv.ServiceMap())
	// Output:
	// 1
	// Client -> orders-post (Lambda): 1 request
	// orders-post -> orders-post (Lambda function): 1 request
}

func ExampleWithSettle() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithSettle(10*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.WaitFor(ctx, func(st xraylocal.Stats) bool { return st.Completed == 1 })
	fmt.Println(srv.Traces("")[0].Complete)
	// Output: true
}

func ExampleWithReadBuffer() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithReadBuffer(4<<20))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(srv.Close())
	// Output: <nil>
}
