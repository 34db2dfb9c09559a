package samplingrules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
)

// MaxNameLen is the longest rule name X-Ray allows.
const MaxNameLen = 32

// Check reports what is wrong with r for a sampler to use it: a name of 1
// to 32 characters, a priority of 1 to 10000, a rate from 0 to 1, a
// reservoir of 0 or more, every pattern present, and version 1.
func Check(r Rule) error {
	switch {
	case r.RuleName == "" || len(r.RuleName) > MaxNameLen:
		return fmt.Errorf("rule name %q: want 1 to %d characters", clip(r.RuleName), MaxNameLen)
	case r.Version != 1:
		return fmt.Errorf("rule %q: version %d; only version 1 is known", r.RuleName, r.Version)
	case r.Priority < 1 || r.Priority > DefaultPriority:
		return fmt.Errorf("rule %q: priority %d; want 1 to %d", r.RuleName, r.Priority, DefaultPriority)
	case !(r.FixedRate >= 0 && r.FixedRate <= 1):
		return fmt.Errorf("rule %q: fixed rate %v; want 0 to 1", r.RuleName, r.FixedRate)
	case r.ReservoirSize < 0:
		return fmt.Errorf("rule %q: reservoir size %d; want 0 or more", r.RuleName, r.ReservoirSize)
	}
	for _, f := range [...]struct{ name, v string }{{"ResourceARN", r.ResourceARN}, {"ServiceName", r.ServiceName},
		{"ServiceType", r.ServiceType}, {"Host", r.Host}, {"HTTPMethod", r.HTTPMethod}, {"URLPath", r.URLPath}} {
		if f.v == "" {
			return fmt.Errorf("rule %q: %s is empty; use \"*\" to match everything", r.RuleName, f.name)
		}
	}
	return nil
}

// Rules is what one page of GetSamplingRules holds: the rules a sampler
// can use, the NextToken of the next page ("" for none), and why each rule
// left out was left out.
type Rules struct {
	Rules     []Rule
	NextToken string
	Skipped   []error
}

// ParseRulesResponse reads one page of GetSamplingRules. A document that is
// not the API's JSON is an error; a rule that fails [Check] is skipped and
// said why in Skipped.
func ParseRulesResponse(b []byte) (Rules, error) {
	var resp RulesResponse
	if err := strictJSON(b, &resp); err != nil {
		return Rules{}, fmt.Errorf("sampling rules: %w", err)
	}
	var out Rules
	if resp.NextToken != nil {
		out.NextToken = *resp.NextToken
	}
	for i, rec := range resp.SamplingRuleRecords {
		if rec.SamplingRule == nil {
			out.Skipped = append(out.Skipped, fmt.Errorf("record %d has no SamplingRule", i))
			continue
		}
		if err := Check(*rec.SamplingRule); err != nil {
			out.Skipped = append(out.Skipped, err)
			continue
		}
		out.Rules = append(out.Rules, *rec.SamplingRule)
	}
	return out, nil
}

// ParseTargetsResponse reads the answer of SamplingTargets. Targets with
// no rule name, a rate outside 0 to 1, a negative quota or a non-positive
// interval make it an error: a sampler keeps its old targets then.
func ParseTargetsResponse(b []byte) (TargetsResponse, error) {
	var resp TargetsResponse
	if err := strictJSON(b, &resp); err != nil {
		return TargetsResponse{}, fmt.Errorf("sampling targets: %w", err)
	}
	for _, t := range resp.SamplingTargetDocuments {
		if err := checkTarget(t); err != nil {
			return TargetsResponse{}, fmt.Errorf("sampling targets: %w", err)
		}
	}
	return resp, nil
}

func checkTarget(t Target) error {
	switch {
	case t.RuleName == "":
		return errors.New("a target has no RuleName")
	case !(t.FixedRate >= 0 && t.FixedRate <= 1):
		return fmt.Errorf("rule %q: fixed rate %v; want 0 to 1", clip(t.RuleName), t.FixedRate)
	case t.ReservoirQuota != nil && *t.ReservoirQuota < 0:
		return fmt.Errorf("rule %q: reservoir quota %d; want 0 or more", clip(t.RuleName), *t.ReservoirQuota)
	case t.ReservoirQuotaTTL != nil && !(*t.ReservoirQuotaTTL >= 0 && *t.ReservoirQuotaTTL < math.MaxInt32*100.0):
		return fmt.Errorf("rule %q: reservoir quota TTL %v is not a time in seconds since 1970", clip(t.RuleName), *t.ReservoirQuotaTTL)
	case t.Interval != nil && (*t.Interval < 1 || *t.Interval > 86400):
		return fmt.Errorf("rule %q: interval %d; want 1 to 86400 seconds", clip(t.RuleName), *t.Interval)
	}
	return nil
}

// ParseTargetsRequest reads the body of POST /SamplingTargets, for a
// server: every document needs a rule name, a client ID and counts that
// are not negative, with no more sampled or borrowed than requests.
func ParseTargetsRequest(b []byte) (TargetsRequest, error) {
	var req TargetsRequest
	if err := strictJSON(b, &req); err != nil {
		return TargetsRequest{}, fmt.Errorf("sampling statistics: %w", err)
	}
	if len(req.SamplingStatisticsDocuments) > MaxStatistics {
		return TargetsRequest{}, fmt.Errorf("sampling statistics: %d documents; at most %d a request", len(req.SamplingStatisticsDocuments), MaxStatistics)
	}
	for _, s := range req.SamplingStatisticsDocuments {
		switch {
		case s.RuleName == "" || s.ClientID == "":
			return TargetsRequest{}, errors.New("sampling statistics: a document has no RuleName or no ClientID")
		case s.RequestCount < 0 || s.SampledCount < 0 || s.BorrowCount < 0:
			return TargetsRequest{}, fmt.Errorf("sampling statistics for rule %q: negative counts", clip(s.RuleName))
		case s.SampledCount > s.RequestCount || s.BorrowCount > s.RequestCount:
			return TargetsRequest{}, fmt.Errorf("sampling statistics for rule %q: more sampled or borrowed than requests", clip(s.RuleName))
		}
	}
	return req, nil
}

// strictJSON decodes one JSON object into v and refuses trailing data.
func strictJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("not the JSON expected: %w", err)
	}
	if d.More() {
		return errors.New("not the JSON expected: data after the object")
	}
	return nil
}

func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
