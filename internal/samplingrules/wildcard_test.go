package samplingrules

import "testing"

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"*", "anything", true},
		{"", "", true},
		{"", "a", false},
		{"a", "", false},
		{"/api/*", "/api/users", true},
		{"/api/*", "/api/", true},
		{"/api/*", "/api", false},
		{"/api/*", "", false},
		{"GET", "get", true},
		{"get", "GET", true},
		{"g?t", "GET", true},
		{"g?t", "GT", false},
		{"?", "é", true},
		{"É", "é", true},
		{"*.example.com", "www.example.com", true},
		{"*.example.com", "example.com", false},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
		{"a**c", "ac", true},
		{"*a", "aaaa", true},
		{"*?", "", false},
		{"*?", "x", true},
		{"/users/*/orders", "/users/42/orders", true},
		{"/users/*/orders", "/users/42/orders/1", false},
		{"Scorekeep", "scorekeep", true},
	} {
		if got := Match(c.pattern, c.s); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.s, got, c.want)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Match("/api/*/orders/*", "/API/users/42/orders/7")
	}
}
