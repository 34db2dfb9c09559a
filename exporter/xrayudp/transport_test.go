package xrayudp

import (
	"context"
	"errors"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/otelxray/otelxray/internal/spantest"
)

// fakeConn is a socket that scripts errors. Time is virtual: each write
// takes step, and a write that starts after the deadline fails the way Go's
// poller fails it.
type fakeConn struct {
	mu       sync.Mutex
	script   []error // per write attempt; nil succeeds; past the end: the last entry forever if sticky
	sticky   bool
	clock    time.Time
	step     time.Duration
	deadline time.Time
	writes   int // successful
	attempts int
}

// errLate in a script is a write that began after its deadline (the process
// was not scheduled in time): it fails at once, without waiting.
var errLate = errors.New("late")

func opErr(err error) error {
	return &net.OpError{Op: "write", Net: "udp", Err: os.NewSyscallError("write", err)}
}

func (f *fakeConn) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.clock
}

func (f *fakeConn) Write(b []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.attempts++
	var err error
	switch {
	case len(f.script) > 1 || len(f.script) == 1 && !f.sticky:
		err, f.script = f.script[0], f.script[1:]
	case len(f.script) == 1:
		err = f.script[0]
	}
	if err == errLate { // the deadline had passed when the write began: no wait
		return 0, &net.OpError{Op: "write", Net: "udp", Err: os.ErrDeadlineExceeded}
	}
	if !f.deadline.IsZero() && f.clock.After(f.deadline) {
		return 0, &net.OpError{Op: "write", Net: "udp", Err: os.ErrDeadlineExceeded}
	}
	if errors.Is(err, os.ErrDeadlineExceeded) { // the buffer stayed full until the deadline
		f.clock = f.deadline
		return 0, err
	}
	f.clock = f.clock.Add(f.step)
	if err != nil {
		return 0, err
	}
	f.writes++
	return len(b), nil
}

func (f *fakeConn) SetWriteDeadline(t time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deadline = t
	return nil
}

func (f *fakeConn) Close() error { return nil }

func (f *fakeConn) attemptsSoFar() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.attempts
}

func fakeExporter(f *fakeConn, opts ...Option) *Exporter {
	cfg := newConfig(append([]Option{withGetenv(func(string) string { return "" }), WithLambda(false)}, opts...))
	e := newExporter(cfg, f, "fake:2000")
	e.now = f.now
	return e
}

// roots is n root segments, one datagram each.
func roots(n int) tracetest.SpanStubs {
	var s tracetest.SpanStubs
	for i := range n {
		s = append(s, spantest.Span(uint64(i+1), 0))
	}
	return s
}

