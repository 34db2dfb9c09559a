package xraylocal

import (
	"bytes"
	"embed"
	"encoding/json"
	"io/fs"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

//go:embed ui
var uiFiles embed.FS

// contentSecurityPolicy keeps the UI offline and inert: only its own
// scripts, styles and API, no inline script, nothing from elsewhere.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Handler returns the web UI and JSON API:
//
//	GET /                       the UI (service map, traces, waterfall, problems)
//	GET /api/traces?q=&limit=   {"traces":[TraceSummary...],"total":N}, newest first; q as in Traces
//	GET /api/traces/{id}        the Trace, or 404
//	GET /api/servicemap         the ServiceMap
//	GET /api/servicemap.svg     the map as SVG (WriteSVG)
//	GET /api/problems?limit=    {"problems":[Problem...],"total":N}, newest first
//	GET /api/stats              Stats, with "udp_addr" and "forward"
//	GET /api/sampling           the sampling rules served, with each one's counts and samplers' quotas
//	POST /GetSamplingRules      the X-Ray daemon's sampling proxy (see WithSamplingRules)
//	POST /SamplingTargets       the same: statistics in, targets out
//
// Use it to mount the UI in a server of your own, or with httptest.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(uiFiles, "ui")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		b, _ := fs.ReadFile(static, "index.html")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(b)
	})
	mux.HandleFunc("GET /api/traces", s.apiTraces)
	mux.HandleFunc("GET /api/traces/{id}", s.apiTrace)
	mux.HandleFunc("GET /api/servicemap", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.ServiceMap())
	})
	mux.HandleFunc("GET /api/servicemap.svg", func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		_ = s.ServiceMap().WriteSVG(&b)
		w.Header().Set("Content-Type", "image/svg+xml; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(b.Bytes())
	})
	mux.HandleFunc("GET /api/problems", s.apiProblems)
	mux.HandleFunc("GET /api/stats", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, struct {
			Stats
			UDPAddr string `json:"udp_addr"`
			Forward string `json:"forward,omitempty"`
		}{s.Stats(), s.UDPAddr(), s.cfg.forward})
	})
	mux.HandleFunc("GET /api/sampling", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.sampling.report())
	})
	mux.HandleFunc("POST /GetSamplingRules", s.serveGetSamplingRules)
	mux.HandleFunc("POST /SamplingTargets", s.serveSamplingTargets)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeError(w, http.StatusMethodNotAllowed, "the API is read-only: use GET")
			return
		}
		writeError(w, http.StatusNotFound, "no such endpoint; see /api/traces, /api/traces/{id}, /api/servicemap, /api/problems, /api/stats")
	})
	return securityHeaders(mux)
}

func (s *Server) apiTraces(w http.ResponseWriter, r *http.Request) {
	n, ok := limitParam(w, r, 200)
	if !ok {
		return
	}
	list, total := s.traces(r.URL.Query().Get("q"), n)
	writePage(w, r, "traces", list, uint64(total), n)
}

func (s *Server) apiTrace(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	b, ok, err := s.st.traceJSON(id)
	switch {
	case !ok:
		writeError(w, http.StatusNotFound, "no trace "+strconv.Quote(clip(id, 64))+" is held (never received, or evicted)")
		return
	case err != nil:
		writeError(w, http.StatusInternalServerError, "encoding the response: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

func (s *Server) apiProblems(w http.ResponseWriter, r *http.Request) {
	list := s.Problems()
	slices.Reverse(list) // newest first
	writePage(w, r, "problems", list, s.Stats().Problems, len(list))
}

// writePage writes list, cut to ?limit= (default def), as
// {"<name>": [...], "total": total}.
func writePage[T any](w http.ResponseWriter, r *http.Request, name string, list []T, total uint64, def int) {
	n, ok := limitParam(w, r, def)
	if !ok {
		return
	}
	if n < len(list) {
		list = list[:n]
	}
	writeJSON(w, http.StatusOK, map[string]any{name: list, "total": total})
}

// limitParam reads ?limit=, a positive integer, defaulting to def.
func limitParam(w http.ResponseWriter, r *http.Request, def int) (int, bool) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		writeError(w, http.StatusBadRequest, "limit must be a positive integer, got "+strconv.Quote(clip(v, 32)))
		return 0, false
	}
	return n, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "encoding the response: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(map[string]string{"error": msg})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// localHostOnly refuses requests whose Host is a name other than
// localhost, so that a web page cannot read the UI through DNS rebinding.
func localHostOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if hh, _, err := net.SplitHostPort(host); err == nil {
			host = hh
		}
		host = strings.Trim(host, "[]")
		if net.ParseIP(host) == nil && !strings.EqualFold(host, "localhost") {
			writeError(w, http.StatusForbidden, "xraylocal answers requests for IP addresses and localhost only, not "+strconv.Quote(clip(host, 64)))
			return
		}
		h.ServeHTTP(w, r)
	})
}
