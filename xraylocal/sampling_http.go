package xraylocal

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/otelxray/otelxray/internal/samplingrules"
)

// maxSamplingBody caps a sampling proxy request's body.
const maxSamplingBody = 1 << 20

// serveGetSamplingRules answers POST /GetSamplingRules: every rule on one
// page, whatever NextToken asks for.
func (s *Server) serveGetSamplingRules(w http.ResponseWriter, r *http.Request) {
	b, ok := samplingBody(w, r)
	if !ok {
		return
	}
	var req samplingrules.RulesRequest
	if len(b) > 0 {
		if err := json.Unmarshal(b, &req); err != nil {
			writeError(w, http.StatusBadRequest, "GetSamplingRules: the body is not {\"NextToken\": ...}: "+err.Error())
			return
		}
	}
	writeJSON(w, http.StatusOK, s.sampling.records())
}

// serveSamplingTargets answers POST /SamplingTargets.
func (s *Server) serveSamplingTargets(w http.ResponseWriter, r *http.Request) {
	b, ok := samplingBody(w, r)
	if !ok {
		return
	}
	req, err := samplingrules.ParseTargetsRequest(b)
	if err != nil {
		writeError(w, http.StatusBadRequest, "SamplingTargets: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, s.sampling.targets(req))
}

// samplingBody reads a proxy request's body. It must say it is JSON, as
// the SDKs' requests do and as no cross-site form or simple request can.
func samplingBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if ct := r.Header.Get("Content-Type"); !strings.Contains(strings.ToLower(ct), "json") {
		writeError(w, http.StatusUnsupportedMediaType, "the sampling proxy takes Content-Type: application/json")
		return nil, false
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxSamplingBody))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, "the body is over 1 MiB or could not be read: "+err.Error())
		return nil, false
	}
	return b, true
}

// samplingReport is GET /api/sampling: the rules served and what the
// samplers reported for each.
type samplingReport struct {
	Source               string             `json:"source"`
	LastRuleModification time.Time          `json:"last_rule_modification"`
	Rules                []samplingRuleInfo `json:"rules"`
}

type samplingRuleInfo struct {
	Rule     samplingrules.Rule   `json:"rule"`
	Requests int64                `json:"requests"`
	Sampled  int64                `json:"sampled"`
	Borrowed int64                `json:"borrowed"`
	Samplers []samplingClientInfo `json:"samplers"`
}

type samplingClientInfo struct {
	ClientID   string    `json:"client_id"`
	LastReport time.Time `json:"last_report"`
	Active     bool      `json:"active"`
	Quota      int64     `json:"reservoir_quota"`
	QuotaTTL   time.Time `json:"reservoir_quota_ttl"`
	Requests   int64     `json:"requests"`
	Sampled    int64     `json:"sampled"`
	Borrowed   int64     `json:"borrowed"`
}

func (p *samplingProxy) report() samplingReport {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	out := samplingReport{Source: p.source, LastRuleModification: p.loaded.UTC(), Rules: []samplingRuleInfo{}}
	for _, r := range p.sorted() {
		ri := samplingRuleInfo{Rule: r, Samplers: []samplingClientInfo{}}
		if rc := p.counts[r.RuleName]; rc != nil {
			ri.Requests, ri.Sampled, ri.Borrowed = rc.requests, rc.sampled, rc.borrowed
			for id, c := range rc.clients {
				ri.Samplers = append(ri.Samplers, samplingClientInfo{ClientID: id, LastReport: c.seen.UTC(),
					Active: now.Sub(c.seen) < samplingActive, Quota: c.quota, QuotaTTL: c.ttl.UTC(),
					Requests: c.requests, Sampled: c.sampled, Borrowed: c.borrowed})
			}
			slices.SortFunc(ri.Samplers, func(a, b samplingClientInfo) int { return strings.Compare(a.ClientID, b.ClientID) })
		}
		out.Rules = append(out.Rules, ri)
	}
	return out
}
