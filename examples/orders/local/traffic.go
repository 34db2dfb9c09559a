package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/otelxray/otelxray/examples/internal/lambdasim"
	"github.com/otelxray/otelxray/examples/orders/internal/order"
)

// call is one request the demo made through the API.
type call struct {
	method, path string
	status       int
	// root is the trace the API ran it in (its X-Amzn-Trace-Id response
	// header), orderID the order a POST created, and contextTrace the trace
	// read said it served post's context request in.
	root, orderID, contextTrace string
}

func (c call) String() string {
	s := fmt.Sprintf("%-4s %-24s -> %d", c.method, c.path, c.status)
	if c.orderID != "" {
		s += " " + c.orderID
	}
	return s + "  trace " + c.root
}

// customers place the demo's orders.
var customers = []struct{ name, item string }{
	{"alice", "coffee beans"}, {"bob", "teapot"}, {"carol", "espresso cups"}, {"dave", "milk frother"},
}

// traffic POSTs posts orders, then GETs each of them and one that does not
// exist (a 404: an error on the map), printing a line per call.
func traffic(ctx context.Context, apiURL string, posts int, w io.Writer) ([]call, error) {
	client := &http.Client{Timeout: 60 * time.Second}
	var calls []call
	for i := range posts {
		c := customers[i%len(customers)]
		body := fmt.Sprintf(`{"customer":%q,"item":%q,"quantity":%d}`, c.name, c.item, i+1)
		res, err := do(ctx, client, http.MethodPost, apiURL, "/orders", body)
		if err != nil {
			return calls, err
		}
		var created order.Change
		if err := json.Unmarshal(res.body, &created); err != nil || res.status != http.StatusCreated {
			return calls, fmt.Errorf("POST /orders: %d %s", res.status, res.body)
		}
		res.orderID, res.contextTrace = created.Order.ID, created.Context.TraceID
		calls = append(calls, res.call)
		fmt.Fprintln(w, res.call)
	}
	var ids []string
	for _, c := range calls {
		ids = append(ids, c.orderID)
	}
	for _, id := range append(ids, "o-000000000000") {
		res, err := do(ctx, client, http.MethodGet, apiURL, "/orders/"+id, "")
		if err != nil {
			return calls, err
		}
		calls = append(calls, res.call)
		fmt.Fprintln(w, res.call)
	}
	return calls, nil
}

type response struct {
	call
	body []byte
}

func do(ctx context.Context, client *http.Client, method, apiURL, path, body string) (response, error) {
	req, err := http.NewRequestWithContext(ctx, method, apiURL+path, strings.NewReader(body))
	if err != nil {
		return response{}, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return response{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return response{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	root := lambdasim.CallerFromHeader(resp.Header.Get("X-Amzn-Trace-Id")).Root
	return response{call: call{method: method, path: path, status: resp.StatusCode, root: root}, body: b}, nil
}
