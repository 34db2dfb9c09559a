package xraylocal_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/xraylocal"
)

func ExampleServer_ServiceMap() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	m := srv.ServiceMap()
	for _, n := range m.Nodes {
		fmt.Printf("%-6s %-20s layer %d, %d request(s)\n", n.Name, n.Type, n.Layer, n.Stats.Requests)
	}
	// Output:
	// Client client               layer 0, 0 request(s)
	// web    service              layer 1, 1 request(s)
	// orders AWS::DynamoDB::Table layer 2, 1 request(s)
}

func ExampleServiceMap_Edge() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	e := srv.ServiceMap().Edge("web", "orders")
	fmt.Printf("%d call(s), p99 %.0fms\n", e.Stats.Requests, e.Stats.Latency.P99*1000)
	// Output: 1 call(s), p99 50ms
}

func ExampleServiceMap_Node() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	n := srv.ServiceMap().Node("web")
	fmt.Println(n.Type, n.Root, n.Stats.OK)
	// Output: service true 1
}

func ExampleServiceMap_NodeOfType() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	n := srv.ServiceMap().NodeOfType("orders", "AWS::DynamoDB::Table")
	fmt.Println(n.TypeLabel, n.Inferred)
	// Output: DynamoDB table true
}

func ExampleServiceMap_WriteSVG() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	var b strings.Builder
	if err := srv.ServiceMap().WriteSVG(&b); err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Count(b.String(), `data-type=`), "nodes drawn")
	// Output: 3 nodes drawn
}

// Mount the UI and API in a server of your own, or test against them.
func ExampleServer_Handler() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	srv.Receive([]byte(wire.Header + webDoc))

	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/api/traces?q=orders")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status, strings.Contains(string(body), `"total":1`))
	// Output: 200 OK true
}

func ExampleServer_WaitFor() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	go srv.Receive([]byte("not a datagram"))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.WaitFor(ctx, func(st xraylocal.Stats) bool { return st.Discarded >= 1 })
	fmt.Println(err, srv.Stats().Discarded)
	// Output: <nil> 1
}

func ExampleServer_WaitDocuments() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	fmt.Println(srv.WaitDocuments(ctx, 1) != nil) // nothing was sent
	// Output: true
}

func ExampleServer_Stats() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	srv.Receive([]byte(wire.Header + webDoc + webDoc)) // two documents: X-Ray rejects it
	st := srv.Stats()
	fmt.Println(st.Datagrams, st.Documents, st.Rejected, st.Traces)
	// Output: 2 1 1 1
}

func ExampleServer_UDPAddr() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	exp, err := xrayudp.New(xrayudp.WithEndpoint(srv.UDPAddr()))
	if err != nil {
		log.Fatal(err)
	}
	defer exp.Shutdown(context.Background())
	fmt.Println(exp.Endpoint() == srv.UDPAddr())
	// Output: true
}

func ExampleServer_URL() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithHTTPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	resp, err := http.Get(srv.URL() + "api/stats")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.Status, resp.Header.Get("Content-Type"))
	// Output: 200 OK application/json; charset=utf-8
}

func ExampleServer_Close() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(srv.Close(), srv.Close())
	// Output: <nil> <nil>
}

func ExampleTrace_Walk() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	t, _ := srv.Trace("1-5759e988-bd862e3fe1be46a994272793")
	calls := 0
	t.Walk(func(s *xraylocal.Span, depth int) bool {
		if s.Namespace != "" {
			calls++
		}
		return true
	})
	fmt.Println(calls, "downstream call(s)")
	// Output: 1 downstream call(s)
}

func ExampleServiceMap_String() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + strings.Replace(webDoc, `"namespace":"aws"`, `"namespace":"aws","error":true,"throttle":true`, 1)))
	fmt.Print(srv.ServiceMap())
	// Output:
	// Client -> web (service): 1 request
	// web -> orders (DynamoDB table): 1 request, 1 error, 1 throttle
}

func ExampleProblem_String() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(`{"format":"json","version":2}` + "\n" + webDoc))
	fmt.Println(srv.Problems()[0])
	// Output: header version is 2, not 1; the first line must be `{"format":"json","version":1}` [header] (trace 1-5759e988-bd862e3fe1be46a994272793, doc a000000000000001, datagram 1; discarded by the daemon)
}
