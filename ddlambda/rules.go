package ddlambda

import (
	"encoding/json"
	"fmt"
	"math"
	"path"
	"sync"
	"time"
)

// rule is one sampling rule: a trace whose root matches service, name and
// resource (globs, "" matches anything) is kept with probability rate.
type rule struct {
	service, name, resource string
	rate                    float64
}

// jsonRule is a DD_TRACE_SAMPLING_RULES entry.
type jsonRule struct {
	Service    string            `json:"service"`
	Name       string            `json:"name"`
	Resource   string            `json:"resource"`
	Tags       map[string]string `json:"tags"`
	SampleRate *float64          `json:"sample_rate"`
}

// maxRules bounds the rules read from the environment.
const maxRules = 64

// parseRules reads the simple form of DD_TRACE_SAMPLING_RULES: a JSON
// array of {"service", "name", "resource", "sample_rate"} with * and ?
// globs. A rule with tags, or without a rate from 0 to 1, is said and
// skipped.
func parseRules(v string) ([]rule, []error) {
	if v == "" {
		return nil, nil
	}
	var in []jsonRule
	if err := json.Unmarshal([]byte(v), &in); err != nil {
		return nil, []error{fmt.Errorf("ddlambda: %s is not a JSON array of rules (%v); no rule is applied", envSamplingRules, err)}
	}
	var out []rule
	var errs []error
	for i, r := range in {
		switch {
		case i >= maxRules:
			return out, append(errs, fmt.Errorf("ddlambda: %s: only the first %d rules are applied", envSamplingRules, maxRules))
		case len(r.Tags) > 0:
			errs = append(errs, fmt.Errorf("ddlambda: %s: rule %d matches tags, which this library does not support; it is skipped", envSamplingRules, i))
		case r.SampleRate == nil || !(*r.SampleRate >= 0 && *r.SampleRate <= 1):
			errs = append(errs, fmt.Errorf("ddlambda: %s: rule %d has no sample_rate from 0 to 1; it is skipped", envSamplingRules, i))
		case !validGlob(r.Service) || !validGlob(r.Name) || !validGlob(r.Resource):
			errs = append(errs, fmt.Errorf("ddlambda: %s: rule %d has a malformed pattern; it is skipped", envSamplingRules, i))
		default:
			out = append(out, rule{service: r.Service, name: r.Name, resource: r.Resource, rate: *r.SampleRate})
		}
	}
	return out, errs
}

func validGlob(p string) bool {
	_, err := path.Match(p, "")
	return err == nil
}

// matches reports whether the rule applies to a trace root.
func (r rule) matches(service, name, resource string) bool {
	return glob(r.service, service) && glob(r.name, name) && glob(r.resource, resource)
}

func glob(pattern, s string) bool {
	if pattern == "" || pattern == "*" {
		return true
	}
	ok, _ := path.Match(pattern, s)
	return ok
}

// knuthFactor is the multiplier Datadog's tracers sample trace IDs with, so
// that every tracer given the same rate keeps the same traces.
const knuthFactor = uint64(1111111111111111111)

// sampledByRate is Datadog's rate decision for a trace ID's low 64 bits.
func sampledByRate(traceID uint64, rate float64) bool {
	if rate >= 1 {
		return true
	}
	if rate <= 0 {
		return false
	}
	return traceID*knuthFactor <= uint64(rate*math.MaxUint64)
}

// limiter is a token bucket: at most rate traces per second (bursts of
// rate), as DD_TRACE_RATE_LIMIT bounds the traces rules keep.
type limiter struct {
	mu     sync.Mutex
	rate   float64
	tokens float64
	last   time.Time
	now    func() time.Time
}

func newLimiter(rate float64) *limiter {
	return &limiter{rate: rate, tokens: max(rate, 1), now: time.Now}
}

// allow takes a token if there is one.
func (l *limiter) allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if !l.last.IsZero() {
		l.tokens = min(max(l.rate, 1), l.tokens+now.Sub(l.last).Seconds()*l.rate)
	}
	l.last = now
	if l.tokens >= 1 {
		l.tokens--
		return true
	}
	return false
}
