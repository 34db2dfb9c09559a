package xraysampler

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/otelxray/otelxray/internal/samplingrules"
)

// Limits on what the proxy may send.
const (
	maxResponseBytes = 4 << 20
	maxRulePages     = 100
	maxRules         = 1000 // X-Ray allows 25 an account
)

// proxy is the daemon's sampling proxy, spoken to as the X-Ray SDKs do.
type proxy struct {
	base   string // "http://host:port"
	client *http.Client
}

// rules fetches every page of GetSamplingRules. Rules that fail
// samplingrules.Check are left out and returned in skipped.
func (p *proxy) rules(ctx context.Context) (rules []samplingrules.Rule, skipped []error, err error) {
	var token *string
	seen := map[string]bool{}
	for range maxRulePages {
		b, err := p.post(ctx, "/GetSamplingRules", samplingrules.RulesRequest{NextToken: token})
		if err != nil {
			return nil, nil, err
		}
		page, err := samplingrules.ParseRulesResponse(b)
		if err != nil {
			return nil, nil, err
		}
		rules = append(rules, page.Rules...)
		if len(rules) > maxRules {
			return nil, nil, fmt.Errorf("sampling rules: more than %d", maxRules)
		}
		skipped = append(skipped, page.Skipped...)
		if page.NextToken == "" {
			return rules, skipped, nil
		}
		if seen[page.NextToken] {
			return nil, nil, errors.New("sampling rules: the proxy sent the same NextToken twice")
		}
		seen[page.NextToken] = true
		token = &page.NextToken
	}
	return nil, nil, fmt.Errorf("sampling rules: more than %d pages", maxRulePages)
}

// targets reports statistics and returns X-Ray's targets.
func (p *proxy) targets(ctx context.Context, stats []samplingrules.Statistics) (samplingrules.TargetsResponse, error) {
	b, err := p.post(ctx, "/SamplingTargets", samplingrules.TargetsRequest{SamplingStatisticsDocuments: stats})
	if err != nil {
		return samplingrules.TargetsResponse{}, err
	}
	return samplingrules.ParseTargetsResponse(b)
}

func (p *proxy) post(ctx context.Context, path string, body any) ([]byte, error) {
	reqBody, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, DefaultRequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.base+path, bytes.NewReader(reqBody))
	if err != nil {
		return nil, fmt.Errorf("sampling proxy %s: %w", p.base, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sampling proxy %s%s: %w; is the X-Ray daemon (or xraylocal) running there?", p.base, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("sampling proxy %s%s: reading the answer: %w", p.base, path, err)
	}
	if len(b) > maxResponseBytes {
		return nil, fmt.Errorf("sampling proxy %s%s: the answer is over %d bytes", p.base, path, maxResponseBytes)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("sampling proxy %s%s: HTTP %d: %s", p.base, path, resp.StatusCode, strconv.Quote(string(b[:min(len(b), 200)])))
	}
	return b, nil
}
