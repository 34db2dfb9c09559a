package lambdasim

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"
)

// Route sends the requests for one method and resource of an API to a
// function. Resource is API Gateway's path template, such as
// "/orders/{id}".
type Route struct {
	Method, Resource string
	Function         *Function
}

// API is an API Gateway REST API (payload format 1.0) on 127.0.0.1, at
// URL()/<path>. Create one with Service.NewAPI.
type API struct {
	svc   *Service
	id    string
	stage string
	ln    net.Listener
	http  *http.Server
	done  chan struct{}
}

// NewAPI serves routes under /stage on a free port of 127.0.0.1 until the
// Service is closed. Each request becomes an events.APIGatewayProxyRequest
// for the route's function; the invocation continues the request's
// X-Amzn-Trace-Id (its Root, with its Parent as the caller) or starts a new
// trace. The response carries X-Amzn-Trace-Id with the invocation's Root.
func (s *Service) NewAPI(stage string, routes ...Route) (*API, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("lambdasim: API: %w", err)
	}
	a := &API{svc: s, id: newID()[:10], stage: stage, ln: ln, done: make(chan struct{})}
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.Handle(rt.Method+" /"+stage+rt.Resource, a.route(rt))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeAPIError(w, http.StatusForbidden, "Missing Authentication Token") // what API Gateway answers
	})
	a.http = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(a.done)
		_ = a.http.Serve(ln)
	}()
	s.onClose(func() {
		_ = a.http.Close()
		<-a.done
	})
	return a, nil
}

// URL is the stage's base URL, like "http://127.0.0.1:41234/Prod".
func (a *API) URL() string { return "http://" + a.ln.Addr().String() + "/" + a.stage }

// maxPayload is Lambda's limit on a synchronous invocation's request.
const maxPayload = 6 << 20

func (a *API) route(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxPayload+1))
		if err != nil || len(body) > maxPayload {
			writeAPIError(w, http.StatusRequestEntityTooLarge, "Request Too Long")
			return
		}
		caller := CallerFromHeader(r.Header.Get("X-Amzn-Trace-Id"))
		if caller.Root == "" {
			caller = Caller{Root: NewRoot()}
		}
		event, err := json.Marshal(a.event(rt, r, body, caller))
		if err != nil {
			writeAPIError(w, http.StatusInternalServerError, err.Error())
			return
		}
		res, err := rt.Function.Invoke(r.Context(), caller, event)
		w.Header().Set("X-Amzn-Trace-Id", "Root="+caller.Root)
		if err != nil || res.Failed {
			writeAPIError(w, http.StatusBadGateway, "Internal server error")
			return
		}
		writeResponse(w, res.Payload)
	})
}

// pathParams are the {name} parts of a resource.
var pathParams = regexp.MustCompile(`\{([^{}]+)\}`)

// event is the request as API Gateway hands it to a function.
func (a *API) event(rt Route, r *http.Request, body []byte, caller Caller) events.APIGatewayProxyRequest {
	headers := map[string]string{}
	multi := map[string][]string{}
	for k, vs := range r.Header {
		headers[k], multi[k] = vs[len(vs)-1], vs
	}
	clientIP, _, _ := net.SplitHostPort(r.RemoteAddr)
	add := func(k, v string) { headers[k], multi[k] = v, []string{v} }
	add("Host", r.Host)
	add("X-Forwarded-For", clientIP)
	add("X-Forwarded-Proto", "http")
	add("X-Amzn-Trace-Id", "Root="+caller.Root)
	var query map[string]string
	var multiQuery map[string][]string
	if q := r.URL.Query(); len(q) > 0 {
		query, multiQuery = map[string]string{}, map[string][]string(q)
		for k, vs := range q {
			query[k] = vs[len(vs)-1]
		}
	}
	var params map[string]string
	for _, m := range pathParams.FindAllStringSubmatch(rt.Resource, -1) {
		if params == nil {
			params = map[string]string{}
		}
		params[m[1]] = r.PathValue(m[1])
	}
	e := events.APIGatewayProxyRequest{
		Resource: rt.Resource, Path: strings.TrimPrefix(r.URL.Path, "/"+a.stage), HTTPMethod: r.Method,
		Headers: headers, MultiValueHeaders: multi,
		QueryStringParameters: query, MultiValueQueryStringParameters: multiQuery, PathParameters: params,
		RequestContext: events.APIGatewayProxyRequestContext{
			AccountID: a.svc.cfg.Account, ResourceID: a.id[:6], Stage: a.stage, RequestID: requestID(),
			Identity:     events.APIGatewayRequestIdentity{SourceIP: clientIP, UserAgent: r.UserAgent()},
			ResourcePath: rt.Resource, HTTPMethod: r.Method, APIID: a.id, DomainName: r.Host,
			Path: r.URL.Path, Protocol: r.Proto, RequestTime: time.Now().UTC().Format("02/Jan/2006:15:04:05 -0700"),
			RequestTimeEpoch: time.Now().UnixMilli(),
		},
		Body: string(body),
	}
	if !utf8.Valid(body) {
		e.Body, e.IsBase64Encoded = base64.StdEncoding.EncodeToString(body), true
	}
	return e
}

// writeResponse writes a function's events.APIGatewayProxyResponse; a
// payload that is not one is a 502, as API Gateway answers.
func writeResponse(w http.ResponseWriter, payload []byte) {
	var resp events.APIGatewayProxyResponse
	if err := json.Unmarshal(payload, &resp); err != nil || resp.StatusCode < 100 || resp.StatusCode > 599 {
		writeAPIError(w, http.StatusBadGateway, "Internal server error")
		return
	}
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(resp.Body)
		if err != nil {
			writeAPIError(w, http.StatusBadGateway, "Internal server error")
			return
		}
		body = b
	}
	for k, vs := range resp.MultiValueHeaders {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	for k, v := range resp.Headers {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(body)
}

// writeAPIError writes an error the way API Gateway does.
func writeAPIError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(map[string]string{"message": msg})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
