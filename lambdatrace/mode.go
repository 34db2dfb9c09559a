package lambdatrace

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"go.opentelemetry.io/otel"
)

// ProcessingMode is when the wrapper exports the spans of an invocation.
type ProcessingMode string

// The processing modes, as LAMBDA_EXTENSION_SPAN_PROCESSOR_MODE names them.
const (
	// ProcessingModeSync exports everything that has ended before the
	// handler returns: the response waits for the export. The default.
	ProcessingModeSync ProcessingMode = "sync"
	// ProcessingModeAsync registers an internal Lambda extension, lets the
	// handler return, and exports once the runtime has posted the
	// response, before the extension asks Lambda for the next event (so
	// the environment is not frozen mid-export). The last spans are
	// exported on SIGTERM, which registering an extension makes Lambda
	// send. Where the Extensions API is unavailable (local runs, Lambda
	// Managed Instances running several invocations at once) it falls back
	// to sync, and says so once.
	ProcessingModeAsync ProcessingMode = "async"
	// ProcessingModeFinalize leaves exporting to the span processors of
	// the program's own TracerProvider: the wrapper ends the invocation
	// span (and, at the deadline cut, the spans still open under it in the
	// default setup) and nothing else. It does not flush, register an
	// extension or handle SIGTERM. With the default setup, spans are then
	// exported only when the queue fills and at Shutdown.
	ProcessingModeFinalize ProcessingMode = "finalize"
)

// The variables that choose the mode and the queue's size (the names
// lambda-otel-lite uses).
const (
	modeEnv      = "LAMBDA_EXTENSION_SPAN_PROCESSOR_MODE"
	queueSizeEnv = "LAMBDA_SPAN_PROCESSOR_QUEUE_SIZE"
)

// defaultQueueSize is the default bound of the span queue.
const defaultQueueSize = 2048

// WithProcessingMode sets the processing mode; it wins over
// LAMBDA_EXTENSION_SPAN_PROCESSOR_MODE. An unknown mode is reported once,
// through otel.Handle, and sync is used.
func WithProcessingMode(m ProcessingMode) Option {
	return func(c *config) { c.mode = m }
}

// WithQueueSize bounds the spans the default setup keeps between exports
// (default 2,048); it wins over LAMBDA_SPAN_PROCESSOR_QUEUE_SIZE. When the
// queue is full its spans are exported at once rather than dropped.
func WithQueueSize(n int) Option {
	return func(c *config) { c.queueSize = n }
}

// parseMode reads a processing mode, from an option or the variable.
func parseMode(s string) (ProcessingMode, error) {
	switch m := ProcessingMode(strings.ToLower(strings.TrimSpace(s))); m {
	case "", ProcessingModeSync:
		return ProcessingModeSync, nil
	case ProcessingModeAsync, ProcessingModeFinalize:
		return m, nil
	}
	return ProcessingModeSync, fmt.Errorf("lambdatrace: processing mode %q is not sync, async or finalize; using sync", s)
}

// parseQueueSize reads a queue size.
func parseQueueSize(s string) (int, error) {
	if strings.TrimSpace(s) == "" {
		return defaultQueueSize, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return defaultQueueSize, fmt.Errorf("lambdatrace: %s=%q is not a positive whole number; using %d", queueSizeEnv, s, defaultQueueSize)
	}
	return n, nil
}

// resolveMode settles the mode and the queue size from the options, else
// the variables, and returns the problems to report (once, at Wrap).
func resolveMode(c *config) []error {
	var errs []error
	src := string(c.mode)
	if src == "" {
		src = c.getenv(modeEnv)
	}
	m, err := parseMode(src)
	if err != nil {
		if c.mode == "" {
			err = fmt.Errorf("%w (from %s)", err, modeEnv)
		}
		errs = append(errs, err)
	}
	c.mode = m
	if c.queueSize == 0 {
		n, err := parseQueueSize(c.getenv(queueSizeEnv))
		if err != nil {
			errs = append(errs, err)
		}
		c.queueSize = n
	} else if c.queueSize < 0 {
		errs = append(errs, fmt.Errorf("lambdatrace: queue size %d is not positive; using %d", c.queueSize, defaultQueueSize))
		c.queueSize = defaultQueueSize
	}
	return errs
}

// startMode reports the mode's problems and, in async mode, joins the
// extension, falling back to sync when it is unavailable.
func (w *wrapper) startMode(problems []error) {
	for _, err := range problems {
		otel.Handle(err)
	}
	if w.cfg.mode != ProcessingModeAsync {
		return
	}
	x, err := joinExtension(w.cfg.getenv, w.setup.flush)
	if err != nil {
		otel.Handle(fmt.Errorf("lambdatrace: async processing is unavailable: %v; exporting before each response (sync)", err))
		w.cfg.mode = ProcessingModeSync
		return
	}
	w.ext = x
}

// flushesInHandler reports whether the handler flushes before returning:
// in sync mode, and in async mode once the extension has stopped.
func (w *wrapper) flushesInHandler() bool {
	switch w.cfg.mode {
	case ProcessingModeFinalize:
		return false
	case ProcessingModeAsync:
		return w.ext == nil || w.ext.failed.Load()
	}
	return true
}

// flushBeforeExit flushes after a panic when the handler does not flush
// by itself (async mode): aws-lambda-go posts the error and exits the
// process, before the extension could export. Finalize mode is left alone.
func (w *wrapper) flushBeforeExit(ctx context.Context) {
	if w.cfg.mode == ProcessingModeAsync && !w.flushesInHandler() {
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), flushTimeout)
		defer cancel()
		_ = w.setup.flush(fctx)
	}
}
