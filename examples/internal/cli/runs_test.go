package cli

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestTracingRuns: -active-tracing's values, and -serve's one run.
func TestTracingRuns(t *testing.T) {
	for _, tc := range []struct {
		tracing string
		serve   bool
		want    string
	}{
		{"both", false, "[false true]"}, {"on", false, "[false]"}, {"off", false, "[true]"}, {"both", true, "[false]"}, {"off", true, "[true]"},
	} {
		if got := fmt.Sprint(TracingRuns(tc.tracing, tc.serve)); got != tc.want {
			t.Errorf("TracingRuns(%q, %v) = %s, want %s", tc.tracing, tc.serve, got, tc.want)
		}
	}
}

func TestEachRunMakesEveryRun(t *testing.T) {
	var w bytes.Buffer
	var made []bool
	err := EachRun(&w, []bool{false, true}, func(off bool) error {
		made = append(made, off)
		if !off {
			return errors.New("the first failed")
		}
		return nil
	})
	if fmt.Sprint(made) != "[false true]" || err == nil || !strings.Contains(w.String(), "active tracing off") {
		t.Errorf("made %v, err %v, output %q", made, err, w.String())
	}
}
