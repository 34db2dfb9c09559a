package dogstatsd

import (
	"reflect"
	"strings"
	"testing"
)

// TestParseAll: what the agent reads and Parse refuses (sets, events,
// service checks) and the sample rate, which Parse leaves out.
func TestParseAll(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []Point
		wantErr string
		strict  string // Parse's error for the same datagram
	}{
		{"users:alice|s|#env:dev", []Point{{Metric: Metric{Name: "users", Type: Set, Tags: []string{"env:dev"}}, Rate: 1, Member: "alice"}}, "", "sets are not supported"},
		{"x:1:2|c|@0.5", []Point{{Metric: Metric{Name: "x", Value: 1, Type: Count}, Rate: 0.5}, {Metric: Metric{Name: "x", Value: 2, Type: Count}, Rate: 0.5}}, "", ""},
		{"_e{5,4}:title|text\n_sc|check|0\ny:3|g|T1700000000", []Point{{Metric: Metric{Name: "y", Value: 3, Type: Gauge, Timestamp: 1700000000}, Rate: 1}}, "", "an event or a service check"},
		{"s:|s", nil, "a set with no member", "sets are not supported"},
		{"x:1:nope|d\nz:1|d", []Point{{Metric: Metric{Name: "z", Value: 1, Type: Distribution}, Rate: 1}}, "line 1", "line 1"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseAll([]byte(tc.in))
			if (err != nil) != (tc.wantErr != "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseAll = %+v, want %+v", got, tc.want)
			}
			if _, err := Parse([]byte(tc.in)); (err != nil) != (tc.strict != "") || (err != nil && !strings.Contains(err.Error(), tc.strict)) {
				t.Errorf("Parse error %v, want %q", err, tc.strict)
			}
		})
	}
}
