package samplingrules

import (
	"os"
	"strings"
	"testing"
)

func TestParseRulesResponse(t *testing.T) {
	b, err := os.ReadFile("testdata/get-sampling-rules.json")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ParseRulesResponse(b)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rs.Rules {
		names = append(names, r.RuleName)
	}
	if got := strings.Join(names, ","); got != "Default,base-scorekeep,polling-scorekeep" {
		t.Errorf("rules %s", got)
	}
	if len(rs.Skipped) != 2 || rs.NextToken != "" {
		t.Errorf("skipped %v, next %q", rs.Skipped, rs.NextToken)
	}
	if d := rs.Rules[0]; d.Priority != DefaultPriority || d.FixedRate != 0.01 || d.ReservoirSize != 0 {
		t.Errorf("default %+v", d)
	}
}

func TestParseRulesResponseErrors(t *testing.T) {
	for _, in := range []string{``, `[]`, `{"SamplingRuleRecords": 3}`, `{"SamplingRuleRecords": [{"SamplingRule": {"Priority": "x"}}]}`,
		`{} {}`, `{"SamplingRuleRecords": [{"SamplingRule": {"ReservoirSize": 1.5}}]}`} {
		if _, err := ParseRulesResponse([]byte(in)); err == nil {
			t.Errorf("%s: no error", in)
		}
	}
}

