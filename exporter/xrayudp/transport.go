package xrayudp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync/atomic"
	"syscall"
	"time"
)

// conn is what the exporter writes through: the connected UDP socket, or in
// tests a fake that scripts errors.
type conn interface {
	Write(b []byte) (int, error)
	SetWriteDeadline(t time.Time) error
	Close() error
}

// charged estimates, on the safe side, what a datagram of n bytes costs the
// receiver's socket buffer on Linux: buffers grow in powers of two, plus
// per-datagram overhead. Measured on loopback with the default 212,992-byte
// buffer: 500 bytes cost about 1,283; 4,000 cost 8,519; 60,000 cost 70,997.
func charged(n int) int {
	c := 512
	for c < n+300 {
		c <<= 1
	}
	return c + n/8 + 512
}

// datagrams is a packed batch: wire.Packer or wire.OTLPPacker.
type datagrams interface {
	Len() int
	Datagram(k int) []byte
	Spans(k int) int
}

// batch is the state of one send: the datagrams, how far it got, and what
// went wrong.
type batch struct {
	p        datagrams
	failed   int
	firstErr error
	refused  error
}

// send writes the batch's datagrams in order. The socket is shared by
// concurrent calls without a lock: each datagram is one write, and the
// kernel keeps datagrams whole. A large flush pauses between windows so a
// receiver sharing the CPU can drain. It returns the first error, once.
func (e *Exporter) send(ctx context.Context, p datagrams) error {
	b := batch{p: p}
	window := 0
	for k := range p.Len() {
		if err := ctx.Err(); err != nil {
			return e.cancel(&b, k, err)
		}
		cost := charged(len(p.Datagram(k)))
		if e.cfg.paceBytes > 0 && window > 0 && window+cost > e.cfg.paceBytes {
			if !e.pace(ctx) {
				return e.cancel(&b, k, ctx.Err())
			}
			window = 0
		}
		window += cost
		if stop := e.write(ctx, &b, k); stop != nil {
			if stop == errShutdown {
				return nil // export after (or during) Shutdown is a counted no-op
			}
			return stop
		}
	}
	if b.firstErr != nil {
		return fmt.Errorf("xrayudp: %d of %d datagrams not sent to %s: %w%s", b.failed, p.Len(), e.addr, b.firstErr, hint(b.firstErr))
	}
	if b.refused != nil {
		return fmt.Errorf("xrayudp: the daemon at %s refused earlier datagrams: %w%s", e.addr, b.refused, hint(b.refused))
	}
	return nil
}

// defaultReceiveBuffer is Linux's default socket receive buffer, which the
// X-Ray daemon keeps.
const defaultReceiveBuffer = 212_992

// pace waits between windows of a large flush for the receiver to drain.
// When the receiver's queue can be read (a daemon on this host), it waits
// until the queue has room for another window of a default-sized buffer,
// looking every pause, for at most the write timeout: a receiver that is
// slow to be scheduled holds the flush back instead of losing it. Elsewhere
// it sleeps one pause. It reports false when ctx is done.
func (e *Exporter) pace(ctx context.Context) bool {
	room := max(defaultReceiveBuffer-e.cfg.paceBytes, 0)
	start := e.now()
	for e.queued != nil {
		q, ok := e.queued()
		if !ok {
			break
		}
		if q <= room || e.now().Sub(start) >= e.cfg.writeTimeout {
			return ctx.Err() == nil
		}
		if !sleep(ctx, e.cfg.pause) {
			return false
		}
	}
	return sleep(ctx, e.cfg.pause)
}

// write writes datagram k and counts it. It returns a non-nil error only
// when the rest of the batch is dropped: then the error is what send returns
// (nil after Shutdown, which is a counted no-op).
func (e *Exporter) write(ctx context.Context, b *batch, k int) (stop error) {
	d := b.p.Datagram(k)
	err := e.writeOne(ctx, d)
	if err != nil && errors.Is(err, syscall.ECONNREFUSED) {
		// The error reports an earlier datagram, refused by the daemon's
		// host (an ICMP port unreachable); this one was not sent. The
		// refused one was most likely the last written: move its spans
		// from Sent to Unreachable. Then write this one again: a daemon
		// that just restarted should not lose it to a stale error.
		e.stats.refused.Add(1)
		if n := e.lastSpans.Swap(0); n > 0 {
			e.stats.sent.Add(^(n - 1))
			e.stats.unreachable.Add(n)
		}
		b.refused = err
		err = e.writeOne(ctx, d)
	}
	if err == nil {
		e.stats.datagrams.Add(1)
		e.stats.bytes.Add(uint64(len(d)))
		e.stats.sent.Add(uint64(b.p.Spans(k)))
		e.lastSpans.Store(uint64(b.p.Spans(k)))
		return nil
	}
	if ctx.Err() != nil && isFull(err) {
		return e.cancel(b, k, ctx.Err()) // the wait for room was cut by ctx
	}
	b.failed++
	if b.firstErr == nil {
		b.firstErr = err
	}
	counter := e.errClass(err)
	if counter == &e.stats.socketFull || counter == &e.stats.shutdown {
		// Later writes would fail the same way: stop here.
		e.dropFrom(b.p, k, counter)
		if errors.Is(err, net.ErrClosed) {
			return errShutdown
		}
		return fmt.Errorf("xrayudp: %d of %d datagrams not sent to %s: %w%s", b.p.Len()-k, b.p.Len(), e.addr, err, hint(err))
	}
	counter.Add(uint64(b.p.Spans(k)))
	return nil
}

