package browsertest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/sampler/xraysampler"
	"github.com/otelxray/otelxray/xraylocal"
)

// findChromium returns the Chromium to drive, or "" when there is none.
func findChromium() string {
	if p := os.Getenv("XRAYLOCAL_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Screen sizes the UI is looked at in: a laptop's and a phone's.
const (
	laptopWidth, laptopHeight = 1366, 768
	phoneWidth, phoneHeight   = 390, 844
)

// screenshotPath is $XRAYLOCAL_SCREENSHOT, else a file in the test's
// artifact directory.
func screenshotPath(t *testing.T) string {
	if p := os.Getenv("XRAYLOCAL_SCREENSHOT"); p != "" {
		return p
	}
	return filepath.Join(t.ArtifactDir(), "xraylocal.png")
}

// phoneScreenshotPath is $XRAYLOCAL_SCREENSHOT_PHONE, else the laptop's
// screenshot path with "-phone" before its extension.
func phoneScreenshotPath(t *testing.T) string {
	if p := os.Getenv("XRAYLOCAL_SCREENSHOT_PHONE"); p != "" {
		return p
	}
	p := screenshotPath(t)
	ext := filepath.Ext(p)
	return strings.TrimSuffix(p, ext) + "-phone" + ext
}

// screenshot saves a screenshot of the whole page to path.
func screenshot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("chromium: screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// exporterProvider returns a tracer provider exporting synchronously to addr.
func exporterProvider(t *testing.T, addr, service string, lambda bool, opts ...sdktrace.TracerProviderOption) (*sdktrace.TracerProvider, *xrayudp.Exporter) {
	t.Helper()
	exp, err := xrayudp.New(xrayudp.WithEndpoint(addr), xrayudp.WithLambda(lambda))
	if err != nil {
		t.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(append([]sdktrace.TracerProviderOption{sdktrace.WithSyncer(exp), sdktrace.WithIDGenerator(xray.NewIDGenerator()),
		sdktrace.WithResource(resource.NewSchemaless(attribute.String("service.name", service)))}, opts...)...)
	return tp, exp
}

func awsCall(ctx context.Context, tr trace.Tracer, service, op string, attrs ...attribute.KeyValue) {
	attrs = append(attrs, attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", service),
		attribute.String("rpc.method", op), attribute.String("aws.region", "eu-west-1"))
	_, sp := tr.Start(ctx, service+"."+op, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	time.Sleep(2 * time.Millisecond)
	sp.End()
}

// traffic sends, through the real exporter: web calling orders over HTTP
// (orders reads and writes AWS resources and calls a failing payment API),
// a Lambda invocation (subsegments of the function's segment, which Lambda
// would send), and one broken datagram. It returns the datagrams sent.
func traffic(t *testing.T, addr string) uint64 {
	// web samples by X-Ray's default rule (its first request each second),
	// which it records on its root segment.
	sampler, err := xraysampler.New(xraysampler.WithoutCentralized())
	if err != nil {
		t.Fatal(err)
	}
	webTP, webExp := exporterProvider(t, addr, "web", false, sdktrace.WithSampler(sampler))
	ordersTP, ordersExp := exporterProvider(t, addr, "orders", false)
	fnTP, fnExp := exporterProvider(t, addr, "orders-post", true)

	web, orders, fn := webTP.Tracer("web"), ordersTP.Tracer("orders"), fnTP.Tracer("orders-post")
	ctx, req := web.Start(context.Background(), "GET /checkout", trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(
		attribute.String("http.request.method", "GET"), attribute.String("url.full", "http://web.local/checkout"),
		attribute.Int("http.response.status_code", 500)))
	cctx, call := web.Start(ctx, "GET", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
		attribute.String("http.request.method", "GET"), attribute.String("url.full", "http://orders.internal/orders/42"),
		attribute.String("server.address", "orders.internal"), attribute.Int("http.response.status_code", 500)))
	carrier := propagation.MapCarrier{}
	xray.Propagator{}.Inject(cctx, carrier)

	octx, handle := orders.Start(xray.Propagator{}.Extract(context.Background(), carrier), "GET /orders/{id}",
		trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(attribute.String("http.request.method", "GET"),
			attribute.String("url.full", "http://orders.internal/orders/42"), attribute.Int("http.response.status_code", 500)))
	awsCall(octx, orders, "DynamoDB", "GetItem", attribute.String("aws.table_name", "orders"))
	awsCall(octx, orders, "SQS", "SendMessage", attribute.String("aws.queue_url", "https://sqs.eu-west-1.amazonaws.com/123456789012/order-changes"))
	awsCall(octx, orders, "S3", "PutObject", attribute.String("aws.s3.bucket", "receipts"))
	_, pay := orders.Start(octx, "POST", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
		attribute.String("http.request.method", "POST"), attribute.String("url.full", "https://payments.example.com/charge"),
		attribute.String("server.address", "payments.example.com"), attribute.Int("http.response.status_code", 503)))
	time.Sleep(5 * time.Millisecond)
	pay.RecordError(errors.New("payments: service unavailable"))
	pay.SetStatus(codes.Error, "payments: service unavailable")
	pay.End()
	handle.SetStatus(codes.Error, "payment failed")
	handle.End()
	call.End()
	req.End()

	// A Lambda invocation: the parent is the function's segment.
	lctx := xray.Propagator{}.Extract(context.Background(), propagation.MapCarrier{
		"X-Amzn-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"})
	lctx, h := fn.Start(lctx, "post-order", trace.WithSpanKind(trace.SpanKindServer))
	awsCall(lctx, fn, "DynamoDB", "PutItem", attribute.String("aws.table_name", "orders"))
	awsCall(lctx, fn, "SNS", "Publish", attribute.String("aws.topic_arn", "arn:aws:sns:eu-west-1:123456789012:order-events"))
	awsCall(lctx, fn, "Lambda", "Invoke", attribute.String("aws.function_name", "notify"))
	h.End()

	for _, tp := range []*sdktrace.TracerProvider{webTP, ordersTP, fnTP} {
		if err := tp.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	c, err := net.Dial("udp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write([]byte(wire.Header + `{"name":"broken","id":"0000000000000000"`)); err != nil {
		t.Fatal(err)
	}
	return webExp.Stats().Datagrams + ordersExp.Stats().Datagrams + fnExp.Stats().Datagrams + 1
}

// TestUIInChromium loads the UI in headless Chromium and checks the map,
// a trace's waterfall, the filter and the problems list.
func TestUIInChromium(t *testing.T) {
	chromium := findChromium()
	if chromium == "" {
		msg := "browser test skipped: no Chromium found; install Debian's chromium (apt-get install -y chromium) or set XRAYLOCAL_CHROMIUM to its path"
		if os.Getenv("XRAYLOCAL_REQUIRE_BROWSER") != "" {
			t.Fatal(msg + " (XRAYLOCAL_REQUIRE_BROWSER is set)")
		}
		t.Skip(msg)
	}
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithHTTPAddr("127.0.0.1:0"),
		xraylocal.WithSettle(50*time.Millisecond), xraylocal.WithOrphanTimeout(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	n := traffic(t, srv.UDPAddr())
	wctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.WaitFor(wctx, func(st xraylocal.Stats) bool { return st.Datagrams >= n && st.Completed >= 2 }); err != nil {
		t.Fatal(err)
	}
	webTraces := srv.Traces("web")
	if len(webTraces) != 1 {
		t.Fatalf("%d traces through web", len(webTraces))
	}
	webTrace, _ := srv.Trace(webTraces[0].ID)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(laptopWidth, laptopHeight),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	defer cancelBrowser()
	bctx, cancelTimeout := context.WithTimeout(bctx, 90*time.Second)
	defer cancelTimeout()
	started := time.Now()

	// Collect console errors and uncaught exceptions (a CSP violation, or a
	// request to another origin, would show here).
	cctx, stopConsole := context.WithCancel(bctx)
	messages := chromedp.Console(cctx)
	var consoleMu sync.Mutex
	var consoleErrors []string
	consoleDone := make(chan struct{})
	go func() {
		defer close(consoleDone)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" || m.Type == "warning" {
				consoleMu.Lock()
				consoleErrors = append(consoleErrors, m.String())
				consoleMu.Unlock()
			}
		}
	}()

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("chromium: %s: %v", what, err)
		}
	}
	// The map is drawn once the UI has fetched it.
	do("load the UI", chromedp.Navigate(srv.URL()),
		chromedp.Query(chromedp.CSS(`#map g.node[data-name="payments.example.com"]`), chromedp.NodeVisible))
	labels := eval[[]string](t, bctx, `Array.from(document.querySelectorAll('#map g.node text.label')).map(e => e.textContent)`)
	types := eval[[]string](t, bctx, `Array.from(document.querySelectorAll('#map g.node')).map(e => e.dataset.name + ' (' + e.dataset.type + ')')`)

	// Open the web trace and look at its waterfall and a span's details.
	do("open the trace", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#traces tbody tr[data-id=%q]`, webTrace.ID)), chromedp.NodeVisible),
		chromedp.Query(chromedp.CSS(`#waterfall .wf-row`), chromedp.NodeVisible))
	title := eval[string](t, bctx, `document.querySelector('#trace-title').textContent`)
	rowCount := eval[int](t, bctx, `document.querySelectorAll('#waterfall .wf-row').length`)
	segmentBarWidth := eval[int](t, bctx, `Math.round(document.querySelector('#waterfall .wf-bar.segment').getBoundingClientRect().width)`)
	do("show a span", chromedp.Click(chromedp.CSS(`#waterfall .wf-row:nth-of-type(3)`), chromedp.NodeVisible),
		chromedp.Query(chromedp.CSS(`#span-detail`), chromedp.NodeVisible))
	traceRule := eval[string](t, bctx, fmt.Sprintf(`document.querySelector('#traces tbody tr[data-id=%q] .rule').textContent + ' | ' + document.querySelector('#trace-meta .rule').textContent`, webTrace.ID))
	samplingRow := eval[string](t, bctx, `(() => { const r = document.querySelector('#sampling tbody tr[data-rule="Default"]');
		return r ? Array.from(r.cells).slice(0, 2).map(c => c.textContent).join(' | ') : ''; })()`)
	problemRules := eval[string](t, bctx, `Array.from(document.querySelectorAll('#problems tbody td:nth-child(2)')).map(e => e.textContent).join(',')`)

	labelOverlaps := eval[[]string](t, bctx, overlappingLabels)
	screenshot(t, bctx, screenshotPath(t))

	// Filter the traces by a resource only the web trace touched.
	do("filter", chromedp.SendKeys(chromedp.CSS(`#filter`), "receipts"))
	filteredRows, err := chromedp.Run(bctx, chromedp.Poll[string](
		`(() => { const rows = Array.from(document.querySelectorAll('#traces tbody tr'));
		          return rows.length === 1 && document.querySelector('#trace-count').textContent.includes('matching') && rows[0].dataset.id; })()`,
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Errorf("filter \"receipts\": %v", err)
	}
	// On a phone: nothing wider than the screen but the map, which scrolls
	// in its panel; the trace list fits.
	do("phone size", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile),
		chromedp.Reload(), chromedp.Query(chromedp.CSS(`#traces tbody tr`), chromedp.NodeVisible))
	phone := eval[string](t, bctx, `(() => {
		const out = [];
		const w = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth > w) out.push('the page is ' + document.documentElement.scrollWidth + 'px wide on a ' + w + 'px screen');
		const list = document.querySelector('#traces').getBoundingClientRect(), panel = document.querySelector('#traces-section').getBoundingClientRect();
		if (list.right > panel.right + 0.5) out.push('the trace list (' + Math.round(list.width) + 'px) overflows its panel (' + Math.round(panel.width) + 'px)');
		const st = document.querySelector('#sampling').getBoundingClientRect(), sp = document.querySelector('#sampling-section').getBoundingClientRect();
		if (st.right > sp.right + 0.5) out.push('the sampling table (' + Math.round(st.width) + 'px) overflows its panel (' + Math.round(sp.width) + 'px)');
		return out.join('; ');
	})()`)
	screenshot(t, bctx, phoneScreenshotPath(t))
	t.Logf("browser steps took %v", time.Since(started).Round(time.Millisecond))
	stopConsole()
	<-consoleDone
	consoleMu.Lock()
	if len(consoleErrors) > 0 {
		t.Errorf("console errors: %q", consoleErrors)
	}
	consoleMu.Unlock()

	for _, want := range []string{"Client", "web", "orders", "order-changes", "receipts", "order-events", "notify", "orders-post", "payments.example.com"} {
		if !slices.Contains(labels, want) {
			t.Errorf("map lacks the label %q; labels: %q", want, labels)
		}
	}
	for _, want := range []string{"orders (AWS::DynamoDB::Table)", "orders (service)", "orders-post (AWS::Lambda::Function)", "notify (AWS::Lambda)",
		"order-changes (AWS::SQS::Queue)", "receipts (AWS::S3::Bucket)", "order-events (AWS::SNS::Topic)", "payments.example.com (remote)"} {
		if !slices.Contains(types, want) {
			t.Errorf("map lacks the node %q; nodes: %q", want, types)
		}
	}
	if title != "Timeline: web" || rowCount != webTrace.Spans || segmentBarWidth < 100 {
		t.Errorf("waterfall: title %q, %d rows (want %d), segment bar %dpx wide", title, rowCount, webTrace.Spans, segmentBarWidth)
	}
	if filteredRows != webTrace.ID {
		t.Errorf("filter \"receipts\" shows %q, want only %s", filteredRows, webTrace.ID)
	}
	if len(labelOverlaps) > 0 {
		t.Errorf("the map's edge labels overlap: %q", labelOverlaps)
	}
	if phone != "" {
		t.Errorf("at %dx%d: %s", phoneWidth, phoneHeight, phone)
	}
	if traceRule != "rule Default |  · sampled by rule Default" {
		t.Errorf("the web trace's sampling rule shows as %q", traceRule)
	}
	if samplingRow != "Defaultpriority 10000 | 1/s · 5%" {
		t.Errorf("the sampling panel's Default row reads %q", samplingRow)
	}
	if !strings.Contains(problemRules, "json") {
		t.Errorf("problems list shows rules %q, want the broken datagram's json", problemRules)
	}
}

// overlappingLabels lists the edge labels of the map that overlap another
// label or a node, as drawn.
const overlappingLabels = `(() => {
	const boxes = sel => Array.from(document.querySelectorAll(sel)).map(e => [e, e.getBoundingClientRect()]);
	const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
	const labels = boxes('#map text.edge-label'), nodes = boxes('#map g.node');
	const out = [];
	labels.forEach(([e, r], i) => {
		labels.slice(0, i).forEach(([f, q]) => { if (hit(r, q)) out.push(e.textContent + ' on ' + f.textContent); });
		nodes.forEach(([n, q]) => { if (hit(r, q)) out.push(e.textContent + " on node " + n.dataset.name); });
	});
	return out;
})()`

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("chromium: evaluating %s: %v", expr, err)
	}
	return v
}
