package xraylocal

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// get fetches path from h and returns the status, content type and body.
func get(t *testing.T, h http.Handler, path string) (int, string, []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, rec.Header().Get("Content-Type"), body
}

func TestAPI(t *testing.T) {
	s, _ := newTestServer(t)
	receiveAll(s, readLines(t, "shop.jsonl"))
	s.Receive([]byte("no header")) // a problem
	h := s.Handler()

	t.Run("traces", func(t *testing.T) {
		code, ct, body := get(t, h, "/api/traces")
		var got struct {
			Traces []TraceSummary `json:"traces"`
			Total  int            `json:"total"`
		}
		if code != 200 || !strings.HasPrefix(ct, "application/json") || json.Unmarshal(body, &got) != nil {
			t.Fatalf("%d %s %s", code, ct, body)
		}
		if got.Total != 3 || len(got.Traces) != 3 || got.Traces[0].ID != "1-7759e988-0d862e3fe1be46a994272795" {
			t.Errorf("traces %s: want 3, newest first", body)
		}
		web := got.Traces[2]
		// Four documents, of which the in-progress "web" was replaced.
		if web.Root != "web" || web.Spans != 8 || !web.Fault || web.Status != 500 || web.DocumentCount != 3 ||
			web.DurationMS < 119.9 || web.DurationMS > 120.1 || strings.Join(web.Services, ",") != "web,orders" {
			t.Errorf("web trace %+v", web)
		}
	})
	t.Run("filter", func(t *testing.T) {
		for q, want := range map[string]int{
			"":                     3,
			"receipts":             1, // an S3 bucket called
			"ORDERS fault":         1,
			"throttle":             1,
			"orders":               2,
			"payments.example.com": 1,
			"1-7759e988":           1,
			"nothing-like-this":    0,
		} {
			_, _, body := get(t, h, "/api/traces?q="+strings.ReplaceAll(q, " ", "+"))
			var got struct{ Total int }
			_ = json.Unmarshal(body, &got)
			if got.Total != want {
				t.Errorf("q=%q: %d traces, want %d", q, got.Total, want)
			}
		}
		_, _, body := get(t, h, "/api/traces?limit=1")
		var got struct {
			Traces []TraceSummary
			Total  int
		}
		_ = json.Unmarshal(body, &got)
		if len(got.Traces) != 1 || got.Total != 3 {
			t.Errorf("limit=1: %s", body)
		}
		if code, _, _ := get(t, h, "/api/traces?limit=x"); code != http.StatusBadRequest {
			t.Errorf("limit=x: status %d", code)
		}
	})
	t.Run("trace", func(t *testing.T) {
		code, _, body := get(t, h, "/api/traces/1-5759e988-bd862e3fe1be46a994272793")
		var got Trace
		if code != 200 || json.Unmarshal(body, &got) != nil {
			t.Fatalf("%d %s", code, body)
		}
		if len(got.Roots) != 1 || got.Roots[0].Name != "web" || len(got.Roots[0].Children) != 2 || len(got.Documents) != 3 || got.DocumentCount != 3 {
			t.Errorf("trace %s", body)
		}
		var raw struct{ Documents []map[string]any }
		if err := json.Unmarshal(body, &raw); err != nil || raw.Documents[0]["id"] != "b000000000000005" {
			t.Errorf("documents are not the documents received: %v", err)
		}
		if code, _, body := get(t, h, "/api/traces/1-00000000-000000000000000000000000"); code != 404 || !strings.Contains(string(body), `"error"`) {
			t.Errorf("unknown trace: %d %s", code, body)
		}
	})
	t.Run("servicemap", func(t *testing.T) {
		code, _, body := get(t, h, "/api/servicemap")
		var m ServiceMap
		if code != 200 || json.Unmarshal(body, &m) != nil || m.NodeOfType("orders", "AWS::DynamoDB::Table") == nil || m.Traces != 3 {
			t.Fatalf("%d %s", code, body)
		}
		code, ct, body := get(t, h, "/api/servicemap.svg")
		if code != 200 || ct != "image/svg+xml; charset=utf-8" || !strings.HasPrefix(string(body), "<svg ") {
			t.Errorf("svg: %d %s %.80s", code, ct, body)
		}
	})
	t.Run("problems", func(t *testing.T) {
		code, _, body := get(t, h, "/api/problems")
		var got struct {
			Problems []Problem
			Total    int
		}
		if code != 200 || json.Unmarshal(body, &got) != nil || got.Total != 1 || got.Problems[0].Rule != "header" || got.Problems[0].Outcome != OutcomeDiscarded {
			t.Errorf("%d %s", code, body)
		}
	})
	t.Run("stats", func(t *testing.T) {
		_, _, body := get(t, h, "/api/stats")
		var st Stats
		if json.Unmarshal(body, &st) != nil || st.Datagrams != 7 || st.Documents != 6 || st.Discarded != 1 || st.Traces != 3 {
			t.Errorf("%s", body)
		}
	})
	t.Run("errors", func(t *testing.T) {
		if code, _, _ := get(t, h, "/api/nothing"); code != 404 {
			t.Errorf("unknown endpoint: %d", code)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/traces", strings.NewReader("{}")))
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("POST: %d", rec.Code)
		}
	})
}

