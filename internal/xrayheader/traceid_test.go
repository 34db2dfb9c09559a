package xrayheader

import (
	"encoding/hex"
	"errors"
	"testing"

	"go.opentelemetry.io/otel/trace"
)

func TestParseTraceID(t *testing.T) {
	tests := []struct {
		in      string
		want    string // the trace ID in hex, when it parses
		wantErr error
	}{
		{"1-5759e988-bd862e3fe1be46a994272793", "5759e988bd862e3fe1be46a994272793", nil},
		{"1-00000000-000000000000000000000000", "00000000000000000000000000000000", nil},
		{"", "", ErrTraceIDLayout},
		{"5759e988bd862e3fe1be46a994272793", "", ErrTraceIDLayout},
		{"2-5759e988-bd862e3fe1be46a994272793", "", ErrTraceIDLayout},
		{"1_5759e988-bd862e3fe1be46a994272793", "", ErrTraceIDLayout},
		{"1-5759e988_bd862e3fe1be46a994272793", "", ErrTraceIDLayout},
		{"1-5759e988-bd862e3fe1be46a99427279", "", ErrTraceIDLayout},
		{"1-5759e988-bd862e3fe1be46a9942727930", "", ErrTraceIDLayout},
		{"1-5759E988-bd862e3fe1be46a994272793", "", ErrTraceIDDigits},
		{"1-5759e988-bd862e3fe1be46a99427279g", "", ErrTraceIDDigits},
		{"1-5759e988-bd862e3fe1be-6a994272793", "", ErrTraceIDDigits},
	}
	for _, tt := range tests {
		id, err := ParseTraceID(tt.in)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("ParseTraceID(%q) error = %v, want %v", tt.in, err, tt.wantErr)
		}
		if err != nil {
			if id != (trace.TraceID{}) {
				t.Errorf("ParseTraceID(%q) = %s with an error, want the zero ID", tt.in, id)
			}
			continue
		}
		if got := hex.EncodeToString(id[:]); got != tt.want {
			t.Errorf("ParseTraceID(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzParseTraceID: what parses is exactly the X-Ray form of the ID it
// gives, and what does not gives the zero ID and one of the two errors.
func FuzzParseTraceID(f *testing.F) {
	for _, s := range []string{"1-5759e988-bd862e3fe1be46a994272793", "1-5759E988-bd862e3fe1be46a994272793", "", "1--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseTraceID(s)
		if err != nil {
			if id != (trace.TraceID{}) || (err != ErrTraceIDLayout && err != ErrTraceIDDigits) {
				t.Fatalf("ParseTraceID(%q) = %s, %v", s, id, err)
			}
			return
		}
		if back := "1-" + hex.EncodeToString(id[:4]) + "-" + hex.EncodeToString(id[4:]); back != s {
			t.Fatalf("ParseTraceID(%q) = %s, which prints as %q", s, id, back)
		}
	})
}
