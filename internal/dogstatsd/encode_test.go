package dogstatsd

import (
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

func TestAppend(t *testing.T) {
	long := strings.Repeat("a", 300)
	for _, tc := range []struct {
		name string
		m    Metric
		want string
		err  error
	}{
		{"distribution", Metric{Name: "orders.placed", Value: 1, Type: Distribution, Tags: []string{"env:prod", "team:a"}}, "orders.placed:1|d|#env:prod,team:a", nil},
		{"gauge fraction", Metric{Name: "queue.depth", Value: 0.25, Type: Gauge}, "queue.depth:0.25|g", nil},
		{"count negative", Metric{Name: "stock", Value: -3, Type: Count}, "stock:-3|c", nil},
		{"big value no exponent", Metric{Name: "bytes", Value: 1e21, Type: Gauge}, "bytes:1000000000000000000000|g", nil},
		{"timestamp", Metric{Name: "x", Value: 2, Type: Count, Timestamp: 1700000000}, "x:2|c|T1700000000", nil},
		{"name characters", Metric{Name: "a:b|c#d,e f\ng.h", Value: 1, Type: Count}, "a_b_c_d_e_f_g.h:1|c", nil},
		{"name unicode and invalid utf8", Metric{Name: "caf\u00e9\xff", Value: 1, Type: Count}, "caf__:1|c", nil},
		{"name cut", Metric{Name: long, Value: 1, Type: Count}, long[:MaxNameLen] + ":1|c", nil},
		{"tags sanitized", Metric{Name: "t", Value: 1, Type: Count, Tags: []string{"a|b", "c,d", "#e", "f g", "h\ni", "", "k:v:w", "caf\u00e9", "bad\xff"}},
			"t:1|c|#a_b,c_d,_e,f_g,h_i,k:v:w,caf\u00e9,bad_", nil},
		{"tag cut", Metric{Name: "t", Value: 1, Type: Count, Tags: []string{long}}, "t:1|c|#" + long[:MaxTagLen], nil},
		{"tag cut on a rune", Metric{Name: "t", Value: 1, Type: Count, Tags: []string{strings.Repeat("a", 199) + "\u00e9"}}, "t:1|c|#" + strings.Repeat("a", 199), nil},
		{"tag secrets", Metric{Name: "t", Value: 1, Type: Count, Tags: []string{"password:hunter2", "url:https://u:pw@db/x?token=abc", "dsn=app:pw@tcp(db:3306)/x"}},
			"t:1|c|#password:REDACTED,url:https://db/x?token=REDACTED,dsn=app:pw@tcp(db:3306)/x", nil},
		{"secret joined by sanitizing", Metric{Name: "t", Value: 1, Type: Count, Tags: []string{"q:password=\nx"}}, "t:1|c|#q:password=REDACTED", nil},
		{"nan", Metric{Name: "t", Value: math.NaN(), Type: Count}, "", ErrValue},
		{"inf", Metric{Name: "t", Value: math.Inf(-1), Type: Gauge}, "", ErrValue},
		{"set", Metric{Name: "t", Value: 1, Type: "s"}, "", ErrType},
		{"digit first", Metric{Name: "2xx", Value: 1, Type: Count}, "", ErrName},
		{"empty name", Metric{Value: 1, Type: Count}, "", ErrName},
		{"negative timestamp", Metric{Name: "t", Value: 1, Type: Count, Timestamp: -1}, "", ErrTime},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Append([]byte("x"), tc.m)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if err != nil {
				if string(got) != "x" {
					t.Errorf("dst changed on error: %q", got)
				}
				return
			}
			if string(got[1:]) != tc.want {
				t.Errorf("got  %q\nwant %q", got[1:], tc.want)
			}
			ms, err := Parse(got[1:])
			s, _ := Sanitize(tc.m)
			if err != nil || len(ms) != 1 || !equal(ms[0], s) {
				t.Errorf("Parse = %+v, %v; want %+v", ms, err, s)
			}
		})
	}
}

func equal(a, b Metric) bool {
	if a.Name != b.Name || a.Value != b.Value || a.Type != b.Type || a.Timestamp != b.Timestamp || len(a.Tags) != len(b.Tags) {
		return false
	}
	for i := range a.Tags {
		if a.Tags[i] != b.Tags[i] {
			return false
		}
	}
	return true
}

// TestParseGolden reads a datagram with every field DogStatsD defines.
func TestParseGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "fields.datagram"))
	if err != nil {
		t.Fatal(err)
	}
	ms, perr := Parse(in)
	var b strings.Builder
	for _, m := range ms {
		line, err := Append(nil, m)
		if err != nil {
			line = []byte("(" + err.Error() + ")")
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	b.WriteString("errors:\n" + perr.Error() + "\n")
	golden := filepath.Join("testdata", "fields.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("parsed and re-encoded differs from %s (go test -update rewrites it):\n%s", golden, b.String())
	}
}
