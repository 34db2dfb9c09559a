package slogtrace

import (
	"io"
	"log/slog"
	"os"
	"strings"
)

// Variables of Lambda's logging configuration read by NewLambdaHandler.
const (
	// EnvLogFormat is "JSON" or "Text", as set by the function's logging
	// configuration.
	EnvLogFormat = "AWS_LAMBDA_LOG_FORMAT"
	// EnvLogLevel is the application log level Lambda sets with the JSON
	// format: TRACE, DEBUG, INFO, WARN, ERROR or FATAL.
	EnvLogLevel = "AWS_LAMBDA_LOG_LEVEL"
)

// NewLambdaHandler returns a Handler writing to w in the function's log
// format: with AWS_LAMBDA_LOG_FORMAT=JSON a slog.JSONHandler whose lines use
// Lambda's key names (timestamp, level, message) at the level of
// AWS_LAMBDA_LOG_LEVEL, else a slog.TextHandler at INFO. An unknown level
// is INFO.
func NewLambdaHandler(w io.Writer, opts ...Option) *Handler {
	o := options{getenv: os.Getenv}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	ho := &slog.HandlerOptions{Level: lambdaLevel(o.getenv(EnvLogLevel))}
	if !strings.EqualFold(strings.TrimSpace(o.getenv(EnvLogFormat)), "JSON") {
		return NewHandler(slog.NewTextHandler(w, ho), opts...)
	}
	ho.ReplaceAttr = lambdaKeys
	return NewHandler(slog.NewJSONHandler(w, ho), opts...)
}

// lambdaKeys renames slog's time and msg keys to Lambda's.
func lambdaKeys(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 {
		switch a.Key {
		case slog.TimeKey:
			a.Key = "timestamp"
		case slog.MessageKey:
			a.Key = "message"
		}
	}
	return a
}

// lambdaLevel maps Lambda's log level names to slog levels.
func lambdaLevel(v string) slog.Level {
	switch strings.ToUpper(strings.TrimSpace(v)) {
	case "TRACE":
		return slog.LevelDebug - 4
	case "DEBUG":
		return slog.LevelDebug
	case "WARN":
		return slog.LevelWarn
	case "ERROR":
		return slog.LevelError
	case "FATAL":
		return slog.LevelError + 4
	}
	return slog.LevelInfo
}

// withGetenv replaces os.Getenv, for tests.
func withGetenv(f func(string) string) Option {
	return func(o *options) { o.getenv = f }
}
