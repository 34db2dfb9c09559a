package xraylocal

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/otelxray/otelxray/internal/samplingrules"
)

// Sampling proxy timings, as X-Ray hands them out.
const (
	// samplingInterval is the Interval of every target: how often a
	// sampler is to report.
	samplingInterval = 10 * time.Second
	// samplingQuotaTTL is how long a reservoir quota is good for, three
	// intervals, so that one late report does not drop a sampler to
	// borrowing.
	samplingQuotaTTL = 3 * samplingInterval
	// samplingActive is how recently a sampler must have reported a rule
	// to get a share of its reservoir.
	samplingActive = 2 * samplingInterval
	// maxSamplingClients caps the samplers remembered per rule.
	maxSamplingClients = 1000
)

// WithSamplingRules serves the sampling proxy (POST /GetSamplingRules and
// POST /SamplingTargets on the HTTP address) from the rules in file: the
// X-Ray SDKs' local format ({"version": 2, "rules": [...], "default":
// {...}}) or GetSamplingRules' answer as `aws xray get-sampling-rules`
// prints it. Without it the proxy serves X-Ray's default rule alone: the
// first request each second and 5% of the others. Start fails if the file
// cannot be read or holds an invalid rule.
func WithSamplingRules(file string) Option {
	return func(c *config) { c.samplingRules = file }
}

// samplingProxy serves X-Ray's sampling proxy from fixed rules and keeps
// what samplers reported.
type samplingProxy struct {
	now    func() time.Time
	source string
	err    error // reading the rules file, reported by Start

	mu     sync.Mutex
	rules  []samplingrules.Rule
	loaded time.Time // LastRuleModification
	counts map[string]*ruleCounts
}

// ruleCounts is what samplers reported for one rule, since the start.
type ruleCounts struct {
	requests, sampled, borrowed int64
	clients                     map[string]*samplingClient
}

// samplingClient is one sampler's last report of a rule and its quota.
type samplingClient struct {
	seen                        time.Time
	quota                       int64
	ttl                         time.Time
	requests, sampled, borrowed int64
}

func newSamplingProxy(file string, now func() time.Time) *samplingProxy {
	p := &samplingProxy{now: now, source: "X-Ray's default rule", loaded: now(), counts: map[string]*ruleCounts{}}
	p.rules = []samplingrules.Rule{samplingrules.Default()}
	if file == "" {
		return p
	}
	b, err := os.ReadFile(file)
	if err == nil {
		var rs []samplingrules.Rule
		if rs, err = samplingrules.ParseFile(b); err == nil {
			p.rules, p.source = rs, file
		}
	}
	if err != nil {
		p.err = fmt.Errorf("xraylocal: sampling rules %s: %w", file, err)
	}
	return p
}

// records returns the rules as GetSamplingRules does, ordered by priority
// then name, all on one page.
func (p *samplingProxy) records() samplingrules.RulesResponse {
	p.mu.Lock()
	defer p.mu.Unlock()
	at := float64(p.loaded.Unix())
	out := samplingrules.RulesResponse{SamplingRuleRecords: make([]samplingrules.Record, 0, len(p.rules))}
	for _, r := range p.sorted() {
		if r.RuleARN == "" {
			r.RuleARN = "arn:aws:xray:local::sampling-rule/" + r.RuleName
		}
		out.SamplingRuleRecords = append(out.SamplingRuleRecords, samplingrules.Record{SamplingRule: &r, CreatedAt: at, ModifiedAt: at})
	}
	return out
}

func (p *samplingProxy) sorted() []samplingrules.Rule {
	rs := slices.Clone(p.rules)
	slices.SortStableFunc(rs, func(a, b samplingrules.Rule) int {
		return cmp.Or(cmp.Compare(a.Priority, b.Priority), cmp.Compare(a.RuleName, b.RuleName))
	})
	return rs
}

// targets takes samplers' statistics and answers with each one's target:
// the rule's fixed rate and an equal share of its reservoir among the
// samplers that reported the rule in the last 20 seconds (the remainder to
// the first by client ID), good for 30 seconds, to report again in 10.
// Statistics for rules not served come back as unprocessed, code 400.
func (p *samplingProxy) targets(req samplingrules.TargetsRequest) samplingrules.TargetsResponse {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	out := samplingrules.TargetsResponse{LastRuleModification: float64(p.loaded.Unix()),
		SamplingTargetDocuments: []samplingrules.Target{}, UnprocessedStatistics: []samplingrules.Unprocessed{}}
	for _, st := range req.SamplingStatisticsDocuments {
		i := slices.IndexFunc(p.rules, func(r samplingrules.Rule) bool { return r.RuleName == st.RuleName })
		if i < 0 {
			out.UnprocessedStatistics = append(out.UnprocessedStatistics, samplingrules.Unprocessed{RuleName: st.RuleName,
				ErrorCode: "400", Message: "no such rule; fetch the rules again (GetSamplingRules)"})
			continue
		}
		r := p.rules[i]
		rc := p.countsFor(r.RuleName)
		rc.requests += st.RequestCount
		rc.sampled += st.SampledCount
		rc.borrowed += st.BorrowCount
		c := rc.clients[st.ClientID]
		if c == nil {
			if len(rc.clients) >= maxSamplingClients {
				rc.forgetOldest()
			}
			c = &samplingClient{}
			rc.clients[st.ClientID] = c
		}
		c.seen = now
		c.requests, c.sampled, c.borrowed = c.requests+st.RequestCount, c.sampled+st.SampledCount, c.borrowed+st.BorrowCount
		c.quota, c.ttl = rc.share(st.ClientID, r.ReservoirSize, now), now.Add(samplingQuotaTTL)
		quota, ttl, interval := c.quota, float64(c.ttl.Unix()), int64(samplingInterval/time.Second)
		out.SamplingTargetDocuments = append(out.SamplingTargetDocuments, samplingrules.Target{RuleName: r.RuleName,
			FixedRate: r.FixedRate, ReservoirQuota: &quota, ReservoirQuotaTTL: &ttl, Interval: &interval})
	}
	return out
}

func (p *samplingProxy) countsFor(name string) *ruleCounts {
	rc := p.counts[name]
	if rc == nil {
		rc = &ruleCounts{clients: map[string]*samplingClient{}}
		p.counts[name] = rc
	}
	return rc
}

// share returns client id's part of a reservoir of size per second.
func (rc *ruleCounts) share(id string, size int64, now time.Time) int64 {
	var active []string
	for cid, c := range rc.clients {
		if now.Sub(c.seen) < samplingActive {
			active = append(active, cid)
		}
	}
	slices.Sort(active)
	n := int64(len(active))
	i := int64(slices.Index(active, id))
	if n == 0 || i < 0 {
		return 0
	}
	q := size / n
	if i < size%n {
		q++
	}
	return q
}

func (rc *ruleCounts) forgetOldest() {
	var oldest string
	var at time.Time
	for id, c := range rc.clients {
		if oldest == "" || c.seen.Before(at) {
			oldest, at = id, c.seen
		}
	}
	delete(rc.clients, oldest)
}
