package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzValidate checks that Validate never panics, always returns nil or a
// *Error, and accepts only bodies that are valid JSON and UTF-8
// within the size limits.
func FuzzValidate(f *testing.F) {
	for _, c := range testCases {
		// The 64 KB size-limit inputs make mutation and minimization crawl
		// (measured: about 0 execs/s after the first seconds, against
		// 40,000/s without them); TestValidate covers the size rule.
		if len(c.in) > 8192 {
			continue
		}
		f.Add([]byte(c.in))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "valid", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
			f.Add(append([]byte(testHeader), b...))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		err := Auto(b)
		if err != nil {
			var verr *Error
			if !errors.As(err, &verr) {
				t.Fatalf("error is %T, want *Error", err)
			}
			if n := len(verr.Problems); n == 0 || n > maxProblems {
				t.Fatalf("%d problems", n)
			}
			if verr.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		body := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 && bytes.HasPrefix(b, []byte(`{"format"`)) {
			body = b[i+1:]
			if len(b) > maxDatagramSize {
				t.Fatalf("accepted a %d-byte datagram", len(b))
			}
		} else if len(b) > maxDocumentSize {
			t.Fatalf("accepted a %d-byte document", len(b))
		}
		if !json.Valid(body) {
			t.Fatalf("accepted invalid JSON %q", body)
		}
		if !utf8.Valid(body) {
			t.Fatalf("accepted invalid UTF-8 %q", body)
		}
	})
}
