package xrayudp

import (
	"context"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/internal/daemonaddr"
	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
)

var _ sdktrace.SpanExporter = (*Exporter)(nil)

// Exporter sends spans to the X-Ray daemon as segment documents over UDP.
// It is safe for concurrent use. Create one with [New].
type Exporter struct {
	conn        conn
	addr        string
	lambda      bool
	translator  *segment.Translator
	cfg         config
	stats       counters
	closed      atomic.Bool
	lastSpans   atomic.Uint64 // spans in the last datagram written, for refusals
	deadlineMu  sync.Mutex    // guards deadline; never held across a write
	deadline    time.Time     // the socket's write deadline, only moved forward
	now         func() time.Time
	queued      func() (int, bool) // the receiver's queued bytes, if it is on this host
	closeOnce   sync.Once
	closeErr    error
	packers     sync.Pool // *wire.Packer
	otlpPackers sync.Pool // *wire.OTLPPacker
}

// New returns an exporter with a UDP socket connected to the daemon. It sends
// nothing until spans are exported. An address that cannot be parsed or
// resolved is an error; a daemon that is not running is not (UDP cannot
// tell): its drops show in [Exporter.Stats].
func New(opts ...Option) (*Exporter, error) {
	cfg := newConfig(opts)
	if cfg.formatErr != nil {
		return nil, cfg.formatErr
	}
	hp, err := parseAddress(cfg.endpoint)
	if err != nil {
		return nil, fmt.Errorf("%w (from %s)", err, cfg.endpointFrom)
	}
	raddr, err := daemonaddr.UDPAddr(hp) // an IP address needs no resolver
	if err != nil {
		return nil, fmt.Errorf("xrayudp: cannot resolve daemon address %q (from %s): %w", hp, cfg.endpointFrom, err)
	}
	c, err := net.DialUDP("udp", nil, raddr)
	if err != nil {
		return nil, fmt.Errorf("xrayudp: cannot open a UDP socket to %s (from %s): %w", raddr, cfg.endpointFrom, err)
	}
	e := newExporter(cfg, c, raddr.String())
	e.queued = func() (int, bool) { return receiverQueue(raddr) }
	return e, nil
}

// newExporter returns an exporter that writes through c to addr.
func newExporter(cfg config, c conn, addr string) *Exporter {
	e := &Exporter{
		conn:   c,
		addr:   addr,
		now:    time.Now,
		lambda: *cfg.lambda,
		cfg:    cfg,
		translator: segment.NewTranslator(segment.Config{
			Lambda:   *cfg.lambda,
			Indexed:  cfg.indexed,
			IndexAll: cfg.indexAll,
		}),
	}
	e.packers.New = func() any { return new(wire.Packer) }
	e.otlpPackers.New = func() any { return new(wire.OTLPPacker) }
	return e
}

// Endpoint returns the daemon's resolved UDP address.
func (e *Exporter) Endpoint() string { return e.addr }

// Lambda reports whether the exporter runs in Lambda mode.
func (e *Exporter) Lambda() bool { return e.lambda }

// Stats returns the exporter's counters.
func (e *Exporter) Stats() Stats { return e.stats.snapshot() }

// ExportSpans translates spans into documents, packs them into as few
// datagrams as fit, and writes them to the daemon before it returns, the
// documents nearest the root first. No write waits longer than the write
// timeout for socket buffer space; a large flush also pauses between paced
// windows (see [WithPacing]); ctx is checked first and between writes. When
// datagrams could not be written it returns one error describing the first
// failure; every span not sent is counted in Stats. After Shutdown it only
// counts the spans as dropped.
//
// UDP cannot report loss: a span counted in Stats.Sent was written to the
// socket, not necessarily received by the daemon.
func (e *Exporter) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	if len(spans) == 0 {
		return nil
	}
	e.stats.spans.Add(uint64(len(spans)))
	if e.closed.Load() {
		e.stats.shutdown.Add(uint64(len(spans)))
		return nil
	}
	if err := ctx.Err(); err != nil {
		// Translating and encoding a batch that cannot be sent is waste.
		e.stats.canceled.Add(uint64(len(spans)))
		return fmt.Errorf("xrayudp: export canceled before any of %d spans was sent: %w", len(spans), err)
	}
	// Spans only Datadog gets: Datadog-only spans, and traces recorded for
	// Datadog that X-Ray did not sample.
	if spans = e.forXRay(spans); len(spans) == 0 {
		return nil
	}
	if *e.cfg.format == FormatOTLP {
		return e.exportOTLP(ctx, spans)
	}
	p := e.packers.Get().(*wire.Packer)
	defer e.putPacker(p)
	e.pack(p, spans)
	return e.send(ctx, p)
}

// putPacker returns p to the pool unless it grew unusually large.
func (e *Exporter) putPacker(p *wire.Packer) {
	if !p.Reusable() {
		return
	}
	p.Reset()
	e.packers.Put(p)
}

// Shutdown closes the socket. It is idempotent and safe to call concurrently
// with ExportSpans; spans exported afterwards are counted as dropped.
func (e *Exporter) Shutdown(ctx context.Context) error {
	e.closeOnce.Do(func() {
		e.closed.Store(true)
		if err := e.conn.Close(); err != nil {
			e.closeErr = fmt.Errorf("xrayudp: closing the socket to %s: %w", e.addr, err)
		}
	})
	return e.closeErr
}

// MarshalLog describes the exporter for OpenTelemetry's logger.
func (e *Exporter) MarshalLog() any {
	return struct {
		Type     string
		Endpoint string
		Lambda   bool
		Format   string
	}{"xrayudp", e.addr, e.lambda, e.cfg.format.String()}
}
