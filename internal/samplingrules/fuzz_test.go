package samplingrules

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// FuzzParse feeds every parser the same bytes: none may panic, and what
// they accept must be within the ranges they promise.
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile("testdata/get-sampling-rules.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"version":2,"rules":[{"host":"*","http_method":"GET","url_path":"/a","fixed_target":1,"rate":0.1}],"default":{"fixed_target":1,"rate":0.05}}`))
	f.Add([]byte(`{"SamplingTargetDocuments":[{"RuleName":"r","FixedRate":0.1,"ReservoirQuota":2,"ReservoirQuotaTTL":1530923107.0,"Interval":10}],"LastRuleModification":1}`))
	f.Add([]byte(`{"SamplingStatisticsDocuments":[{"RuleName":"r","ClientID":"c","RequestCount":3,"SampledCount":2,"BorrowCount":1}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if rs, err := ParseRulesResponse(b); err == nil {
			for _, r := range rs.Rules {
				if err := Check(r); err != nil {
					t.Fatalf("accepted a rule that fails Check: %v", err)
				}
			}
		}
		if resp, err := ParseTargetsResponse(b); err == nil {
			for _, d := range resp.SamplingTargetDocuments {
				if err := checkTarget(d); err != nil {
					t.Fatalf("accepted a bad target: %v", err)
				}
			}
		}
		_, _ = ParseTargetsRequest(b)
		if l, err := ParseLocal(b); err == nil {
			for _, r := range l.AsRules() {
				if err := Check(r); err != nil {
					t.Fatalf("local rule fails Check: %v", err)
				}
			}
		}
		if rs, err := ParseFile(b); err == nil && len(rs) == 0 {
			t.Fatal("ParseFile accepted no rules")
		}
	})
}

// FuzzMatch checks Match against its definition on small inputs.
func FuzzMatch(f *testing.F) {
	f.Add("a*b?c", "aXbYc")
	f.Add("*", "")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if len(pattern) > 64 || len(s) > 64 {
			return
		}
		if isASCII(pattern) && isASCII(s) {
			if got, want := Match(pattern, s), oracle(pattern).MatchString(s); got != want {
				t.Fatalf("Match(%q, %q) = %v, the regexp says %v", pattern, s, got, want)
			}
		}
		if !Match(pattern, pattern) && !containsMeta(pattern) {
			t.Fatalf("%q does not match itself", pattern)
		}
		if !Match("*"+pattern, "x"+s) && Match(pattern, s) {
			t.Fatalf("*%q matches not x%q though %q matches %q", pattern, s, pattern, s)
		}
	})
}

// oracle is Match as a regular expression, for ASCII.
func oracle(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?is)^")
	for _, c := range pattern {
		switch c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func containsMeta(s string) bool {
	for _, c := range s {
		if c == '*' || c == '?' {
			return true
		}
	}
	return false
}
