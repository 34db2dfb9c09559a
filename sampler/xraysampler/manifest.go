package xraysampler

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/otelxray/otelxray/internal/samplingrules"
)

// manifestTTL is how long fetched rules are used without a successful
// refresh; after it the local rules decide, as in the X-Ray SDKs.
const manifestTTL = time.Hour

// manifest is one set of rules in the order they apply: priority, then
// name, the Default rule last. It is not changed once built.
type manifest struct {
	rules   []*rule
	byName  map[string]*rule
	fetched time.Time
}

// newManifest orders rs and gives each rule the state of the rule of the
// same name in old, if any, so that quotas and counts survive a refresh.
func newManifest(rs []samplingrules.Rule, old *manifest, state func(samplingrules.Rule) *ruleState, fetched time.Time) *manifest {
	m := &manifest{byName: make(map[string]*rule, len(rs)), fetched: fetched}
	for _, r := range rs {
		if _, dup := m.byName[r.RuleName]; dup {
			continue
		}
		nr := newRule(r)
		if o := old.lookup(r.RuleName); o != nil {
			nr.st = o.st
			if !sameRule(o.Rule, r) {
				nr.st.updateRule(r)
			}
		} else {
			nr.st = state(r)
		}
		m.byName[r.RuleName] = nr
		m.rules = append(m.rules, nr)
	}
	slices.SortStableFunc(m.rules, func(a, b *rule) int {
		if da, db := a.RuleName == samplingrules.DefaultName, b.RuleName == samplingrules.DefaultName; da != db {
			if da {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Priority, b.Priority), cmp.Compare(a.RuleName, b.RuleName))
	})
	return m
}

func (m *manifest) lookup(name string) *rule {
	if m == nil {
		return nil
	}
	return m.byName[name]
}

func sameRule(a, b samplingrules.Rule) bool {
	return a.RuleARN == b.RuleARN && a.ResourceARN == b.ResourceARN && a.Priority == b.Priority &&
		a.FixedRate == b.FixedRate && a.ReservoirSize == b.ReservoirSize && a.ServiceName == b.ServiceName &&
		a.ServiceType == b.ServiceType && a.Host == b.Host && a.HTTPMethod == b.HTTPMethod &&
		a.URLPath == b.URLPath && a.Version == b.Version && maps.Equal(a.Attributes, b.Attributes)
}

// match returns the first rule that applies to q, or nil.
func (m *manifest) match(q *request) *rule {
	for _, r := range m.rules {
		if q.matches(&r.Rule) {
			return r
		}
	}
	return nil
}
