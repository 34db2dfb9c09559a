package lambdatrace

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// proxyRuntime puts a proxy between the function's runtime loop and the
// Runtime API, so the extension knows when a response has been posted:
// the handler's return is earlier, and aws-lambda-go has no hook after
// the post. Its listener's address is for AWS_LAMBDA_RUNTIME_API
// (lambda.Start, called after Wrap, reads it). Every call is passed on
// unchanged; a response or error the Runtime API accepted is reported to
// the loop. It serves once serve is called.
func (x *extension) proxyRuntime() (ln net.Listener, serve func(), err error) {
	ln, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, fmt.Errorf("starting the Runtime API proxy: %w", err)
	}
	target := &url.URL{Scheme: "http", Host: x.api}
	rp := &httputil.ReverseProxy{
		Rewrite:   func(r *httputil.ProxyRequest) { r.SetURL(target) },
		Transport: apiTransport(),
		ModifyResponse: func(resp *http.Response) error {
			if id, ok := postedID(resp.Request); ok && resp.StatusCode/100 == 2 {
				x.responsePosted(id)
			}
			return nil
		},
	}
	return ln, func() { go func() { _ = http.Serve(ln, rp) }() }, nil
}

// postedID is the request ID of a POST of a response or an error:
// /2018-06-01/runtime/invocation/{id}/response or .../error.
func postedID(r *http.Request) (string, bool) {
	if r.Method != http.MethodPost {
		return "", false
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/2018-06-01/runtime/invocation/")
	if !ok {
		return "", false
	}
	id, what, ok := strings.Cut(rest, "/")
	return id, ok && id != "" && (what == "response" || what == "error")
}

// onSIGTERM exports what is pending when Lambda stops the environment
// (registering the extension makes it send SIGTERM, then SIGKILL about
// 500 ms later). The process is left to Lambda: other SIGTERM handlers,
// such as lambda.WithEnableSIGTERM's, run too.
func (x *extension) onSIGTERM() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM)
	go func() {
		<-ch
		x.flush(shutdownBudget)
	}()
}
