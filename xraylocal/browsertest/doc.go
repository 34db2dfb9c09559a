// Package browsertest drives the xraylocal web UI in a real headless
// Chromium: it starts xraylocal on free ports, sends spans through the
// otelxray exporter, loads the UI, checks the service map's node labels,
// opens a trace's waterfall, and saves a screenshot.
//
// It is a module of its own so that the root module does not inherit its
// test-only dependency (chromedp). Run it from this directory:
//
//	go test -race -count=1 ./...
//
// The test looks for Chromium in $XRAYLOCAL_CHROMIUM, then for chromium,
// chromium-browser, google-chrome and headless-shell on $PATH, and skips
// when there is none (it fails instead when XRAYLOCAL_REQUIRE_BROWSER is
// set, as in CI). The screenshot goes to $XRAYLOCAL_SCREENSHOT, else to
// the test's artifact directory (kept with -artifacts -outputdir DIR).
//
//docscheck:snippet skip a shell command
package browsertest
