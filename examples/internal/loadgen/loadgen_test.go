package loadgen

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"
)

func TestLoopback(t *testing.T) {
	for _, tc := range []struct {
		target string
		ok     bool
	}{
		{"http://127.0.0.1:8080/Prod", true},
		{"127.0.0.1:2000", true},
		{"http://[::1]:80/", true},
		{"http://localhost:8080/", false},
		{"http://10.0.0.1/", false},
		{"https://example.com/", false},
		{"", false},
	} {
		if err := Loopback(tc.target); (err == nil) != tc.ok {
			t.Errorf("Loopback(%q) = %v, want ok %v", tc.target, err, tc.ok)
		}
	}
}

func TestCheck(t *testing.T) {
	do := func(context.Context, int) error { return nil }
	for _, c := range []Config{
		{Duration: 0, Rate: 10, Target: "http://127.0.0.1/", Do: do},
		{Duration: time.Hour, Rate: 10, Target: "http://127.0.0.1/", Do: do},
		{Duration: time.Second, Rate: 0, Target: "http://127.0.0.1/", Do: do},
		{Duration: time.Second, Rate: 10, Target: "http://192.168.1.1/", Do: do},
		{Duration: time.Second, Rate: 10, Target: "http://127.0.0.1/"},
	} {
		if _, err := Run(context.Background(), c); err == nil {
			t.Errorf("Run(%+v) started", c)
		}
	}
}

// TestRun: a short load stops by itself and counts its requests; no timing
// is asserted beyond that it ends.
func TestRun(t *testing.T) {
	fail := errors.New("boom")
	res, err := Run(context.Background(), Config{Duration: 200 * time.Millisecond, Rate: 50, Target: "http://127.0.0.1/",
		Do: func(_ context.Context, i int) error {
			if i%2 == 1 {
				return fail
			}
			return nil
		}})
	if err != nil || res.Requests == 0 || res.Requests != res.Failed+len(res.Latencies) || !errors.Is(res.FirstError, fail) {
		t.Errorf("Run = %+v, %v", res, err)
	}
	if res.Percentile(50) > res.Percentile(99) {
		t.Errorf("p50 %v > p99 %v", res.Percentile(50), res.Percentile(99))
	}
}

func TestRelay(t *testing.T) {
	sink, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	if _, err := StartRelay("10.1.2.3:2000"); err == nil {
		t.Error("relayed to a non-loopback address")
	}
	r, err := StartRelay(sink.LocalAddr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	c, err := net.Dial("udp", r.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	dgram := `{"format":"json","version":1}` + "\n" + `{"id":"a","subsegments":[{"id":"b","subsegments":[{"id":"c"}]},{"id":"d"}]}`
	if _, err := c.Write([]byte(dgram)); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 1<<16)
	_ = sink.SetReadDeadline(time.Now().Add(time.Minute)) // a hang guard, not a timing assertion
	n, err := sink.Read(buf)
	if err != nil || string(buf[:n]) != dgram {
		t.Fatalf("forwarded %q, %v", buf[:n], err)
	}
	if st := r.Stats(); st.Datagrams != 1 || st.Spans != 4 {
		t.Errorf("Stats = %+v, want 1 datagram, 4 spans", st)
	}
	if countSpans([]byte("no newline")) != 0 || countSpans([]byte("h\n[1]")) != 0 {
		t.Error("counted spans in what is not a datagram")
	}
}
