package scrub

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/otelxray/otelxray/internal/scrub/scrubtest"
)

func TestRedactCorpus(t *testing.T) {
	for _, c := range scrubtest.Corpus {
		t.Run(c.Name, func(t *testing.T) {
			got := Redact(c.In)
			if got != c.Want {
				t.Errorf("Redact(%q)\n got %q\nwant %q", c.In, got, c.Want)
			}
			for _, s := range c.Secrets {
				if strings.Contains(got, s) {
					t.Errorf("%q still holds %q", got, s)
				}
			}
			if !Contains(c.In, true) {
				t.Errorf("Contains(%q) = false", c.In)
			}
			if Contains(got, true) {
				t.Errorf("Contains(Redact(%q)) = true", c.In)
			}
		})
	}
}

func TestRedactKeeps(t *testing.T) {
	for _, s := range scrubtest.Kept {
		if got := Redact(s); got != s {
			t.Errorf("Redact(%q) = %q, want it unchanged", s, got)
		}
	}
}

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
		{"https://h/x?token=abc", false, true},
		{"https://h/x?token=REDACTED", false, false},
	} {
		if got := Contains(c.s, c.dsn); got != c.want {
			t.Errorf("Contains(%q, %v) = %v, want %v", c.s, c.dsn, got, c.want)
		}
	}
}

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://app:hunter2@api.example.com/x?a=1", "https://api.example.com/x?a=1"},
		// Since issue 12: the name stays, so readers see it was there.
		{"Server=db;Password=hunter2;Database=shop", "Server=db;Password=REDACTED;Database=shop"},
		{"redis://:hunter2@cache:6379/0", "redis://cache:6379/0"},
		{"plain text", "plain text"},
		{"x" + strings.Repeat("a", 200) + "password=hunter2", "x" + strings.Repeat("a", 200) + "password=REDACTED"},
	} {
		if got := Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestValue(t *testing.T) {
	for _, c := range []struct{ k, v, want string }{
		{"http.request.header.authorization", "Bearer abc", Redacted},
		{"http.request.header.cookie", "session=abc", Redacted},
		{"http.request.header.x-api-key", "abc", Redacted},
		{"db.password", "abc", Redacted},
		{"aws.secret_access_key", "abc", Redacted},
		{"aws.s3.key", "orders/1.json", "orders/1.json"},
		{"messaging.kafka.message.key", "k1", "k1"},
		{"url.full", "https://h/?sig=abc", "https://h/?sig=REDACTED"},
		{"db.password", "", ""},
	} {
		if got := Value(c.k, c.v); got != c.want {
			t.Errorf("Value(%q, %q) = %q, want %q", c.k, c.v, got, c.want)
		}
	}
}

func TestRedactDoesNotAllocateForCleanText(t *testing.T) {
	s := "https://api.example.com/orders?id=1&page=2 took 12ms"
	if n := testing.AllocsPerRun(100, func() { _ = Redact(s) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

func TestRedactKeepsUTF8(t *testing.T) {
	s := strings.Repeat("İ", 10) + "password=é€;x=" + "\u202e"
	if got := Redact(s); !utf8.ValidString(got) || strings.Contains(got, "é€") {
		t.Errorf("Redact(%q) = %q", s, got)
	}
}
