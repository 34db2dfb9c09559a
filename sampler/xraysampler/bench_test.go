package xraysampler

import (
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/samplingrules"

	"go.opentelemetry.io/otel/attribute"
)

// BenchmarkShouldSample is a root span's decision against ten rules, the
// matching one last but Default: it runs on every span start.
func BenchmarkShouldSample(b *testing.B) {
	s, err := New(WithoutCentralized(), WithResource(testResource(attribute.String("service.name", "Scorekeep"),
		attribute.String("cloud.platform", "aws_ec2"))))
	if err != nil {
		b.Fatal(err)
	}
	s.remote.Store(newManifest(docRules(), nil, newRuleState, time.Now()))
	p := params(append(httpAttrs("POST", "api.internal", "/api/move/1"), attribute.String("http.route", "/api/move/:id"))...)
	b.ReportAllocs()
	for b.Loop() {
		s.ShouldSample(p)
	}
}

// BenchmarkShouldSampleParallel is the same from every core, on one rule.
func BenchmarkShouldSampleParallel(b *testing.B) {
	s, err := New(WithoutCentralized())
	if err != nil {
		b.Fatal(err)
	}
	s.remote.Store(newManifest([]samplingrules.Rule{samplingrules.Default()}, nil, newRuleState, time.Now()))
	p := params(httpAttrs("GET", "h", "/")...)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			s.ShouldSample(p)
		}
	})
}
