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

	"github.com/otelxray/otelxray/internal/wire"
)

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

// send writes the batch's datagrams in order. The socket is shared by
// concurrent calls without a lock: each datagram is one write, and the
// kernel keeps datagrams whole. A large flush pauses between windows so a
// receiver sharing the CPU can drain. It returns the first error, once.
func (e *Exporter) send(ctx context.Context, p *wire.Packer) error {
	grams := p.Len()
	if grams == 0 {
		return nil
	}
	if err := e.extendDeadline(); err != nil {
		e.dropFrom(p, 0, e.errClass(err))
		return e.sendError(p, 0, err)
	}
	var firstErr, refused error
	failed := 0
	window := 0
	for k := range grams {
		if err := ctx.Err(); err != nil {
			e.dropFrom(p, k, &e.stats.canceled)
			return e.keepFirst(firstErr, fmt.Errorf("xrayudp: export canceled with %d of %d datagrams unsent: %w", grams-k, grams, err))
		}
		d := p.Datagram(k)
		cost := charged(len(d))
		if e.cfg.paceBytes > 0 && window > 0 && window+cost > e.cfg.paceBytes {
			if !sleep(ctx, e.cfg.pause) {
				e.dropFrom(p, k, &e.stats.canceled)
				return e.keepFirst(firstErr, fmt.Errorf("xrayudp: export canceled with %d of %d datagrams unsent: %w", grams-k, grams, ctx.Err()))
			}
			window = 0
			_ = e.extendDeadline()
		}
		window += cost
		_, err := e.conn.Write(d)
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
			refused = err
			_, err = e.conn.Write(d)
		}
		if err == nil {
			e.stats.datagrams.Add(1)
			e.stats.bytes.Add(uint64(len(d)))
			e.stats.sent.Add(uint64(p.Spans(k)))
			e.lastSpans.Store(uint64(p.Spans(k)))
			continue
		}
		failed++
		if firstErr == nil {
			firstErr = err
		}
		counter := e.errClass(err)
		if counter == &e.stats.socketFull || counter == &e.stats.shutdown {
			// Later writes would fail the same way: stop here.
			e.dropFrom(p, k, counter)
			return e.sendError(p, k, err)
		}
		counter.Add(uint64(p.Spans(k)))
	}
	if firstErr != nil {
		return fmt.Errorf("xrayudp: %d of %d datagrams not sent to %s: %w%s", failed, grams, e.addr, firstErr, hint(firstErr))
	}
	if refused != nil {
		return fmt.Errorf("xrayudp: the daemon at %s refused earlier datagrams: %w%s", e.addr, refused, hint(refused))
	}
	return nil
}

// dropFrom counts the spans of datagrams k and later as dropped.
func (e *Exporter) dropFrom(p *wire.Packer, k int, c *atomic.Uint64) {
	n := 0
	for ; k < p.Len(); k++ {
		n += p.Spans(k)
	}
	c.Add(uint64(n))
}

func (e *Exporter) sendError(p *wire.Packer, k int, err error) error {
	if errors.Is(err, net.ErrClosed) {
		return nil // export after (or during) Shutdown is a counted no-op
	}
	return fmt.Errorf("xrayudp: %d of %d datagrams not sent to %s: %w%s", p.Len()-k, p.Len(), e.addr, err, hint(err))
}

func (e *Exporter) keepFirst(first, err error) error {
	if first != nil {
		return fmt.Errorf("%w (and %w)", first, err)
	}
	return err
}

// errClass picks the drop counter for a write error.
func (e *Exporter) errClass(err error) *atomic.Uint64 {
	switch {
	case errors.Is(err, net.ErrClosed):
		return &e.stats.shutdown
	case errors.Is(err, syscall.ECONNREFUSED):
		return &e.stats.unreachable
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, syscall.EAGAIN), errors.Is(err, syscall.ENOBUFS):
		return &e.stats.socketFull
	}
	return &e.stats.writeError
}

func hint(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return " (nothing listens there: start the X-Ray daemon or xraylocal, or set AWS_XRAY_DAEMON_ADDRESS)"
	case errors.Is(err, os.ErrDeadlineExceeded):
		return " (the socket's send buffer stayed full; raise WithWriteTimeout or export smaller batches)"
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
