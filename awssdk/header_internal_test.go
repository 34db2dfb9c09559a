package awssdk

import (
	"context"
	"testing"

	"github.com/otelxray/otelxray/internal/lambdaenv"
	"go.opentelemetry.io/otel/trace"
)

func TestTraceHeaderValue(t *testing.T) {
	tid := trace.TraceID{0x57, 0x59, 0xe9, 0x88, 0xbd, 0x86, 0x2e, 0x3f, 0xe1, 0xbe, 0x46, 0xa9, 0x94, 0x27, 0x27, 0x93}
	sid := trace.SpanID{0x53, 0x99, 0x5c, 0x3f, 0x42, 0xcd, 0x8a, 0xd8}
	sampled := trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled})
	tests := []struct {
		name    string
		sc      trace.SpanContext
		lineage string
		want    string
	}{
		{"sampled", sampled, "", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"},
		{"with lineage", sampled, "a87bd80c:0", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0"},
		{"unsampled", sampled.WithTraceFlags(0), "", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0"},
	}
	for _, tt := range tests {
		if got := traceHeaderValue(tt.sc, tt.lineage); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLineageOf(t *testing.T) {
	tests := []struct{ header, want string }{
		{"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0", "a87bd80c:0"},
		{"Root=1-5759e988-bd862e3fe1be46a994272793; Lineage=1:a87bd80c:3 ;Sampled=1", "1:a87bd80c:3"},
		{"Lineage=a87bd80c:0", "a87bd80c:0"},
		{"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", ""},
		{"", ""},
		{"Lineage=", ""},
		{"Lineage=a b", ""},
		{"Lineage=a\r\nX-Evil: 1", ""},
		{"Lineage=a,b", ""},
		{"Lineage=" + string(make([]byte, maxLineage+1)), ""},
		{"NotLineage=x;lineage=y", ""},
	}
	for _, tt := range tests {
		if got := lineageOf(tt.header); got != tt.want {
			t.Errorf("lineageOf(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestLineageSources(t *testing.T) {
	inLambda := func(k string) string {
		return map[string]string{lambdaenv.FunctionName: "f", lambdaTraceEnv: "Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=env:1"}[k]
	}
	outside := func(string) string { return "" }
	//lint:ignore SA1029 aws-lambda-go's key is a plain string
	withCtx := context.WithValue(context.Background(), lambdaContextKey, "Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=ctx:1")
	//lint:ignore SA1029 aws-lambda-go's key is a plain string
	withCtxNoLineage := context.WithValue(context.Background(), lambdaContextKey, "Root=1-5759e988-bd862e3fe1be46a994272793")
	tests := []struct {
		name     string
		ctx      context.Context
		existing string
		getenv   func(string) string
		want     string
	}{
		{"the context first", withCtx, "Lineage=hdr:1", inLambda, "ctx:1"},
		{"the context's header without one wins too", withCtxNoLineage, "Lineage=hdr:1", inLambda, ""},
		{"then the request's header", context.Background(), "Root=x;Lineage=hdr:1", inLambda, "hdr:1"},
		{"then the environment, in Lambda", context.Background(), "Root=x", inLambda, "env:1"},
		{"not outside Lambda", context.Background(), "", outside, ""},
	}
	for _, tt := range tests {
		m := &instrumentation{getenv: tt.getenv}
		if got := m.lineage(tt.ctx, tt.existing); got != tt.want {
			t.Errorf("%s: lineage = %q, want %q", tt.name, got, tt.want)
		}
	}
}
