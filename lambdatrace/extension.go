package lambdatrace

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel"
)

// extensionName is the name the async mode's internal extension registers.
const extensionName = "otelxray-lambdatrace"

// shutdownBudget bounds the flush on SIGTERM: Lambda sends SIGKILL about
// 500 ms after SIGTERM to a function with only internal extensions.
const shutdownBudget = 400 * time.Millisecond

// extension is the async mode's internal Lambda extension: one per
// process, shared by every wrapper in async mode. Its loop takes each
// INVOKE event, waits until the runtime has posted that invocation's
// response (the proxy in proxy.go sees it), exports, and only then asks
// for the next event.
type extension struct {
	api     string // the Runtime API's address
	id      string // Lambda-Extension-Identifier
	client  *http.Client
	posted  chan string // request IDs whose response has been posted
	mu      sync.Mutex
	flushes []func(context.Context) error
	failed  atomic.Bool // the loop stopped: wrappers flush in the handler
}

var (
	extMu  sync.Mutex
	theExt *extension
)

// joinExtension adds flush to the process's extension, starting it on the
// first call. An error says why async processing is unavailable.
func joinExtension(getenv func(string) string, flush func(context.Context) error) (*extension, error) {
	extMu.Lock()
	defer extMu.Unlock()
	if theExt == nil {
		x, err := startExtension(getenv)
		if err != nil {
			return nil, err
		}
		theExt = x
	}
	theExt.mu.Lock()
	theExt.flushes = append(theExt.flushes, flush)
	theExt.mu.Unlock()
	return theExt, nil
}

// startExtension registers the extension, puts the response proxy in
// front of the Runtime API, and starts the loop and the SIGTERM handler.
func startExtension(getenv func(string) string) (*extension, error) {
	api := getenv("AWS_LAMBDA_RUNTIME_API")
	if api == "" {
		return nil, errors.New("AWS_LAMBDA_RUNTIME_API is unset (not running in Lambda)")
	}
	if n, _ := strconv.Atoi(getenv("AWS_LAMBDA_MAX_CONCURRENCY")); n > 1 {
		return nil, fmt.Errorf("AWS_LAMBDA_MAX_CONCURRENCY=%d (Lambda Managed Instances send no INVOKE events to extensions)", n)
	}
	x := &extension{api: api, posted: make(chan string, 64), client: &http.Client{Transport: apiTransport()}}
	// The proxy first: once registered, the extension must ask for events.
	ln, serve, err := x.proxyRuntime()
	if err != nil {
		return nil, err
	}
	if err := x.register(); err != nil {
		_ = ln.Close()
		return nil, err
	}
	serve()
	if err := os.Setenv("AWS_LAMBDA_RUNTIME_API", ln.Addr().String()); err != nil {
		otel.Handle(fmt.Errorf("lambdatrace: async processing exports after the handler returns, not after the response is posted: %w", err))
	}
	go x.loop()
	x.onSIGTERM()
	return x, nil
}

// apiTransport never uses a proxy (the Runtime API is link-local) and
// never times out (event/next is a long poll).
func apiTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	return t
}

func (x *extension) url(path string) string {
	return "http://" + x.api + "/2020-01-01/extension/" + path
}

// register registers for INVOKE only: internal extensions may not
// register for SHUTDOWN.
func (x *extension) register() error {
	req, err := http.NewRequest(http.MethodPost, x.url("register"), bytes.NewReader([]byte(`{"events":["INVOKE"]}`)))
	if err != nil {
		return fmt.Errorf("registering the extension: %w", err)
	}
	req.Header.Set("Lambda-Extension-Name", extensionName)
	resp, err := x.client.Do(req)
	if err != nil {
		return fmt.Errorf("registering the extension: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	x.id = resp.Header.Get("Lambda-Extension-Identifier")
	if resp.StatusCode != http.StatusOK || x.id == "" {
		return fmt.Errorf("registering the extension: the Extensions API answered %s: %s", resp.Status, bytes.TrimSpace(body))
	}
	return nil
}

// event is the part of an Extensions API event the loop reads.
type event struct {
	EventType  string `json:"eventType"`
	RequestID  string `json:"requestId"`
	DeadlineMs int64  `json:"deadlineMs"`
}

// next blocks until Lambda sends the next event.
func (x *extension) next() (event, error) {
	var ev event
	req, err := http.NewRequest(http.MethodGet, x.url("event/next"), nil)
	if err != nil {
		return ev, err
	}
	req.Header.Set("Lambda-Extension-Identifier", x.id)
	resp, err := x.client.Do(req)
	if err != nil {
		return ev, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return ev, err
	}
	if resp.StatusCode != http.StatusOK {
		return ev, fmt.Errorf("event/next answered %s: %s", resp.Status, bytes.TrimSpace(body))
	}
	return ev, json.Unmarshal(body, &ev)
}

// loop exports after each invocation's response, then asks for the next.
func (x *extension) loop() {
	for {
		ev, err := x.next()
		if err != nil {
			x.failed.Store(true)
			otel.Handle(fmt.Errorf("lambdatrace: the async extension stopped (%w); exporting before each response from now on", err))
			x.flush(flushTimeout)
			return
		}
		if ev.EventType == "INVOKE" {
			x.awaitResponse(ev)
		}
		x.flush(flushTimeout)
	}
}

// awaitResponse waits until the runtime has posted the response (or
// error) of ev's invocation, or the invocation's deadline passes.
func (x *extension) awaitResponse(ev event) {
	wait := time.Until(time.UnixMilli(ev.DeadlineMs))
	if ev.DeadlineMs == 0 {
		wait = 15 * time.Minute // Lambda's longest timeout
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case id := <-x.posted:
			if id == ev.RequestID {
				return
			}
		case <-timer.C:
			return
		}
	}
}

// responsePosted tells the loop that the runtime posted a response.
func (x *extension) responsePosted(requestID string) {
	select {
	case x.posted <- requestID:
	default: // nobody is reading: the loop has stopped
	}
}

// flush runs every wrapper's flush, within d.
func (x *extension) flush(d time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	x.mu.Lock()
	fs := append([]func(context.Context) error(nil), x.flushes...)
	x.mu.Unlock()
	for _, f := range fs {
		_ = f(ctx) // failures are counted in the exporter's Stats and QueueStats
	}
}
