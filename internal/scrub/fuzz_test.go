package scrub

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// markers are the bytes secrets are made of (with a form's hostile
// bytes); the text around a planted secret has none of them, so a marker
// in the output is a leaked piece of a secret.
const markers = "~^|"

// forms plant a secret: each has the bytes a secret of that form may not
// contain (beyond whitespace and the characters that end a URL).
var forms = []struct {
	before, after, forbidden string
}{
	{"https://u:", "@h.example.com/x", "@/?#"},
	{"https://u:", "@h.example.com/x", "@"},
	{"redis://:", "@cache:6379", "@"},
	{"app:", "@tcp(db:3306)/x", "@/"},
	{"Server=db;Password=", ";Database=shop", ";"},
	{`Server=db;Password="`, `";Database=shop`, `"`},
	{"Server=db;Password='", "';Database=shop", "'"},
	{"Server=db;PWD={", "};UID=app", "}"},
	{"host=db password=", " dbname=shop", ""},
	{"https://h.example.com/x?a=1&token=", "&b=2", "&#"},
	{"https://h.example.com/x?X-Amz-Signature=", "", "&#"},
	{"https://h.example.com/x#access_token=", "&t=bearer", "&#"},
	{"https://h.example.com/x?sig=", "", "&#"},
}

// secretOf makes a secret from raw: markers, with raw's bytes that are
// allowed in the form between them.
func secretOf(raw []byte, forbidden string) string {
	var b strings.Builder
	b.WriteByte(markers[0])
	for i, c := range raw {
		if c > ' ' && c < 0x7f && !urlEnd(c) && !strings.ContainsRune(forbidden+markers, rune(c)) && c != '=' {
			b.WriteByte(c)
		}
		b.WriteByte(markers[i%len(markers)])
	}
	return b.String()
}

func FuzzRedact(f *testing.F) {
	f.Add(uint8(0), []byte("pa#ss"), "see ", " now")
	f.Add(uint8(5), []byte("a;b"), "", "")
	f.Add(uint8(9), []byte("x"), "GET ", "")
	f.Add(uint8(3), []byte("p@ss"), "", "")
	f.Fuzz(func(t *testing.T, form uint8, raw []byte, prefix, suffix string) {
		// Any text: no panic, valid UTF-8 stays valid, nothing left to find.
		for _, s := range []string{prefix, suffix, prefix + string(raw) + suffix} {
			out := Redact(s)
			if utf8.ValidString(s) && !utf8.ValidString(out) {
				t.Fatalf("Redact(%q) = %q: not UTF-8", s, out)
			}
			if Contains(out, true) {
				t.Fatalf("Redact(%q) = %q, which still holds a credential", s, out)
			}
		}
		// A planted secret: no piece of it in the output.
		fm := forms[int(form)%len(forms)]
		clean := func(s string) string {
			return strings.Map(func(r rune) rune {
				if strings.ContainsRune(markers, r) {
					return -1
				}
				return r
			}, s)
		}
		in := clean(prefix) + " " + fm.before + secretOf(raw, fm.forbidden) + fm.after + " " + clean(suffix)
		out := Redact(in)
		if i := strings.IndexAny(out, markers); i >= 0 {
			t.Fatalf("Redact(%q)\n= %q: the secret leaks", in, out)
		}
	})
}

// BenchmarkRedactHostile runs the scrubber on 1 MB strings built to make a
// naive scanner quadratic: every kind of token it looks for, repeated.
func BenchmarkRedactHostile(b *testing.B) {
	for _, c := range []struct{ name, unit string }{
		{"schemes", "a://b:"},
		{"userinfo", "x://u:p@"},
		{"settings", "password="},
		{"names", strings.Repeat("a", 200) + "="},
		{"quotes", `pwd="`},
		{"spaces", "pwd=x "},
		{"at", "@"},
		{"clean", "https://api.example.com/orders?id=1 "},
	} {
		s := strings.Repeat(c.unit, (1<<20)/len(c.unit))
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				_ = Redact(s)
			}
		})
	}
}