// TestUI checks the page and its assets, their types and the headers that
// keep it offline.
func TestUI(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	for path, wantType := range map[string]string{
		"/":                  "text/html; charset=utf-8",
		"/static/app.js":     "text/javascript; charset=utf-8",
		"/static/app.css":    "text/css; charset=utf-8",
		"/api/servicemap":    "application/json; charset=utf-8",
		"/static/index.html": "", // served, whatever its type
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != 200 && !(path == "/static/index.html" && rec.Code == http.StatusMovedPermanently) {
			t.Errorf("%s: status %d", path, rec.Code)
		}
		if wantType != "" && rec.Header().Get("Content-Type") != wantType {
			t.Errorf("%s: content type %q, want %q", path, rec.Header().Get("Content-Type"), wantType)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
	}
	_, _, page := get(t, h, "/")
	for _, want := range []string{`src="static/app.js"`, `href="static/app.css"`, `id="map"`, `id="traces"`, `id="waterfall"`, `id="problems"`, `id="filter"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// TestUIOffline checks that no embedded asset loads anything from another
// origin: no absolute URL in src, href, url() or @import, no inline script
// or style (the CSP would block them), and the JS sets no innerHTML.
func TestUIOffline(t *testing.T) {
	external := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?\s*(https?:)?//|@import|fonts\.googleapis|cdn\.|unpkg|jsdelivr`)
	err := fs.WalkDir(uiFiles, "ui", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := fs.ReadFile(uiFiles, path)
		text := string(b)
		if m := external.FindString(text); m != "" {
			t.Errorf("%s refers to another origin: %q", path, m)
		}
		if strings.HasSuffix(path, ".html") && (regexp.MustCompile(`<script>|<script [^>]*>[^<]`).MatchString(text) || strings.Contains(text, "<style") || strings.Contains(text, "style=")) {
			t.Errorf("%s has inline script or style", path)
		}
		if strings.HasSuffix(path, ".js") && (strings.Contains(text, "innerHTML") || strings.Contains(text, "eval(") || strings.Contains(text, "document.write")) {
			t.Errorf("%s uses innerHTML, eval or document.write", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestLocalHostOnly refuses a Host that is a name other than localhost.
func TestLocalHostOnly(t *testing.T) {
	s, _ := newTestServer(t)
	h := localHostOnly(s.Handler())
	for host, want := range map[string]int{
		"127.0.0.1:2001": 200, "localhost:2001": 200, "[::1]:2001": 200, "LOCALHOST": 200,
		"evil.example:2001": 403, "attacker.test": 403,
	} {
		req := httptest.NewRequest(http.MethodGet, "/api/stats", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %s: %d, want %d", host, rec.Code, want)
		}
	}
}
