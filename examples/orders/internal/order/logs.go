package order

import (
	"log/slog"
	"os"

	"github.com/otelxray/otelxray/slogtrace"
)

// UseTraceLogs makes slog's default logger write in the function's log
// format (JSON with the template's LoggingConfig) and add to every record
// logged with a context the X-Ray trace id, the span id and the Lambda
// request id, so that a log line leads to its trace and back. Call it first
// in main.
func UseTraceLogs() {
	slog.SetDefault(slog.New(slogtrace.NewLambdaHandler(os.Stdout)))
}
