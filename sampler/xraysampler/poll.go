package xraysampler

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/otelxray/otelxray/internal/samplingrules"
)

// poll fetches the rules at once and then every rules interval, and
// reports statistics every targets interval, each with jitter, until ctx
// ends.
func (s *Sampler) poll(ctx context.Context) {
	defer close(s.done)
	rules := time.NewTimer(0)
	targets := time.NewTimer(jitter(s.cfg.targetsInterval, 100*time.Millisecond))
	defer rules.Stop()
	defer targets.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-rules.C:
			s.refreshRules(ctx)
			rules.Reset(jitter(s.cfg.rulesInterval, 5*time.Second))
		case <-targets.C:
			if s.refreshTargets(ctx) {
				s.refreshRules(ctx)
			}
			targets.Reset(jitter(s.cfg.targetsInterval, 100*time.Millisecond))
		}
	}
}

func jitter(d, upTo time.Duration) time.Duration {
	return d + rand.N(upTo)
}

func (s *Sampler) fail(err error) {
	if err == nil {
		s.lastErr.Store(nil)
		return
	}
	s.lastErr.Store(&err)
}

// refreshRules fetches the rules and puts them in place, keeping the state
// of rules that keep their names. On an error the rules stay as they were.
func (s *Sampler) refreshRules(ctx context.Context) {
	rs, skipped, err := s.proxy.rules(ctx)
	if err != nil {
		s.fail(err)
		return
	}
	s.remote.Store(newManifest(rs, s.remote.Load(), newRuleState, s.cfg.now()))
	s.fail(errors.Join(skipped...))
}

// refreshTargets reports the statistics of the rules due and applies the
// targets X-Ray sends back. It reports whether the rules are to be fetched
// again: they changed since fetched, or X-Ray did not know a rule.
func (s *Sampler) refreshTargets(ctx context.Context) (refetch bool) {
	m := s.remote.Load()
	if m == nil {
		return false
	}
	now := s.cfg.now()
	var stats []samplingrules.Statistics
	for _, r := range m.rules {
		req, sampled, borrowed, ok := r.st.statistics(now)
		if !ok {
			continue
		}
		stats = append(stats, samplingrules.Statistics{RuleName: r.RuleName, ClientID: s.clientID,
			Timestamp: float64(now.UnixNano()) / 1e9, RequestCount: req, SampledCount: sampled, BorrowCount: borrowed})
	}
	if len(stats) == 0 {
		return false
	}
	for len(stats) > 0 {
		n := min(len(stats), samplingrules.MaxStatistics)
		if s.applyTargets(ctx, m, stats[:n]) {
			refetch = true
		}
		stats = stats[n:]
	}
	return refetch
}

// applyTargets sends one batch of statistics and applies the answer.
func (s *Sampler) applyTargets(ctx context.Context, m *manifest, stats []samplingrules.Statistics) (refetch bool) {
	resp, err := s.proxy.targets(ctx, stats)
	if err != nil {
		s.fail(err)
		return false
	}
	s.fail(nil)
	at := s.cfg.now()
	for _, t := range resp.SamplingTargetDocuments {
		if r := m.lookup(t.RuleName); r != nil {
			r.st.setTarget(t, at)
		}
	}
	for _, u := range resp.UnprocessedStatistics {
		if strings.HasPrefix(u.ErrorCode, "4") {
			refetch = true
		}
	}
	return refetch || resp.LastRuleModification > float64(m.fetched.UnixNano())/1e9
}