func TestErrorClassification(t *testing.T) {
	var (
		again   = opErr(syscall.EAGAIN)
		nobufs  = opErr(syscall.ENOBUFS)
		toolong = opErr(syscall.EMSGSIZE)
		refused = opErr(syscall.ECONNREFUSED)
		expired = &net.OpError{Op: "write", Net: "udp", Err: os.ErrDeadlineExceeded}
		closed  = &net.OpError{Op: "write", Net: "udp", Err: net.ErrClosed}
	)
	tests := []struct {
		name   string
		script []error
		sticky bool
		want   Stats // only Sent, Refused and Dropped are compared
		err    string
	}{
		{"all written", nil, false, Stats{Sent: 5}, ""},
		{"EAGAIN once is retried", []error{again}, false, Stats{Sent: 5}, ""},
		{"ENOBUFS once is retried", []error{nil, nobufs}, false, Stats{Sent: 5}, ""},
		{"ENOBUFS for longer than the timeout", []error{nil, nobufs}, true, Stats{Sent: 1, Dropped: Drops{SocketFull: 4}}, "4 of 5 datagrams not sent to fake:2000"},
		{"message too long drops one", []error{nil, toolong}, false, Stats{Sent: 4, Dropped: Drops{WriteError: 1}}, "1 of 5 datagrams not sent"},
		{"refused: the last written moves to unreachable", []error{nil, nil, refused}, false,
			Stats{Sent: 4, Refused: 1, Dropped: Drops{Unreachable: 1}}, "refused earlier datagrams"},
		{"refused twice in a row", []error{nil, nil, refused, refused}, false,
			Stats{Sent: 3, Refused: 1, Dropped: Drops{Unreachable: 2}}, "1 of 5 datagrams not sent"},
		{"deadline exceeded stops the batch", []error{nil, expired}, false, Stats{Sent: 1, Dropped: Drops{SocketFull: 4}}, "send buffer stayed full"},
		{"a late start is not a full socket", []error{nil, errLate, errLate}, false, Stats{Sent: 5}, ""},
		{"late three times is given up", []error{nil, errLate, errLate, errLate}, false, Stats{Sent: 1, Dropped: Drops{SocketFull: 4}}, "send buffer stayed full"},
		{"closed socket is a counted no-op", []error{closed}, false, Stats{Dropped: Drops{Shutdown: 5}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeConn{script: tc.script, sticky: tc.sticky, step: 10 * time.Microsecond}
			e := fakeExporter(f, WithWriteTimeout(time.Millisecond))
			err := e.ExportSpans(context.Background(), roots(5).Snapshots())
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("err = %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("err = %v, want one with %q", err, tc.err)
			}
			st := e.Stats()
			if got := (Stats{Sent: st.Sent, Refused: st.Refused, Dropped: st.Dropped}); got != tc.want {
				t.Errorf("stats = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestWriteTimeoutIsPerWrite(t *testing.T) {
	// Each write takes 4ms of a 10ms timeout: the flush takes 40ms, and
	// every write must still be given the whole timeout. Before, the
	// deadline was set at the start of the flush, and the third write failed.
	f := &fakeConn{step: 4 * time.Millisecond}
	e := fakeExporter(f, WithWriteTimeout(10*time.Millisecond), WithPacing(0, 0))
	if err := e.ExportSpans(context.Background(), roots(10).Snapshots()); err != nil {
		t.Fatal(err)
	}
	if st := e.Stats(); st.Sent != 10 || f.writes != 10 {
		t.Errorf("stats = %+v, %d writes", st, f.writes)
	}
}

func TestCanceledContextSkipsTheWork(t *testing.T) {
	// Nothing is translated or written, and every span, sampled or not,
	// counts as canceled (before, the unsampled ones counted as unsampled
	// after the whole batch had been encoded).
	f := &fakeConn{}
	e := fakeExporter(f)
	stubs := roots(3)
	for i := range 2 {
		s := spantest.Span(uint64(10+i), 0)
		s.SpanContext = s.SpanContext.WithTraceFlags(0)
		stubs = append(stubs, s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := e.ExportSpans(ctx, stubs.Snapshots())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if st := e.Stats(); st.Dropped.Canceled != 5 || st.Dropped.Unsampled != 0 || f.attempts != 0 {
		t.Errorf("stats = %+v, %d writes", st, f.attempts)
	}
}

func TestContextCancelledDuringRetry(t *testing.T) {
	f := &fakeConn{script: []error{opErr(syscall.EAGAIN)}, sticky: true}
	e := fakeExporter(f, WithWriteTimeout(time.Hour))
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for f.attemptsSoFar() < 3 {
			time.Sleep(100 * time.Microsecond)
		}
		cancel()
	}()
	err := e.ExportSpans(ctx, roots(4).Snapshots())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if st := e.Stats(); st.Dropped.Canceled != 4 || st.Dropped.SocketFull != 0 {
		t.Errorf("stats = %+v", st)
	}
}

func TestPacingWaitsForTheReceiver(t *testing.T) {
	// The receiver's queue stays full for three looks, then drains: the
	// flush waits for it between windows instead of writing into a full
	// buffer. A queue that never drains holds a window back for at most the
	// write timeout.
	const full = defaultReceiveBuffer
	for _, tc := range []struct {
		name   string
		queue  []int
		looks  int
		writes int
	}{
		{"drains", []int{full, full, full, 0}, 5, 3}, // 4 looks in the first pause, 1 in the second
		{"never drains", []int{full}, -1, 3},
		{"not on this host", nil, 2, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeConn{}
			e := fakeExporter(f, WithPacing(1, time.Microsecond), WithWriteTimeout(5*time.Millisecond))
			e.now = time.Now
			looks := 0
			e.queued = func() (int, bool) {
				looks++
				if tc.queue == nil {
					return 0, false
				}
				return tc.queue[min(looks-1, len(tc.queue)-1)], true
			}
			// Three datagrams, each a window of its own: two pauses.
			if err := e.ExportSpans(context.Background(), roots(3).Snapshots()); err != nil {
				t.Fatal(err)
			}
			if f.writes != tc.writes {
				t.Errorf("%d writes, want %d", f.writes, tc.writes)
			}
			if tc.looks > 0 && looks != tc.looks {
				t.Errorf("%d looks at the queue, want %d", looks, tc.looks)
			}
			if tc.looks < 0 && looks < 4 {
				t.Errorf("%d looks at a queue that never drains", looks)
			}
		})
	}
}
