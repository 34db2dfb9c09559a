// Package slogtrace puts trace ids in log records: a [log/slog] Handler
// wrapper that adds, from the context a record is logged with, the X-Ray
// trace id ("1-5759e988-bd862e3fe1be46a994272793"), the W3C trace id, the
// span id, the Lambda request id and, with [WithDatadog], the dd.trace_id and
// dd.span_id Datadog's log correlation reads. Log with the Context variants
// (slog.InfoContext(ctx, ...), logger.ErrorContext(ctx, ...)) so the record
// has the invocation's context:
//
//	slog.SetDefault(slog.New(slogtrace.NewLambdaHandler(os.Stdout)))
//	slog.InfoContext(ctx, "order stored", "order", id)
//
// [NewLambdaHandler] writes in the function's log format: JSON lines (with
// Lambda's keys timestamp, level and message) when AWS_LAMBDA_LOG_FORMAT is
// JSON, text otherwise. The keys of the ids are the Key constants; the
// example of [NewHandler] shows a line.
//
// The ids are added at the top level of the record even under
// [slog.Logger.WithGroup], where log tools look for them. Within one span
// they are formatted once and reused, so a record costs no more allocations
// than without the wrapper unless it overflows the five attributes a
// slog.Record holds inline; see the package's benchmarks.
//
//docscheck:snippet imports "log/slog" "os" "context" "github.com/otelxray/otelxray/slogtrace"; args ctx context.Context, id string
package slogtrace
