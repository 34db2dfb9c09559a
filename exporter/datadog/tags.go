package datadog

import (
	"os"
	"strings"

	"github.com/otelxray/otelxray/exporter/datadog/internal/payload"
	"github.com/otelxray/otelxray/internal/envflag"
	"github.com/otelxray/otelxray/internal/lambdaenv"
	"github.com/otelxray/otelxray/internal/scrub"
)

// EnvTags is the variable of tags every span gets (WithTags wins):
// key:value pairs separated by commas or spaces, as Datadog reads DD_TAGS.
const EnvTags = "DD_TAGS"

// maxTags bounds the tags read from DD_TAGS.
const maxTags = 64

// WithTags adds tags to every span, overriding DD_TAGS. A span's own tag
// of the same key wins.
func WithTags(tags map[string]string) Option {
	return func(c *config) {
		c.tags = make(map[string]string, len(tags))
		for k, v := range tags {
			c.tags[k] = v
		}
	}
}

// spanTags reads DD_TAGS unless WithTags was given, and in Lambda the
// function's runtime (the runtime tag of Datadog's aws.lambda span).
func (c *config) spanTags() {
	if c.tags == nil {
		c.tags = parseTags(envflag.Tags(c.getenv, EnvTags))
	}
	for k, v := range c.tags {
		c.tags[k] = scrub.Redact(v)
	}
	if lambdaenv.In(c.getenv) {
		c.runtime = lambdaenv.Runtime(c.getenv, os.ReadFile)
	}
}

// parseTags reads DD_TAGS' key:value entries (envflag.Tags, as ddlambda
// reads them for metrics); a key without a value gets an empty one.
func parseTags(entries []string) map[string]string {
	var m map[string]string
	for _, e := range entries {
		k, val, _ := strings.Cut(e, ":")
		if k = strings.TrimSpace(k); k == "" || len(m) >= maxTags {
			continue
		}
		if m == nil {
			m = map[string]string{}
		}
		m[k] = strings.TrimSpace(val)
	}
	return m
}

// decorate adds the configured tags, and the runtime to the function span.
func (e *Exporter) decorate(d *payload.Span) {
	for k, v := range e.cfg.tags {
		if _, ok := d.Meta[k]; !ok {
			d.Meta[k] = v
		}
	}
	if e.cfg.runtime != "" && d.Type == "serverless" {
		d.Meta["runtime"] = e.cfg.runtime
	}
}
