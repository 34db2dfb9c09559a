package xraysampler

import (
	"math"
	"sync"
	"time"

	"github.com/otelxray/otelxray/internal/samplingrules"
	"github.com/otelxray/otelxray/metadata"

	"go.opentelemetry.io/otel/attribute"
)

// defaultReportInterval is how often a rule reports before X-Ray gives it
// an interval of its own.
const defaultReportInterval = 10 * time.Second

// rule is one sampling rule: its patterns, fixed for one set of rules, and
// its state, kept across rule refreshes while the rule keeps its name.
type rule struct {
	samplingrules.Rule
	st    *ruleState
	attrs []attribute.KeyValue // the SamplingRuleKey attribute, built once
}

func newRule(r samplingrules.Rule) *rule {
	return &rule{Rule: r, attrs: []attribute.KeyValue{metadata.SamplingRuleKey.String(r.RuleName)}}
}

// ruleState is a rule's reservoir, rate and statistics.
type ruleState struct {
	mu       sync.Mutex
	rate     float64
	capacity int64     // the rule's reservoir size; 0 means never borrow
	quota    int64     // per second, from the last target
	expires  time.Time // the quota's TTL; zero or past: borrow 1/s, then the rate
	interval time.Duration
	reported time.Time // when the last target arrived

	second   int64 // the Unix second used and borrowed count in
	used     int64
	borrowed bool

	requests, sampled, borrows int64 // since the last report
}

func newRuleState(r samplingrules.Rule) *ruleState {
	return &ruleState{rate: r.FixedRate, capacity: r.ReservoirSize, interval: defaultReportInterval}
}

// localState is the state of a local rule: its reservoir is its own
// fixed_target per second and never expires.
func localState(r samplingrules.Rule) *ruleState {
	st := newRuleState(r)
	st.quota, st.expires = r.ReservoirSize, time.Unix(math.MaxInt32*4, 0)
	return st
}

// sample decides for one request at now: from the reservoir while its
// quota lasts this second; when the quota has expired, by borrowing one
// request a second; otherwise at the fixed rate, rnd being uniform in
// [0, 1).
func (st *ruleState) sample(now time.Time, rnd func() float64) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.requests++
	if sec := now.Unix(); sec != st.second {
		st.second, st.used, st.borrowed = sec, 0, false
	}
	if !now.Before(st.expires) {
		if !st.borrowed && st.capacity > 0 {
			st.borrowed = true
			st.borrows++
			st.sampled++
			return true
		}
	} else if st.used < st.quota {
		st.used++
		st.sampled++
		return true
	}
	if rnd() < st.rate {
		st.sampled++
		return true
	}
	return false
}

// statistics returns and resets the counts since the last report, when the
// rule was used and its interval has passed since its last target.
func (st *ruleState) statistics(now time.Time) (requests, sampled, borrows int64, ok bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.requests == 0 || now.Before(st.reported.Add(st.interval)) {
		return 0, 0, 0, false
	}
	requests, sampled, borrows = st.requests, st.sampled, st.borrows
	st.requests, st.sampled, st.borrows = 0, 0, 0
	return requests, sampled, borrows, true
}

// setTarget applies X-Ray's target for the rule, received at now.
func (st *ruleState) setTarget(t samplingrules.Target, now time.Time) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.reported = now
	st.rate = t.FixedRate
	if t.ReservoirQuota != nil {
		st.quota = *t.ReservoirQuota
	}
	if t.ReservoirQuotaTTL != nil {
		sec, frac := math.Modf(*t.ReservoirQuotaTTL)
		st.expires = time.Unix(int64(sec), int64(frac*1e9))
	}
	if t.Interval != nil {
		st.interval = time.Duration(*t.Interval) * time.Second
	}
}

// updateRule takes a changed rule's rate and reservoir size, keeping the
// quota X-Ray gave.
func (st *ruleState) updateRule(r samplingrules.Rule) {
	st.mu.Lock()
	st.rate, st.capacity = r.FixedRate, r.ReservoirSize
	st.mu.Unlock()
}