func TestCheck(t *testing.T) {
	ok := Default()
	if err := Check(ok); err != nil {
		t.Fatal(err)
	}
	for name, mutate := range map[string]func(*Rule){
		"no name":      func(r *Rule) { r.RuleName = "" },
		"long name":    func(r *Rule) { r.RuleName = strings.Repeat("n", 33) },
		"version 2":    func(r *Rule) { r.Version = 2 },
		"priority 0":   func(r *Rule) { r.Priority = 0 },
		"rate 1.5":     func(r *Rule) { r.FixedRate = 1.5 },
		"rate -0.1":    func(r *Rule) { r.FixedRate = -0.1 },
		"reservoir -1": func(r *Rule) { r.ReservoirSize = -1 },
		"no host":      func(r *Rule) { r.Host = "" },
		"no arn":       func(r *Rule) { r.ResourceARN = "" },
	} {
		r := Default()
		mutate(&r)
		if err := Check(r); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestParseTargetsResponse(t *testing.T) {
	resp, err := ParseTargetsResponse([]byte(`{"SamplingTargetDocuments":[{"RuleName":"r","FixedRate":0.1,"ReservoirQuota":2,
		"ReservoirQuotaTTL":1530923107.0,"Interval":10}],"LastRuleModification":1530920505.0,
		"UnprocessedStatistics":[{"RuleName":"x","ErrorCode":"400","Message":"Unknown rule"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if d := resp.SamplingTargetDocuments[0]; *d.ReservoirQuota != 2 || *d.Interval != 10 || *d.ReservoirQuotaTTL != 1530923107 {
		t.Errorf("%+v", d)
	}
	for _, in := range []string{`{"SamplingTargetDocuments":[{"FixedRate":0.1}]}`,
		`{"SamplingTargetDocuments":[{"RuleName":"r","FixedRate":2}]}`,
		`{"SamplingTargetDocuments":[{"RuleName":"r","ReservoirQuota":-1}]}`,
		`{"SamplingTargetDocuments":[{"RuleName":"r","Interval":0}]}`,
		`{"SamplingTargetDocuments":[{"RuleName":"r","ReservoirQuotaTTL":-5}]}`,
		`{"SamplingTargetDocuments":[{"RuleName":"r","ReservoirQuotaTTL":1e300}]}`,
		`garbage`} {
		if _, err := ParseTargetsResponse([]byte(in)); err == nil {
			t.Errorf("%s: no error", in)
		}
	}
}

func TestParseTargetsRequest(t *testing.T) {
	if _, err := ParseTargetsRequest([]byte(`{"SamplingStatisticsDocuments":[{"RuleName":"r","ClientID":"c","Timestamp":1,"RequestCount":3,"SampledCount":2,"BorrowCount":1}]}`)); err != nil {
		t.Fatal(err)
	}
	many := `{"SamplingStatisticsDocuments":[` + strings.Repeat(`{"RuleName":"r","ClientID":"c"},`, 26)
	many = many[:len(many)-1] + `]}`
	for _, in := range []string{`{"SamplingStatisticsDocuments":[{"ClientID":"c"}]}`,
		`{"SamplingStatisticsDocuments":[{"RuleName":"r","ClientID":"c","RequestCount":-1}]}`,
		`{"SamplingStatisticsDocuments":[{"RuleName":"r","ClientID":"c","RequestCount":1,"SampledCount":2}]}`, many} {
		if _, err := ParseTargetsRequest([]byte(in)); err == nil {
			t.Errorf("%.80s: no error", in)
		}
	}
}

func TestParseLocal(t *testing.T) {
	l, err := ParseLocal([]byte(`{"version":2,"rules":[{"description":"health","host":"*","http_method":"GET","url_path":"/health","fixed_target":0,"rate":0}],
		"default":{"fixed_target":1,"rate":0.1}}`))
	if err != nil {
		t.Fatal(err)
	}
	rs := l.AsRules()
	if len(rs) != 2 || rs[0].RuleName != "Local1" || rs[0].URLPath != "/health" || rs[0].Priority != 1 ||
		rs[1].RuleName != DefaultName || rs[1].FixedRate != 0.1 || rs[1].ReservoirSize != 1 {
		t.Errorf("%+v", rs)
	}
	for _, r := range rs {
		if err := Check(r); err != nil {
			t.Error(err)
		}
	}
	v1, err := ParseLocal([]byte(`{"version":1,"rules":[{"service_name":"api.example.com","http_method":"*","url_path":"*","fixed_target":2,"rate":0.5}],"default":{"fixed_target":1,"rate":0.05}}`))
	if err != nil || v1.Rules[0].Host != "api.example.com" {
		t.Errorf("version 1: %+v, %v", v1, err)
	}
	for _, in := range []string{`{"version":3,"default":{"fixed_target":1,"rate":0.05}}`, `{"version":2}`,
		`{"version":2,"default":{"fixed_target":1}}`, `{"version":2,"default":{"fixed_target":-1,"rate":0.05}}`,
		`{"version":2,"default":{"fixed_target":1,"rate":5}}`, `{"version":2,"default":{"fixed_target":1,"rate":0.05,"host":"x"}}`,
		`{"version":2,"rules":[{"host":"*","fixed_target":1,"rate":0.1}],"default":{"fixed_target":1,"rate":0.05}}`} {
		if _, err := ParseLocal([]byte(in)); err == nil {
			t.Errorf("%s: no error", in)
		}
	}
}

func TestParseFile(t *testing.T) {
	rs, err := ParseFile([]byte(`{"version":2,"rules":[],"default":{"fixed_target":3,"rate":0.2}}`))
	if err != nil || len(rs) != 1 || rs[0].ReservoirSize != 3 {
		t.Errorf("local: %+v, %v", rs, err)
	}
	rs, err = ParseFile([]byte(`{"SamplingRuleRecords":[{"SamplingRule":{"RuleName":"a","ResourceARN":"*","Priority":1,"FixedRate":1,"ReservoirSize":0,
		"ServiceName":"*","ServiceType":"*","Host":"*","HTTPMethod":"*","URLPath":"*","Version":1}}]}`))
	if err != nil || len(rs) != 2 || rs[1].RuleName != DefaultName {
		t.Errorf("API: %+v, %v", rs, err)
	}
	b, _ := os.ReadFile("testdata/get-sampling-rules.json")
	for _, in := range []string{`[]`, `{}`, `nonsense`, string(b),
		`{"SamplingRuleRecords":[{"SamplingRule":{"RuleName":"a","ResourceARN":"*","Priority":1,"FixedRate":1,"ReservoirSize":0,"ServiceName":"*","ServiceType":"*","Host":"*","HTTPMethod":"*","URLPath":"*","Version":1}},
		{"SamplingRule":{"RuleName":"a","ResourceARN":"*","Priority":1,"FixedRate":1,"ReservoirSize":0,"ServiceName":"*","ServiceType":"*","Host":"*","HTTPMethod":"*","URLPath":"*","Version":1}}]}`} {
		if _, err := ParseFile([]byte(in)); err == nil {
			t.Errorf("%.60s: no error", in)
		}
	}
}