// errShutdown tells send that the batch met a closed socket; ExportSpans
// reports it as nil.
var errShutdown = errors.New("xrayudp: shut down")

// writeOne writes one datagram, waiting at most the write timeout for room
// in the send buffer. A full buffer or queue (EAGAIN, ENOBUFS) that the
// socket reports rather than waits out is retried after pauses that double,
// within the same timeout. A deadline that had passed before the write
// began (the process was not scheduled in time, the socket did not wait)
// gets a fresh timeout, twice at most.
func (e *Exporter) writeOne(ctx context.Context, d []byte) error {
	start := e.now()
	pause, late := minRetryPause, 0
	for {
		if err := e.armDeadline(start); err != nil {
			return err
		}
		began := e.now()
		_, err := e.conn.Write(d)
		if err == nil {
			return nil
		}
		if errors.Is(err, os.ErrDeadlineExceeded) && late < 2 && e.now().Sub(began) < e.cfg.writeTimeout/2 {
			late++
			start = e.now()
			continue
		}
		if !errors.Is(err, syscall.EAGAIN) && !errors.Is(err, syscall.ENOBUFS) {
			return err
		}
		left := e.cfg.writeTimeout - e.now().Sub(start)
		if left <= 0 || !sleep(ctx, min(pause, left)) {
			return err
		}
		pause *= 2
	}
}

// minRetryPause is the first pause before writing again after EAGAIN or
// ENOBUFS.
const minRetryPause = 50 * time.Microsecond

// armDeadline makes sure the shared socket's write deadline leaves a write
// that starts at start the whole write timeout. It moves the deadline only
// forward, so one call never cuts another's write short, and moves it an
// eighth of the timeout further than needed, so that a stream of writes
// sets it once per eighth of the timeout rather than before every write:
// a write waits at least the timeout and at most 9/8 of it.
func (e *Exporter) armDeadline(start time.Time) error {
	need := start.Add(e.cfg.writeTimeout)
	e.deadlineMu.Lock()
	defer e.deadlineMu.Unlock()
	if !e.deadline.Before(need) {
		return nil
	}
	e.deadline = need.Add(e.cfg.writeTimeout / 8)
	return e.conn.SetWriteDeadline(e.deadline)
}

// cancel counts datagrams k and later as canceled and returns the error
// send reports.
func (e *Exporter) cancel(b *batch, k int, err error) error {
	e.dropFrom(b.p, k, &e.stats.canceled)
	err = fmt.Errorf("xrayudp: export canceled with %d of %d datagrams unsent: %w", b.p.Len()-k, b.p.Len(), err)
	if b.firstErr != nil {
		return fmt.Errorf("%w (and %w)", b.firstErr, err)
	}
	return err
}

// dropFrom counts the spans of datagrams k and later as dropped.
func (e *Exporter) dropFrom(p datagrams, k int, c *atomic.Uint64) {
	n := 0
	for ; k < p.Len(); k++ {
		n += p.Spans(k)
	}
	c.Add(uint64(n))
}

// isFull reports whether err says the socket had no room in time.
func isFull(err error) bool {
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.ENOBUFS)
}

// errClass picks the drop counter for a write error.
func (e *Exporter) errClass(err error) *atomic.Uint64 {
	switch {
	case errors.Is(err, net.ErrClosed):
		return &e.stats.shutdown
	case errors.Is(err, syscall.ECONNREFUSED):
		return &e.stats.unreachable
	case isFull(err):
		return &e.stats.socketFull
	}
	return &e.stats.writeError
}

func hint(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return " (nothing listens there: start the X-Ray daemon or xraylocal, or set AWS_XRAY_DAEMON_ADDRESS)"
	case isFull(err):
		return " (the socket's send buffer stayed full; raise WithWriteTimeout or export smaller batches)"
	case errors.Is(err, syscall.EMSGSIZE):
		return " (the datagram is larger than the path allows; the daemon must be on this host or a link with 64 KB datagrams)"
	}
	return ""
}

func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
