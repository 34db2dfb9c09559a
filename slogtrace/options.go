package slogtrace

// Option configures NewHandler and NewLambdaHandler.
type Option func(*options)

type options struct {
	datadog bool
	getenv  func(string) string
}

// WithDatadog adds dd.trace_id (the low 64 bits of the trace id) and
// dd.span_id, both in decimal, as Datadog's log correlation expects them
// from a tracer. Use it with the Datadog bridge (exporter/datadog,
// ddlambda), whose span ids are the same numbers.
func WithDatadog() Option {
	return func(o *options) { o.datadog = true }
}
