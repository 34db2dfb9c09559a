// Package metadata holds the span attribute keys that otelxray turns into the
// aws object of an X-Ray subsegment, and context helpers that attach AWS
// metadata and annotations to spans.
//
// [With] adds values to every AWS SDK call made under a context, for calls
// whose request does not name the resource itself, or to add what the
// service map or a search needs:
//
//	ctx = metadata.With(ctx, metadata.AWS{TableName: "orders"})
//	out, err := ddb.ExecuteStatement(ctx, in) // recorded with table_name "orders"
//
// The values reach the spans of package awssdk; the request's own values
// win over the context's. Other instrumentation can read them with
// [Attributes].
//
// [Annotate] marks attributes of one span as X-Ray annotations (indexed and
// searchable), in addition to the exporter's list:
//
//	span.SetAttributes(metadata.Annotate(attribute.String("order.id", id))...)
//
// The package depends on the OpenTelemetry API only; it does not import the
// AWS SDK.
//
//docscheck:snippet imports "context" "github.com/aws/aws-sdk-go-v2/service/dynamodb" "github.com/otelxray/otelxray/metadata"; args ctx context.Context, ddb *dynamodb.Client, in *dynamodb.ExecuteStatementInput
//docscheck:snippet imports "go.opentelemetry.io/otel/attribute" "go.opentelemetry.io/otel/trace" "github.com/otelxray/otelxray/metadata"; args span trace.Span, id string
package metadata
