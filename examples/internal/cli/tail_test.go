package cli

import "testing"

func TestTailKeepsTheEnd(t *testing.T) {
	tail := NewTail(5)
	for _, s := range []string{"abc", "defg", "h"} {
		if n, err := tail.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	if got := string(tail.Bytes()); got != "defgh" {
		t.Errorf("kept %q, want defgh", got)
	}
}
