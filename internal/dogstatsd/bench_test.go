package dogstatsd

import (
	"context"
	"net"
	"testing"
)

// BenchmarkBuffer is one invocation's worth: three metrics with tags,
// added and flushed in one datagram, to a live socket and to a dead port.
func BenchmarkBuffer(b *testing.B) {
	live, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		b.Fatal(err)
	}
	defer live.Close()
	go func() {
		buf := make([]byte, 65536)
		for {
			if _, err := live.Read(buf); err != nil {
				return
			}
		}
	}()
	dead, _ := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	deadAddr := dead.LocalAddr().String()
	dead.Close()
	tags := []string{"functionname:orders", "region:eu-west-1", "account_id:123456789012", "memorysize:128", "cold_start:false", "resource:orders"}
	for _, bc := range []struct{ name, addr string }{{"live", live.LocalAddr().String()}, {"dead-port", deadAddr}} {
		b.Run(bc.name, func(b *testing.B) {
			c, err := New(bc.addr, Options{Tags: []string{"env:prod", "service:orders"}})
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				buf := c.Buffer()
				_ = buf.Add(Metric{Name: "aws.lambda.enhanced.invocations", Value: 1, Type: Distribution, Tags: tags})
				_ = buf.Add(Metric{Name: "orders.amount", Value: 12.5, Type: Distribution, Tags: []string{"currency:eur"}})
				_ = buf.Add(Metric{Name: "orders.placed", Value: 1, Type: Count})
				_ = buf.Flush(ctx)
			}
		})
	}
}

// BenchmarkAppend is the encoding of one metric with six tags.
func BenchmarkAppend(b *testing.B) {
	m := Metric{Name: "aws.lambda.enhanced.invocations", Value: 1, Type: Distribution,
		Tags: []string{"functionname:orders", "region:eu-west-1", "account_id:123456789012", "memorysize:128", "cold_start:false", "resource:orders"}}
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	for b.Loop() {
		buf, _ = Append(buf[:0], m)
	}
}
