package segment

import (
	"strconv"
	"strings"

	"github.com/otelxray/otelxray/internal/scrub"

	"go.opentelemetry.io/otel/trace"
)

// buildHTTP maps both generations of the HTTP semantic conventions to the
// http object, or returns nil when the span has no HTTP attributes.
func buildHTTP(sc *Scratch, a *attrs, kind trace.SpanKind) *HTTP {
	if a.sh != nil && !a.sh.http || a.sh == nil && !a.hasAny(httpKeys[:]) {
		return nil // nothing below would be read or consumed
	}
	h := HTTP{ContentLength: -1}
	h.Method = a.str(kHTTPRequestMethod, kHTTPMethod)
	h.URL = cleanURL(a.str(kURLFull, kHTTPURL))
	if h.URL == "" && (h.Method != "" || a.has(kHTTPTarget) || a.has(kURLPath)) {
		h.URL = buildURL(a, kind)
	}
	h.UserAgent = a.str(kUserAgentOriginal, kHTTPUserAgent)
	if kind == trace.SpanKindServer {
		peer := a.str(kNetworkPeerAddress, kNetSockPeerAddr, kNetPeerIP)
		if ip := a.str(kClientAddress, kHTTPClientIP); ip != "" {
			h.ClientIP = ip
			h.XForwardedFor = peer != "" && peer != ip
		} else {
			h.ClientIP = peer
		}
	}
	if st, ok := a.int(kHTTPResponseStatusCode, kHTTPStatusCode); ok && validStatus(st) {
		h.Status = st
	}
	if n, ok := a.int(kHTTPResponseBodySize, kHTTPResponseContentLength); ok && n >= 0 {
		h.ContentLength = n
	}
	if h == (HTTP{ContentLength: -1}) {
		return nil
	}
	p := sc.newHTTP()
	*p = h
	return p
}

// httpKeys are the attributes buildHTTP starts from: without any of them it
// reads nothing else (buildURL runs only after a method, target or path).
var httpKeys = [...]key{kHTTPRequestMethod, kHTTPMethod, kURLFull, kHTTPURL, kHTTPTarget, kURLPath,
	kUserAgentOriginal, kHTTPUserAgent, kNetworkPeerAddress, kNetSockPeerAddr, kNetPeerIP, kClientAddress,
	kHTTPClientIP, kHTTPResponseStatusCode, kHTTPStatusCode, kHTTPResponseBodySize, kHTTPResponseContentLength}

// buildURL puts a URL together from its parts when no full URL was recorded.
func buildURL(a *attrs, kind trace.SpanKind) string {
	hostKeys := []key{kServerAddress, kHTTPHost}
	if kind == trace.SpanKindServer {
		hostKeys = append(hostKeys, kNetHostName)
	}
	raw := a.str(hostKeys...)
	host := hostOf(raw)
	if raw != "" && host == "" {
		return "" // no URL from an invalid host ("api <evil> host")
	}
	target := a.peek(kHTTPTarget)
	if target == "" {
		target = a.peek(kURLPath)
		if q := a.peek(kURLQuery); q != "" {
			target += "?" + q
		}
		if target != "" {
			a.value(kURLPath)
			a.value(kURLQuery)
		}
	} else {
		a.value(kHTTPTarget)
	}
	if host == "" {
		return target
	}
	scheme := a.str(kURLScheme, kHTTPScheme)
	if scheme == "" {
		scheme = "http"
	}
	var port int64
	if kind == trace.SpanKindServer {
		port, _ = a.int(kServerPort, kNetHostPort)
	} else {
		port, _ = a.int(kServerPort, kNetPeerPort)
	}
	if strings.Contains(host, ":") && !strings.HasPrefix(host, "[") && strings.Count(host, ":") > 1 {
		host = "[" + host + "]" // IPv6 literal
	}
	u := scheme + "://" + host
	if port > 0 && !(scheme == "http" && port == 80) && !(scheme == "https" && port == 443) && !strings.Contains(host, "]:") {
		u += ":" + strconv.FormatInt(port, 10)
	}
	return cleanURL(u + target)
}

// cleanURL removes credentials from a URL (scrub.Redact: user:password@
// goes, secret parameters become name=REDACTED); a URL that still holds
// one is dropped.
func cleanURL(u string) string {
	if u == "" {
		return ""
	}
	if u = scrub.Redact(u); u == scrub.Placeholder {
		return ""
	}
	return u
}

// validStatus reports whether s is an HTTP status code X-Ray accepts.
func validStatus(s int64) bool { return s >= 100 && s <= 599 }
