package scrub

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/otelxray/otelxray/internal/scrub/scrubtest"
)

// scrubSlow is scrub without the fast path: every pass, on every string.
func scrubSlow(s string, dsn bool) string {
	if dsn {
		s = stripDSN(s)
	}
	return redactSettings(stripUserinfo(s))
}

// redactSlow is Redact without the fast path.
func redactSlow(s string) string {
	out := scrubSlow(s, true)
	if out != s && scrubSlow(out, true) != out {
		return Placeholder
	}
	return out
}

// checkFastPath fails t when the fast path and the slow path differ on s.
func checkFastPath(t *testing.T, s string) {
	t.Helper()
	if got, want := Redact(s), redactSlow(s); got != want {
		t.Fatalf("Redact(%q) = %q, the slow path gives %q", s, got, want)
	}
	for _, dsn := range []bool{true, false} {
		slow := scrubSlow(s, dsn)
		if got := scrub(s, dsn); got != slow {
			t.Fatalf("scrub(%q, %v) = %q, the slow path gives %q", s, dsn, got, slow)
		}
		if cannotHoldSecret(s) && slow != s {
			t.Fatalf("cannotHoldSecret(%q), but the slow path gives %q", s, slow)
		}
	}
}

// fastPathInputs is every string of the shared corpus (inputs and
// outputs), the kept strings, the typical exporter strings and the seeds
// of the fuzz corpus in testdata.
func fastPathInputs(t testing.TB) []string {
	var in []string
	for _, c := range scrubtest.Corpus {
		in = append(in, c.In, c.Want)
	}
	in = append(in, scrubtest.Kept...)
	for _, c := range typical {
		in = append(in, c.s)
	}
	for _, f := range forms {
		in = append(in, f.before+"x"+f.after)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			// string("...") and []byte("...") lines of "go test fuzz v1".
			if i := strings.IndexByte(line, '('); i > 0 && strings.HasSuffix(line, ")") {
				if v, err := strconv.Unquote(line[i+1 : len(line)-1]); err == nil {
					in = append(in, v)
				}
			}
		}
	}
	return in
}

// TestFastPathAgrees compares the fast path with the slow one on every
// input and on every substring of it, so that each input's pieces (a
// URL cut before its '@', a setting without its '=') are checked too.
func TestFastPathAgrees(t *testing.T) {
	inputs := fastPathInputs(t)
	fast := 0
	for _, s := range inputs {
		for i := 0; i <= len(s); i++ {
			for j := i; j <= len(s); j++ {
				checkFastPath(t, s[i:j])
				if cannotHoldSecret(s[i:j]) {
					fast++
				}
			}
		}
	}
	if fast == 0 {
		t.Error("no input took the fast path")
	}
}

func TestCannotHoldSecret(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", true},
		{"DynamoDB.GetItem", true},
		{"arn:aws:lambda:us-east-1:123456789012:function:checkout", true},
		{"https://api.example.com/v1/orders/12345", true},
		{"mail bob@example.com", true},                  // a '@' but no ':'
		{"Authorization: Bearer abc", true},             // a header value: CredentialKey's business
		{"password hunter2", true},                      // a keyword without '='
		{"https://u:p@h/", false},                       // userinfo
		{"app:pw@tcp(db:3306)/x", false},                // a MySQL DSN
		{"jdbc:oracle:thin:scott/tiger@db:1521", false}, // Oracle
		{"password=x", false},                           // a setting
		{"https://h/?token=x", false},
	} {
		if got := cannotHoldSecret(c.s); got != c.want {
			t.Errorf("cannotHoldSecret(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

func TestFastPathDoesNotAllocate(t *testing.T) {
	for _, c := range typical {
		if n := testing.AllocsPerRun(100, func() { _ = Redact(c.s) }); n != 0 && c.name != "secret" {
			t.Errorf("Redact(%q): %v allocations", c.s, n)
		}
	}
}

// FuzzRedactFastPath checks, for any text, that the fast path gives what
// the slow path gives, and that a string the fast path lets through is
// one every pass of the slow path leaves as it is.
func FuzzRedactFastPath(f *testing.F) {
	for _, s := range fastPathInputs(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFastPath(t, s)
	})
}
