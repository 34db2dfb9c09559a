package clienttest

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/otelxray/otelxray/awssdk"
	"github.com/otelxray/otelxray/metadata"
)

// The examples of package awssdk, with real clients: they need the
// DynamoDB client and the SDK's config loader, which package awssdk's own
// tests do without.

// The one line: every client made from cfg is traced, with the global
// TracerProvider (set up with the xrayudp exporter).
func Example() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		log.Fatal(err)
	}
	awssdk.AppendMiddlewares(&cfg.APIOptions)

	ddb := dynamodb.NewFromConfig(cfg)
	_, _ = ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("orders")})
}

// What a call records, shown with an in-memory exporter and a local
// endpoint standing in for DynamoDB.
func Example_attributes() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-amzn-RequestId", "R1")
		fmt.Fprint(w, `{"Item":{"id":{"S":"42"}}}`)
	}))
	defer srv.Close()
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))

	cfg := aws.Config{Region: "eu-west-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")}
	awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithTracerProvider(tp))
	_, err := dynamodb.NewFromConfig(cfg).GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String("orders"), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "42"}}})
	if err != nil {
		log.Fatal(err)
	}

	s := spans.GetSpans()[0]
	fmt.Println(s.Name, s.SpanKind)
	var lines []string
	for _, kv := range s.Attributes {
		if kv.Key != "http.response.body.size" {
			lines = append(lines, fmt.Sprintf("%s=%s", kv.Key, kv.Value.String()))
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	// Output:
	// DynamoDB.GetItem client
	// aws.consistent_read=true
	// aws.region=eu-west-1
	// aws.request_id=R1
	// aws.retries=0
	// aws.table_name=orders
	// http.response.status_code=200
	// rpc.method=GetItem
	// rpc.service=DynamoDB
	// rpc.system=aws-api
}

// Values the request does not carry come from the context.
func Example_metadata() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	awssdk.AppendMiddlewares(&cfg.APIOptions)

	ctx := metadata.With(context.Background(), metadata.AWS{TableName: "ledger"})
	_, _ = dynamodb.NewFromConfig(cfg).ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{
		Statement: aws.String(`SELECT * FROM ledger WHERE id = ?`)}) // recorded with table_name "ledger"
}
