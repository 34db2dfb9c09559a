package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/otelxray/otelxray/awssdk"
	"github.com/otelxray/otelxray/examples/internal/awslocal"
	"github.com/otelxray/otelxray/xraylocal"
)

// runLocal runs the server against an embedded xraylocal and a DynamoDB
// stand-in holding order 42, GETs orders 42 and 7 (a 404), and prints the
// traces and the service map. It fails if a document broke a rule.
func runLocal(ctx context.Context, w io.Writer) error {
	xr, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		return err
	}
	defer xr.Close()
	return local(ctx, xr, w)
}

// local is runLocal with the daemon xr.
func local(ctx context.Context, xr *xraylocal.Server, w io.Writer) error {
	stand, err := awslocal.Start(awslocal.WithTable("orders", "id"))
	if err != nil {
		return err
	}
	defer stand.Close()

	tp, err := newTracerProvider(xr.UDPAddr())
	if err != nil {
		return err
	}
	defer func() { _ = tp.Shutdown(context.Background()) }()
	cfg := stand.Config()
	awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithTracerProvider(tp))
	ddb := dynamodb.NewFromConfig(cfg)
	_, err = dynamodb.NewFromConfig(stand.Config()).PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("orders"), // untraced setup
		Item: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "42"}, "item": &types.AttributeValueMemberS{Value: "teapot"}}})
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: newHandler(tp, ddb, "orders"), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	client := &http.Client{Timeout: 30 * time.Second}
	for _, id := range []string{"42", "7"} {
		resp, err := client.Get("http://" + ln.Addr().String() + "/orders/" + id)
		if err != nil {
			return err
		}
		resp.Body.Close()
		fmt.Fprintf(w, "GET /orders/%s -> %s\n", id, resp.Status)
	}
	if err := tp.ForceFlush(ctx); err != nil {
		return err
	}
	// Two requests: a segment each, its GetItem nested in it.
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := xr.WaitDocuments(wctx, 2); err != nil {
		return fmt.Errorf("waiting for the documents: %w", err)
	}
	summaries := xr.Traces("") // newest first
	fmt.Fprintf(w, "\n%s", xraylocal.TreeLegend)
	for i := len(summaries) - 1; i >= 0; i-- {
		if t, found := xr.Trace(summaries[i].ID); found {
			fmt.Fprintln(w)
			_ = t.WriteTree(w)
		}
	}
	fmt.Fprintf(w, "\nservice map:\n%s", xr.ServiceMap())
	if n := xr.Stats().Problems; n > 0 {
		for _, p := range xr.Problems() {
			fmt.Fprintln(w, p)
		}
		return errors.New("some documents broke X-Ray's rules (see above)")
	}
	return nil
}
