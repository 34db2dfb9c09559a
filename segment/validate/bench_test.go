package validate

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// benchDatagrams are a typical datagram (a service's segment with three
// calls, 1.1 KB), the full segment of testdata, and a 64 KB segment of 360
// subsegments.
func benchDatagrams(b *testing.B) []struct {
	name string
	in   []byte
} {
	typical, err := os.ReadFile("testdata/valid/typical.json")
	if err != nil {
		b.Fatal(err)
	}
	full, err := os.ReadFile("testdata/valid/full_segment.json")
	if err != nil {
		b.Fatal(err)
	}
	var subs []string
	for i := range 360 {
		subs = append(subs, fmt.Sprintf(`{"name":"DynamoDB","id":"%016x","start_time":1700000000.1,"end_time":1700000000.2,"namespace":"aws","aws":{"operation":"GetItem","table_name":"orders"}}`, i+1))
	}
	large := `{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","name":"svc","id":"a000000000000000","start_time":1700000000,"end_time":1700000001,"subsegments":[` + strings.Join(subs, ",") + `]}`
	return []struct {
		name string
		in   []byte
	}{
		{"typical", []byte(testHeader + string(typical))},
		{"full", []byte(testHeader + string(full))},
		{"large", []byte(testHeader + large)},
	}
}

// BenchmarkDatagram is what xraylocal spends validating each datagram it
// receives.
func BenchmarkDatagram(b *testing.B) {
	for _, d := range benchDatagrams(b) {
		b.Run(d.name, func(b *testing.B) {
			if err := Datagram(d.in); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(d.in)))
			b.ReportAllocs()
			for b.Loop() {
				_ = Datagram(d.in)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "datagrams/s")
		})
	}
}
