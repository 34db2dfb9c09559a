package xrayheader

import (
	"context"
	"testing"

	"github.com/aws/aws-xray-sdk-go/header"
)

func TestParent(t *testing.T) {
	const root, parent = "1-5759e988-bd862e3fe1be46a994272793", "53995c3f42cd8ad8"
	// passThrough is the stand-in parent without a Parent: the trace ID's
	// last 8 bytes, top bit set, so that it is valid and stable.
	const passThrough = "e1be46a994272793"
	tests := []struct {
		name                   string
		header                 string
		wantValid, wantSampled bool
		wantSpan               string
	}{
		{"sampled", "Root=" + root + ";Parent=" + parent + ";Sampled=1", true, true, parent},
		{"unsampled", "Root=" + root + ";Parent=" + parent + ";Sampled=0", true, false, parent},
		{"PassThrough: no Parent", "Root=" + root + ";Lineage=a87bd80c:0", true, false, passThrough},
		{"a bad Parent is PassThrough", "Root=" + root + ";Parent=xyz;Sampled=1", true, false, passThrough},
		{"spaces around parts", " Root=" + root + " ; Parent=" + parent + " ; Sampled=1 ", true, true, parent},
		{"a key given twice keeps its last value", "Root=" + root + ";Parent=" + parent + ";Sampled=1;Sampled=0", true, false, parent},
		{"Sampled=? is not sampled", "Root=" + root + ";Parent=" + parent + ";Sampled=?", true, false, parent},
		{"empty", "", false, false, ""},
		{"no Root", "Parent=" + parent + ";Sampled=1", false, false, ""},
		{"a bad Root", "Root=1-5759e988-BD862E3FE1BE46A994272793;Parent=" + parent + ";Sampled=1", false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := Parent(tt.header)
			if sc.IsValid() != tt.wantValid || sc.IsSampled() != tt.wantSampled {
				t.Fatalf("Parent(%q) = %+v: valid %v sampled %v, want %v %v", tt.header, sc,
					sc.IsValid(), sc.IsSampled(), tt.wantValid, tt.wantSampled)
			}
			if !tt.wantValid {
				return
			}
			if !sc.IsRemote() || sc.TraceID().String() != "5759e988bd862e3fe1be46a994272793" {
				t.Errorf("Parent(%q) = %+v, want a remote parent in the Root's trace", tt.header, sc)
			}
			if sc.SpanID().String() != tt.wantSpan {
				t.Errorf("Parent(%q) span = %s, want %s", tt.header, sc.SpanID(), tt.wantSpan)
			}
		})
	}
}

func TestFromContext(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == EnvTraceHeader {
				return v
			}
			return ""
		}
	}
	//lint:ignore SA1029 aws-lambda-go's key is a plain string
	withKey := func(v string) context.Context { return context.WithValue(context.Background(), ContextKey, v) }
	tests := []struct {
		name   string
		ctx    context.Context
		getenv func(string) string
		want   string
	}{
		{"the context wins", withKey("ctx"), env("env"), "ctx"},
		{"even empty", withKey(""), env("env"), ""},
		{"else the environment", context.Background(), env("env"), "env"},
		{"neither", context.Background(), env(""), ""},
	}
	for _, tt := range tests {
		if got := FromContext(tt.ctx, tt.getenv); got != tt.want {
			t.Errorf("%s: FromContext = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// FuzzFields holds fields to the X-Ray SDK's reading of a header
// (header.FromString), which this package no longer links.
func FuzzFields(f *testing.F) {
	for _, s := range []string{"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
		" Root = x ;Parent=;Sampled=?;Self=1-a-b;Lineage=a87bd80c:0", "Root=a;Root=b;Sampled=1;Sampled=0", "=;;="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		root, parent, sampled := Fields(h)
		want := header.FromString(h)
		if root != want.TraceID || parent != want.ParentID || (sampled == "1") != (want.SamplingDecision == header.Sampled) {
			t.Fatalf("Fields(%q) = %q %q %q, X-Ray SDK: %q %q %q", h, root, parent, sampled,
				want.TraceID, want.ParentID, want.SamplingDecision)
		}
	})
}
