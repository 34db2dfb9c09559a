package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
	"github.com/otelxray/otelxray/examples/internal/lambdasim"
)

// call is one request the demo made through the API.
type call struct {
	method, path string
	status       int
	// root is the trace the API ran it in; productID the product.
	root, productID string
}

// mutates reports whether the call changed a product (and so published).
func (c call) mutates() bool { return c.method == http.MethodPost || c.method == http.MethodPut }

func (c call) String() string {
	return fmt.Sprintf("%-4s %-26s -> %d  trace %s", c.method, c.path, c.status, c.root)
}

var products = []catalog.Product{{Name: "teapot", Price: 25}, {Name: "espresso cups", Price: 12.5}, {Name: "milk frother", Price: 40}}

// traffic POSTs posts products, PUTs a new price for the first, then GETs
// each and one that does not exist (a 404).
func traffic(ctx context.Context, client *http.Client, apiURL string, posts int, w io.Writer) ([]call, error) {
	var calls []call
	show := func(c call, err error) error {
		if err != nil {
			return err
		}
		calls = append(calls, c)
		fmt.Fprintln(w, c)
		return nil
	}
	for i := range posts {
		p := products[i%len(products)]
		if err := show(send(ctx, client, http.MethodPost, apiURL, "/products", p, http.StatusCreated)); err != nil {
			return calls, err
		}
	}
	first := calls[0].productID
	if err := show(send(ctx, client, http.MethodPut, apiURL, "/products/"+first, catalog.Product{Name: "teapot", Price: 27}, http.StatusOK)); err != nil {
		return calls, err
	}
	for _, c := range calls[:posts] {
		if err := show(send(ctx, client, http.MethodGet, apiURL, "/products/"+c.productID, nil, http.StatusOK)); err != nil {
			return calls, err
		}
	}
	return calls, show(send(ctx, client, http.MethodGet, apiURL, "/products/p-000000000000", nil, http.StatusNotFound))
}

// send makes one request and checks its status.
func send(ctx context.Context, client *http.Client, method, apiURL, path string, body any, want int) (call, error) {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = strings.NewReader(string(b))
	}
	req, err := http.NewRequestWithContext(ctx, method, apiURL+path, r)
	if err != nil {
		return call{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return call{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return call{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	c := call{method: method, path: path, status: resp.StatusCode, root: lambdasim.CallerFromHeader(resp.Header.Get("X-Amzn-Trace-Id")).Root}
	if resp.StatusCode != want {
		return c, fmt.Errorf("%s %s: %d %s, want %d", method, path, resp.StatusCode, b, want)
	}
	var p catalog.Product
	if json.Unmarshal(b, &p) == nil {
		c.productID = p.ID
	}
	return c, nil
}

func newClient() *http.Client { return &http.Client{Timeout: 60 * time.Second} }
