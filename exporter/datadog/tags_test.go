package datadog

import (
	"maps"
	"testing"
)

func TestTagsAndRuntime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want map[string]string
	}{
		{"", nil},
		{"team:orders,tier:1", map[string]string{"team": "orders", "tier": "1"}},
		{"team:orders tier:1 , solo", map[string]string{"team": "orders", "tier": "1", "solo": ""}},
		{"url:https://u:secret@example.com", map[string]string{"url": "https://example.com"}},
	} {
		env := map[string]string{EnvTags: tc.in}
		c := newConfig([]Option{func(c *config) { c.getenv = func(k string) string { return env[k] } }})
		if !maps.Equal(c.tags, tc.want) && !(len(c.tags) == 0 && len(tc.want) == 0) {
			t.Errorf("DD_TAGS=%q: %v, want %v", tc.in, c.tags, tc.want)
		}
	}
	c := newConfig([]Option{WithTags(map[string]string{"a": "b"}), func(c *config) {
		c.getenv = func(k string) string { return map[string]string{EnvTags: "x:y"}[k] }
	}})
	if len(c.tags) != 1 || c.tags["a"] != "b" {
		t.Errorf("WithTags does not win: %v", c.tags)
	}
}
