package fakeruntime

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"
)

// Event is one step the Runtime saw, in order: the log a test reads to
// check, for example, that a response came before an extension's export.
type Event struct {
	// Seq numbers the events from 1, in the order they happened.
	Seq int64
	// Kind is EventInvoke, EventResponse, EventError, EventRegister,
	// EventExtensionInvoke or EventExtensionNext.
	Kind string
	// RequestID is the invocation's request ID ("" for EventRegister and
	// EventExtensionNext).
	RequestID string
	// Extension is the extension's name, for extension events.
	Extension string
	// At is when it happened.
	At time.Time
}

// Event kinds.
const (
	EventInvoke          = "invoke"           // the function took an invocation
	EventResponse        = "response"         // the function posted its response
	EventError           = "error"            // the function posted an error
	EventRegister        = "register"         // an extension registered
	EventExtensionInvoke = "extension-invoke" // an extension received an INVOKE event
	EventExtensionNext   = "extension-next"   // an extension asked for its next event
)

// extension is one registered extension. The fake treats every extension
// as internal: registering for SHUTDOWN is refused, as Lambda refuses it
// for internal extensions.
type extension struct {
	id, name string
	invoke   bool        // registered for INVOKE
	parked   bool        // waiting in /event/next
	events   chan []byte // the next event, for a parked extension
}

// Events returns the log so far.
func (r *Runtime) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.log)
}

// record appends to the log; r.mu must be held.
func (r *Runtime) record(kind, requestID, ext string) {
	r.logSeq++
	r.log = append(r.log, Event{Seq: r.logSeq, Kind: kind, RequestID: requestID, Extension: ext, At: time.Now()})
}

// changedLocked wakes whoever waits for extensions to park; r.mu must be held.
func (r *Runtime) changedLocked() {
	close(r.changed)
	r.changed = make(chan struct{})
}

func (r *Runtime) register(w http.ResponseWriter, req *http.Request) {
	if r.opts.NoExtensions {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	name := req.Header.Get("Lambda-Extension-Name")
	if name == "" {
		extError(w, http.StatusBadRequest, "Extension.MissingName", "missing Lambda-Extension-Name")
		return
	}
	var body struct {
		Events []string `json:"events"`
	}
	if b, _ := io.ReadAll(io.LimitReader(req.Body, 1<<16)); len(b) > 0 {
		if err := json.Unmarshal(b, &body); err != nil {
			extError(w, http.StatusBadRequest, "InvalidRequestFormat", err.Error())
			return
		}
	}
	x := &extension{name: name, events: make(chan []byte, 1)}
	for _, e := range body.Events {
		switch e {
		case "INVOKE":
			x.invoke = true
		case "SHUTDOWN":
			extError(w, http.StatusForbidden, "Extension.InvalidEvent", "internal extensions may not register for SHUTDOWN")
			return
		default:
			extError(w, http.StatusBadRequest, "Extension.InvalidEvent", "unknown event "+e)
			return
		}
	}
	r.mu.Lock()
	x.id = fmt.Sprintf("5e2b1d3c-0000-4000-8000-%012d", len(r.exts)+1)
	r.exts[x.id] = x
	r.record(EventRegister, "", name)
	r.changedLocked()
	r.mu.Unlock()
	w.Header().Set("Lambda-Extension-Identifier", x.id)
	w.Header().Set("Content-Type", "application/json")
	_, _ = fmt.Fprintf(w, `{"functionName":"orders","functionVersion":"$LATEST","handler":"bootstrap"}`)
}

func (r *Runtime) eventNext(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	x := r.exts[req.Header.Get("Lambda-Extension-Identifier")]
	if x == nil {
		r.mu.Unlock()
		extError(w, http.StatusForbidden, "Extension.UnknownExtensionIdentifier", "unknown Lambda-Extension-Identifier")
		return
	}
	x.parked = true
	r.record(EventExtensionNext, "", x.name)
	r.changedLocked()
	r.mu.Unlock()
	select {
	case ev := <-x.events:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(ev)
	case <-req.Context().Done():
		// The extension is gone: invocations no longer wait for it.
		r.mu.Lock()
		delete(r.exts, x.id)
		r.changedLocked()
		r.mu.Unlock()
	}
}

// awaitExtensions waits until every extension registered for INVOKE is
// waiting for its next event (Lambda does not start an invocation, and
// freezes the environment, until they are), then hands each the INVOKE
// event of inv. It reports false if ctx ended first.
func (r *Runtime) awaitExtensions(ctx context.Context, inv *invocation, deadline time.Time) bool {
	ev, _ := json.Marshal(map[string]any{
		"eventType": "INVOKE", "deadlineMs": deadline.UnixMilli(), "requestId": inv.id,
		"invokedFunctionArn": r.opts.ARN,
		"tracing":            map[string]string{"type": "X-Amzn-Trace-Id", "value": inv.header},
	})
	for {
		r.mu.Lock()
		ready := true
		for _, x := range r.exts {
			ready = ready && (!x.invoke || x.parked)
		}
		if ready {
			for _, x := range r.exts {
				if x.invoke {
					x.parked = false
					x.events <- ev
					r.record(EventExtensionInvoke, inv.id, x.name)
				}
			}
			r.mu.Unlock()
			return true
		}
		changed := r.changed
		r.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return false
		}
	}
}

func extError(w http.ResponseWriter, code int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	b, _ := json.Marshal(map[string]string{"errorType": typ, "errorMessage": msg})
	_, _ = w.Write(b)
}
