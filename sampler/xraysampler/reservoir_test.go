package xraysampler

import (
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/samplingrules"
)

var testNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func never() float64 { return 0.999999 }

func TestReservoirQuota(t *testing.T) {
	st := newRuleState(testRule("r", 1, func(r *samplingrules.Rule) { r.FixedRate = 0 }))
	q, ttl := int64(3), float64(testNow.Add(time.Minute).Unix())
	st.setTarget(samplingrules.Target{RuleName: "r", ReservoirQuota: &q, ReservoirQuotaTTL: &ttl}, testNow)
	// 100 requests a second for 10 seconds: 3 a second from the quota.
	sampled := 0
	for i := range 1000 {
		if st.sample(testNow.Add(time.Duration(i)*10*time.Millisecond), never) {
			sampled++
		}
	}
	if sampled != 30 {
		t.Errorf("sampled %d, want 30", sampled)
	}
	req, smp, bor, ok := st.statistics(testNow.Add(11 * time.Second))
	if !ok || req != 1000 || smp != 30 || bor != 0 {
		t.Errorf("statistics %d %d %d %v", req, smp, bor, ok)
	}
	if _, _, _, ok := st.statistics(testNow.Add(12 * time.Second)); ok {
		t.Error("statistics again with no requests")
	}
}

func TestReservoirBorrowsBeforeTarget(t *testing.T) {
	st := newRuleState(testRule("r", 1, func(r *samplingrules.Rule) { r.FixedRate, r.ReservoirSize = 0, 5 }))
	sampled := 0
	for i := range 500 { // 5 seconds
		if st.sample(testNow.Add(time.Duration(i)*10*time.Millisecond), never) {
			sampled++
		}
	}
	if sampled != 5 {
		t.Errorf("sampled %d before any target, want 1 a second (5)", sampled)
	}
	_, smp, bor, _ := st.statistics(testNow.Add(time.Minute))
	if smp != 5 || bor != 5 {
		t.Errorf("sampled %d borrowed %d, want 5 and 5", smp, bor)
	}
}

func TestReservoirNoBorrowWithoutReservoir(t *testing.T) {
	st := newRuleState(testRule("r", 1, func(r *samplingrules.Rule) { r.FixedRate, r.ReservoirSize = 0, 0 }))
	for i := range 100 {
		if st.sample(testNow.Add(time.Duration(i)*100*time.Millisecond), never) {
			t.Fatal("a rule with reservoir 0 borrowed")
		}
	}
}

func TestReservoirExpires(t *testing.T) {
	st := newRuleState(testRule("r", 1, func(r *samplingrules.Rule) { r.FixedRate = 0 }))
	q, ttl := int64(10), float64(testNow.Add(2*time.Second).Unix())
	st.setTarget(samplingrules.Target{RuleName: "r", ReservoirQuota: &q, ReservoirQuotaTTL: &ttl}, testNow)
	perSecond := make([]int, 4)
	for i := range 400 {
		if st.sample(testNow.Add(time.Duration(i)*10*time.Millisecond), never) {
			perSecond[i/100]++
		}
	}
	if perSecond[0] != 10 || perSecond[1] != 10 || perSecond[2] != 1 || perSecond[3] != 1 {
		t.Errorf("per second %v, want 10 10 then borrowing 1 1", perSecond)
	}
}

func TestFixedRate(t *testing.T) {
	st := newRuleState(testRule("r", 1, func(r *samplingrules.Rule) { r.FixedRate, r.ReservoirSize = 0.25, 0 }))
	rnd := seeded(1)
	n, sampled := 100000, 0
	for i := range n {
		if st.sample(testNow.Add(time.Duration(i)*time.Millisecond), rnd) {
			sampled++
		}
	}
	// 25% of 100,000: sd 137; within 5 sd.
	if sampled < 25000-685 || sampled > 25000+685 {
		t.Errorf("sampled %d of %d at 25%%", sampled, n)
	}
}

func TestTargetInterval(t *testing.T) {
	st := newRuleState(testRule("r", 1, nil))
	iv := int64(30)
	st.setTarget(samplingrules.Target{RuleName: "r", FixedRate: 0.5, Interval: &iv}, testNow)
	st.sample(testNow, never)
	if _, _, _, ok := st.statistics(testNow.Add(20 * time.Second)); ok {
		t.Error("reported before the 30 s interval")
	}
	if _, _, _, ok := st.statistics(testNow.Add(30 * time.Second)); !ok {
		t.Error("not reported after the 30 s interval")
	}
	if st.rate != 0.5 {
		t.Errorf("rate %v", st.rate)
	}
}
