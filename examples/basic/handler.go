package main

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// handler serves GET /orders/{id} from a DynamoDB table, tracing each
// request as a SERVER span: the exporter makes it a segment named after
// service.name ("basic").
type handler struct {
	tracer trace.Tracer
	ddb    *dynamodb.Client
	table  string
	mux    *http.ServeMux
}

func newHandler(tp trace.TracerProvider, ddb *dynamodb.Client, table string) http.Handler {
	h := &handler{tracer: tp.Tracer("github.com/otelxray/otelxray/examples/basic"), ddb: ddb, table: table, mux: http.NewServeMux()}
	h.mux.HandleFunc("GET /orders/{id}", h.order)
	return h
}

// ServeHTTP continues the caller's trace from X-Amzn-Trace-Id, if any, in
// a SERVER span with the request's HTTP attributes and status.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := xray.Propagator{}.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
	_, route := h.mux.Handler(r)
	ctx, span := h.tracer.Start(ctx, strings.TrimSpace(r.Method+" "+route), trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(
		attribute.String("http.request.method", r.Method),
		attribute.String("http.route", route),
		attribute.String("url.scheme", "http"),
		attribute.String("server.address", r.Host),
		attribute.String("url.path", r.URL.Path),
		attribute.String("user_agent.original", r.UserAgent()),
		attribute.String("client.address", r.RemoteAddr),
	))
	defer span.End()
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	h.mux.ServeHTTP(sw, r.WithContext(ctx))
	span.SetAttributes(attribute.Int("http.response.status_code", sw.status))
}

func (h *handler) order(w http.ResponseWriter, r *http.Request) {
	key := map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: r.PathValue("id")}}
	out, err := h.ddb.GetItem(r.Context(), &dynamodb.GetItemInput{TableName: &h.table, Key: key})
	switch {
	case err != nil:
		http.Error(w, "reading the order failed", http.StatusBadGateway)
	case out.Item == nil:
		http.Error(w, "no such order", http.StatusNotFound)
	default:
		o := map[string]string{}
		for k, v := range out.Item {
			if s, ok := v.(*types.AttributeValueMemberS); ok {
				o[k] = s.Value
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(o)
	}
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}
