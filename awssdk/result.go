package awssdk

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/metadata"
)

// Attributes of the HTTP semantic conventions.
const (
	httpStatusKey   attribute.Key = "http.response.status_code"
	httpBodySizeKey attribute.Key = "http.response.body.size"
)

// appendResult appends what the call's outcome tells: HTTP status and body
// size of the last response, request ID, retries, throttling.
func appendResult(attrs []attribute.KeyValue, md middleware.Metadata, err error) []attribute.KeyValue {
	status, size := 0, int64(-1)
	if resp, ok := awsmiddleware.GetRawResponse(md).(*smithyhttp.Response); ok && resp != nil && resp.Response != nil {
		status, size = resp.StatusCode, resp.ContentLength
	}
	if err != nil {
		if s := errorStatus(err); s > 0 {
			status = s
		}
	}
	if status > 0 {
		attrs = append(attrs, httpStatusKey.Int(status))
	}
	if status > 0 && size >= 0 {
		attrs = append(attrs, httpBodySizeKey.Int64(size))
	}
	id, _ := awsmiddleware.GetRequestIDMetadata(md)
	if id == "" && err != nil {
		id = errorRequestID(err)
	}
	if id != "" {
		attrs = append(attrs, metadata.RequestIDKey.String(id))
	}
	if ar, ok := retry.GetAttemptResults(md); ok && len(ar.Results) > 0 {
		attrs = append(attrs, metadata.RetriesKey.Int(len(ar.Results)-1))
	}
	if err != nil && throttled(err) {
		attrs = append(attrs, metadata.ThrottleKey.Bool(true))
	}
	return attrs
}

// errorStatus is the HTTP status of the response that err reports, or 0.
func errorStatus(err error) int {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) && re.Response != nil && re.Response.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}

// errorRequestID is the request ID of the response that err reports, or "".
func errorRequestID(err error) string {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.ServiceRequestID()
	}
	return ""
}

// throttled reports whether err is a throttling error as the SDK's retryer
// classifies them (ThrottlingException, ProvisionedThroughputExceededException,
// SlowDown, TooManyRequestsException, ...).
func throttled(err error) bool {
	return retry.IsErrorThrottles(retry.DefaultThrottles).IsErrorThrottle(err) == aws.TrueTernary
}

// recordError makes err the span's exception and status.
func recordError(span trace.Span, err error) {
	msg := err.Error()
	span.AddEvent("exception", trace.WithAttributes(
		attribute.String("exception.type", errorType(err)),
		attribute.String("exception.message", msg)))
	span.SetStatus(codes.Error, msg)
}

// errorType names an error: the service's error code when there is one
// (ThrottlingException), else the context error, else the innermost error's
// Go type.
func errorType(err error) string {
	var ae smithy.APIError
	switch {
	case errors.As(err, &ae) && ae.ErrorCode() != "":
		return ae.ErrorCode()
	case errors.Is(err, context.Canceled):
		return "context.Canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "context.DeadlineExceeded"
	}
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return fmt.Sprintf("%T", err)
		}
		err = u
	}
}
