package xraylocal

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/samplingrules"
)

// samplingPost sends body to path as JSON and returns the status and body.
func samplingPost(t *testing.T, h http.Handler, path, body string) (int, []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, b
}

func writeSamplingRules(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSamplingDefaultRule(t *testing.T) {
	s, _ := newTestServer(t)
	code, body := samplingPost(t, s.Handler(), "/GetSamplingRules", `{"NextToken":null}`)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	rs, err := samplingrules.ParseRulesResponse(body)
	if err != nil || len(rs.Rules) != 1 || len(rs.Skipped) != 0 {
		t.Fatalf("%s: %+v %v", body, rs, err)
	}
	want := samplingrules.Default()
	want.RuleARN = "arn:aws:xray:local::sampling-rule/Default"
	if got := rs.Rules[0]; got.RuleName != want.RuleName || got.RuleARN != want.RuleARN || got.FixedRate != 0.05 ||
		got.ReservoirSize != 1 || got.Priority != 10000 {
		t.Errorf("rule %+v", got)
	}
	for _, field := range []string{`"SamplingRuleRecords"`, `"SamplingRule"`, `"RuleName"`, `"ReservoirSize"`, `"FixedRate"`, `"URLPath"`, `"HTTPMethod"`} {
		if !strings.Contains(string(body), field) {
			t.Errorf("no %s in %s", field, body)
		}
	}
	if code, _ := samplingPost(t, s.Handler(), "/GetSamplingRules", ``); code != 200 {
		t.Errorf("an empty body: %d", code)
	}
}

func TestSamplingTargetsShareTheReservoir(t *testing.T) {
	path := writeSamplingRules(t, `{"version":2,"rules":[{"host":"*","http_method":"GET","url_path":"/api/*","fixed_target":5,"rate":0.2}],
		"default":{"fixed_target":1,"rate":0.05}}`)
	s, clk := newTestServer(t, WithSamplingRules(path))
	h := s.Handler()
	stats := func(client string, n int) string {
		return `{"SamplingStatisticsDocuments":[{"RuleName":"Local1","ClientID":"` + client + `","Timestamp":1,"RequestCount":` +
			samplingItoa(n) + `,"SampledCount":1,"BorrowCount":1}]}`
	}
	target := func(client string) samplingrules.Target {
		t.Helper()
		code, body := samplingPost(t, h, "/SamplingTargets", stats(client, 10))
		resp, err := samplingrules.ParseTargetsResponse(body)
		if code != 200 || err != nil || len(resp.SamplingTargetDocuments) != 1 {
			t.Fatalf("%d %s %v", code, body, err)
		}
		if resp.LastRuleModification != float64(t0.Unix()) {
			t.Errorf("LastRuleModification %v", resp.LastRuleModification)
		}
		return resp.SamplingTargetDocuments[0]
	}
	if tg := target("aaaa"); *tg.ReservoirQuota != 5 || tg.FixedRate != 0.2 || *tg.Interval != 10 ||
		*tg.ReservoirQuotaTTL != float64(t0.Add(samplingQuotaTTL).Unix()) {
		t.Errorf("one sampler: %+v", tg)
	}
	if tg := target("bbbb"); *tg.ReservoirQuota != 2 {
		t.Errorf("second of two samplers: quota %d, want 2", *tg.ReservoirQuota)
	}
	if tg := target("aaaa"); *tg.ReservoirQuota != 3 {
		t.Errorf("first of two samplers: quota %d, want 3 (the remainder)", *tg.ReservoirQuota)
	}
	clk.advance(samplingActive)
	if tg := target("aaaa"); *tg.ReservoirQuota != 5 {
		t.Errorf("bbbb gone quiet: quota %d, want all 5", *tg.ReservoirQuota)
	}

	_, _, body := get(t, h, "/api/sampling")
	var rep samplingReport
	if err := json.Unmarshal(body, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Source != path || len(rep.Rules) != 2 || rep.Rules[0].Rule.RuleName != "Local1" {
		t.Fatalf("report %s", body)
	}
	r := rep.Rules[0]
	if r.Requests != 40 || r.Sampled != 4 || r.Borrowed != 4 || len(r.Samplers) != 2 || !r.Samplers[0].Active || r.Samplers[1].Active ||
		r.Samplers[0].Quota != 5 || r.Samplers[0].ClientID != "aaaa" {
		t.Errorf("rule report %+v", r)
	}
}

func samplingItoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestSamplingTargetsErrors(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	code, body := samplingPost(t, h, "/SamplingTargets", `{"SamplingStatisticsDocuments":[{"RuleName":"nope","ClientID":"c","RequestCount":1}]}`)
	resp, err := samplingrules.ParseTargetsResponse(body)
	if code != 200 || err != nil || len(resp.UnprocessedStatistics) != 1 || resp.UnprocessedStatistics[0].ErrorCode != "400" {
		t.Errorf("unknown rule: %d %s", code, body)
	}
	for _, in := range []string{`garbage`, `{"SamplingStatisticsDocuments":[{"RuleName":"Default"}]}`,
		`{"SamplingStatisticsDocuments":[{"RuleName":"Default","ClientID":"c","RequestCount":-1}]}`} {
		if code, body := samplingPost(t, h, "/SamplingTargets", in); code != 400 || !strings.Contains(string(body), "error") {
			t.Errorf("%s: %d %s", in, code, body)
		}
	}
	if code, _ := samplingPost(t, h, "/GetSamplingRules", `[1,2]`); code != 400 {
		t.Errorf("bad rules request: %d", code)
	}
	if code, _ := samplingPost(t, h, "/SamplingTargets", strings.Repeat(" ", maxSamplingBody+1)); code != http.StatusRequestEntityTooLarge {
		t.Errorf("huge body: %d", code)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/SamplingTargets", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "text/plain")
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnsupportedMediaType {
		t.Errorf("text/plain (a cross-site simple request): %d", rec.Code)
	}
}

func TestSamplingRulesFile(t *testing.T) {
	api := writeSamplingRules(t, `{"SamplingRuleRecords":[{"SamplingRule":{"RuleName":"b","ResourceARN":"*","Priority":5,"FixedRate":1,"ReservoirSize":0,
		"ServiceName":"*","ServiceType":"*","Host":"*","HTTPMethod":"*","URLPath":"*","Version":1}},
		{"SamplingRule":{"RuleName":"a","ResourceARN":"*","Priority":5,"FixedRate":1,"ReservoirSize":0,
		"ServiceName":"*","ServiceType":"*","Host":"*","HTTPMethod":"*","URLPath":"*","Version":1}}]}`)
	s, _ := newTestServer(t, WithSamplingRules(api))
	_, body := samplingPost(t, s.Handler(), "/GetSamplingRules", `{}`)
	rs, _ := samplingrules.ParseRulesResponse(body)
	var names []string
	for _, r := range rs.Rules {
		names = append(names, r.RuleName)
	}
	if strings.Join(names, ",") != "a,b,Default" {
		t.Errorf("rules %v, want a,b,Default (priority, then name; the default added)", names)
	}
	for _, bad := range []string{filepath.Join(t.TempDir(), "missing.json"), writeSamplingRules(t, `{"version":2}`), writeSamplingRules(t, `nonsense`)} {
		srv, err := Start(WithUDPAddr("127.0.0.1:0"), WithSamplingRules(bad))
		if err == nil || !strings.Contains(err.Error(), "sampling rules") {
			t.Errorf("%s: %v", bad, err)
		}
		if srv != nil {
			srv.Close()
		}
	}
}

func TestSamplingProxyOverTCP(t *testing.T) {
	srv, err := Start(WithUDPAddr("127.0.0.1:0"), WithHTTPAddr("127.0.0.1:0"))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Post(srv.URL()+"GetSamplingRules", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if rs, err := samplingrules.ParseRulesResponse(b); resp.StatusCode != 200 || err != nil || len(rs.Rules) != 1 {
		t.Errorf("%d %s %v", resp.StatusCode, b, err)
	}
}
