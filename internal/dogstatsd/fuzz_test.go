package dogstatsd

import (
	"bytes"
	"math"
	"testing"
)

// FuzzEncode: whatever Append accepts is one line, and Parse reads it
// back as the sanitized metric.
func FuzzEncode(f *testing.F) {
	f.Add("orders.placed", 1.5, byte('d'), "env:prod", "url:https://u:p@h/?token=x", int64(0))
	f.Add("a:b|c", math.Copysign(0, -1), byte('c'), "a|b,c#d", "\xff\n", int64(1700000000))
	f.Add("x", 1e300, byte('g'), "password:x", "", int64(1))
	f.Fuzz(func(t *testing.T, name string, v float64, typ byte, tag1, tag2 string, ts int64) {
		m := Metric{Name: name, Value: v, Type: Type([]byte{typ}), Tags: []string{tag1, tag2}, Timestamp: ts}
		line, err := Append(nil, m)
		if err != nil {
			return
		}
		if bytes.IndexByte(line, '\n') >= 0 || len(line) > 2*(MaxNameLen+MaxTagLen)+400 {
			t.Fatalf("line %q", line)
		}
		s, err := Sanitize(m)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := Parse(line)
		if err != nil || len(ms) != 1 || !equal(ms[0], s) {
			t.Fatalf("Parse(%q) = %+v, %v; want %+v", line, ms, err, s)
		}
		if math.IsNaN(ms[0].Value) {
			t.Fatal("NaN passed")
		}
	})
}

// FuzzParse: Parse never panics, and every metric it reads that Append
// accepts reads back the same.
func FuzzParse(f *testing.F) {
	f.Add([]byte("page.views:1|c\nfn.latency:1.5:2|d|@0.5|#env:prod,a|T1700000000|c:abc"))
	f.Add([]byte("_e{1,1}:a|b\nx:1|s\n\r\n:1|c\ny:1|c|#"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ms, _ := Parse(data)
		for _, m := range ms {
			line, err := Append(nil, m)
			if err != nil {
				continue
			}
			s, _ := Sanitize(m)
			back, err := Parse(line)
			if err != nil || len(back) != 1 || !equal(back[0], s) {
				t.Fatalf("%+v: Parse(%q) = %+v, %v; want %+v", m, line, back, err, s)
			}
		}
	})
}
