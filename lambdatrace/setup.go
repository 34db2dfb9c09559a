package lambdatrace

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/lambdaenv"
)

// instrumentation is the name of the tracer the wrapper uses.
const instrumentation = "github.com/otelxray/otelxray/lambdatrace"

// setup is what the wrapper needs at every invocation, built once by Wrap.
type setup struct {
	tracer   trace.Tracer
	provider trace.TracerProvider // tracer's
	flush    func(context.Context) error
	// endOpen ends the open spans under an invocation span cut at its
	// deadline; nil when the provider is not the default setup's.
	endOpen func(root trace.SpanID, at time.Time) int
}

// newSetup builds the recommended setup, or adopts the user's provider.
func newSetup(c *config) setup {
	if c.tp != nil {
		otelHandle(ignoredOptions(c))
		return setup{tracer: c.tp.Tracer(instrumentation), provider: c.tp, flush: c.tp.ForceFlush}
	}
	if !c.noGlobals {
		switch tp := otel.GetTracerProvider().(type) {
		case *sdktrace.TracerProvider:
			// The program set up OpenTelemetry itself: use and flush that.
			otelHandle(ignoredOptions(c))
			return setup{tracer: tp.Tracer(instrumentation), provider: tp, flush: tp.ForceFlush}
		default:
			if !isDefaultGlobal(tp) {
				// A provider of another kind: use it, leave the globals alone.
				// It cannot be flushed from here; it must write by itself.
				otelHandle(ignoredOptions(c))
				return setup{tracer: tp.Tracer(instrumentation), provider: tp, flush: func(context.Context) error { return nil }}
			}
		}
	}
	inLambda := lambdaenv.In(c.getenv)
	env, errs := readEnv(c.getenv, inLambda)
	for _, err := range errs {
		otel.Handle(err) // once each: newSetup runs once per Wrap
	}
	if env.off != "" {
		// Untraced, globals untouched: the tracer makes no-op spans.
		np := noop.NewTracerProvider()
		return setup{tracer: np.Tracer(instrumentation), provider: np, flush: func(context.Context) error { return nil }}
	}
	opts := []sdktrace.TracerProviderOption{
		sdktrace.WithIDGenerator(xray.NewIDGenerator()),
		sdktrace.WithResource(Resource(context.Background())),
	}
	if c.sampler != nil {
		opts = append(opts, sdktrace.WithSampler(c.sampler))
	} else if inLambda {
		// The trace header decides. Outside Lambda the SDK reads
		// OTEL_TRACES_SAMPLER itself; its default is this sampler too.
		opts = append(opts, sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.AlwaysSample())))
	}
	var proc *flushProcessor
	exps := c.exporters
	xr, err := xrayudp.New(append([]xrayudp.Option{xrayudp.WithLambda(true)}, c.exporterOps...)...)
	if err != nil {
		// A bad AWS_XRAY_DAEMON_ADDRESS must not break the function: it runs
		// untraced by X-Ray (the exporters of WithSpanExporter still get
		// its spans), and says why once, through OpenTelemetry's error
		// handler (whose default logs to stderr, which Lambda keeps).
		what := "tracing is off"
		if len(exps) > 0 {
			what = "tracing to X-Ray is off"
		}
		otel.Handle(fmt.Errorf("lambdatrace: %s: %w", what, err))
	} else {
		exps = append([]sdktrace.SpanExporter{xr}, exps...)
	}
	if exp := exporterOf(exps); exp != nil {
		proc = newFlushProcessor(exp, c.queueSize)
		opts = append(opts, sdktrace.WithSpanProcessor(proc))
	}
	tp := sdktrace.NewTracerProvider(opts...)
	if !c.noGlobals {
		otel.SetTracerProvider(tp)
		p := env.propagator
		if c.propagator != nil {
			p = c.propagator // the option wins over OTEL_PROPAGATORS
		}
		setPropagator(p)
	}
	s := setup{tracer: tp.Tracer(instrumentation), provider: tp, flush: tp.ForceFlush}
	if proc != nil {
		s.endOpen = proc.endOpen
	}
	return s
}

// setPropagator installs p (OTEL_PROPAGATORS; nil for the X-Ray
// propagator) unless the program set a propagator itself, which wins.
func setPropagator(p propagation.TextMapPropagator) {
	if !isDefaultGlobal(otel.GetTextMapPropagator()) {
		if p != nil {
			otel.Handle(fmt.Errorf("lambdatrace: %s is ignored: the program set its own propagator", envPropagators))
		}
		return
	}
	if p == nil {
		p = xrayPropagator{}
	}
	otel.SetTextMapPropagator(p)
}

// isDefaultGlobal reports whether v is OpenTelemetry's default global
// delegate (a provider or propagator nobody set), by its type's package.
func isDefaultGlobal(v any) bool {
	return strings.HasPrefix(fmt.Sprintf("%T", v), "*global.")
}

// Shutdown flushes and shuts down the global TracerProvider when it is an
// OpenTelemetry SDK provider, such as the one Wrap installs. Call it from the
// lambda.WithEnableSIGTERM hook; spans that ended after their handler
// returned are written then. With WithoutGlobals or WithTracerProvider it
// does nothing: shut your own provider down instead.
func Shutdown(ctx context.Context) error {
	if tp, ok := otel.GetTracerProvider().(*sdktrace.TracerProvider); ok {
		return tp.Shutdown(ctx)
	}
	return nil
}

// otelHandle reports err, if any, through OpenTelemetry's error handler.
func otelHandle(err error) {
	if err != nil {
		otel.Handle(err)
	}
}
