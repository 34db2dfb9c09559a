package scrub

import "testing"

func TestContains(t *testing.T) {
	for _, c := range []struct {
		s    string
		dsn  bool
		want bool
	}{
		{"Server=db;Password=hunter2", false, true},
		{"server=db; PWD = hunter2", false, true},
		{"passwd=x", false, true},
		{"postgres://app:hunter2@db/x", false, true},
		{"see https://app:hunter2@db/x", false, true},
		{"app:hunter2@tcp(db:3306)/x", true, true},
		{"app:hunter2@tcp(db:3306)/x", false, false},
		{"UPDATE users SET password=? WHERE id=?", false, false},
		{"UPDATE users SET pwd = $1", false, false},
		{"password=;user=app", false, false},
		{"postgres://app@db/x", false, false},
		{"postgres://app:@db/x", false, false},
		{"postgres://REDACTED:REDACTED@db/x", false, false},
		{"postgres://app:****@db/x", false, false},
		{"db:5432/x", true, false},
		{"SELECT * FROM t WHERE a = 'x@y'", true, false},
	} {
		if got := Contains(c.s, c.dsn); got != c.want {
			t.Errorf("Contains(%q, %v) = %v, want %v", c.s, c.dsn, got, c.want)
		}
	}
}

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://app:hunter2@api.example.com/x?a=1", "https://api.example.com/x?a=1"},
		{"Server=db;Password=hunter2;Database=shop", "Server=db;Database=shop"},
		{"redis://:hunter2@cache:6379/0", "redis://cache:6379/0"},
		{"plain text", "plain text"},
	} {
		if got := Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
