package xraylocal_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/otelxray/otelxray/xraylocal"
)

// Serving the X-Ray daemon's sampling proxy on the HTTP port, from the
// X-Ray SDKs' local rules format. Point a sampler at it with
// AWS_XRAY_DAEMON_ADDRESS="udp:127.0.0.1:2000 tcp:127.0.0.1:2001".
func ExampleWithSamplingRules() {
	path := filepath.Join(os.TempDir(), "xraylocal-sampling-rules.json")
	rules := `{"version": 2, "rules": [], "default": {"fixed_target": 2, "rate": 0.1}}`
	if err := os.WriteFile(path, []byte(rules), 0o600); err != nil {
		log.Fatal(err)
	}
	defer os.Remove(path)
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithHTTPAddr("127.0.0.1:0"),
		xraylocal.WithSamplingRules(path))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	resp, err := http.Post(srv.URL()+"GetSamplingRules", "application/json", strings.NewReader(`{}`))
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	fmt.Println(strings.Contains(string(b), `"RuleName":"Default"`), strings.Contains(string(b), `"ReservoirSize":2`))
	// Output: true true
}
