package ddlambda

import (
	"testing"
	"time"
)

func TestStartTicks(t *testing.T) {
	for _, tc := range []struct {
		stat string
		want uint64
		ok   bool
	}{
		{"42 (bootstrap) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 8 0 12345 1000 100", 12345, true},
		{"42 (a) b) c) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 8 0 777 1000 100", 777, true},
		{"42 (short) S 1", 0, false},
		{"no parenthesis", 0, false},
	} {
		got, ok := startTicks([]byte(tc.stat))
		if got != tc.want || ok != tc.ok {
			t.Errorf("startTicks(%q) = %d %v", tc.stat, got, ok)
		}
	}
	if s := processStart(); s.After(time.Now()) || time.Since(s) > time.Since(loaded)+time.Minute {
		t.Errorf("process start %v, package loaded %v", s, loaded)
	}
}
