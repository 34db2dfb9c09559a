package ddlocal_test

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"

	"github.com/otelxray/otelxray/ddlocal"
)

// A DogStatsD client (here a plain UDP write) sends to the server, which
// parses and prints the metrics.
func Example() {
	dd, err := ddlocal.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer func() { _ = dd.Close() }()
	c, err := net.Dial("udp", dd.StatsdAddr())
	if err != nil {
		log.Fatal(err)
	}
	_, _ = c.Write([]byte("orders.placed:1|c|#item:tea\norders.placed:2|c|#item:tea"))
	_ = c.Close()
	if err := dd.WaitFor(context.Background(), func(st ddlocal.Stats) bool { return st.Metrics >= 2 }); err != nil {
		log.Fatal(err)
	}
	_ = dd.WriteMetrics(os.Stdout)
	// Output:
	// datadog metrics: 1 series
	//   orders.placed (c) sum 3  #item:tea
}

// ParseDatagram reads the lines of a DogStatsD datagram.
func ExampleParseDatagram() {
	ms, err := ddlocal.ParseDatagram([]byte("latency:12.5:8|d|#fn:post\norders.placed:1|c|@0.5"))
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range ms {
		fmt.Println(m.Name, m.Type, m.Value, m.Rate, m.Tags)
	}
	// Output:
	// latency d 12.5 1 [fn:post]
	// latency d 8 1 [fn:post]
	// orders.placed c 1 0.5 []
}
