package bench

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/fakeruntime"
)

// build compiles a minimal function the way the README says to deploy one
// (stripped, lambda.norpc) and returns its path.
func build(b *testing.B, pkg string) string { return buildTagged(b, pkg, "") }

// deployed copies the binary at built with ordinary writes and returns the
// copy's path. The linker writes its output through a memory mapping, and
// a binary whose pages came in that way started 0.3-0.8 ms slower on this
// machine's ext4 than a copy of it (same page faults, larger page-cache
// folios for the copy); Lambda's copy is unpacked from the deployment
// package with writes, so the benchmarks start a copy too.
func deployed(b *testing.B, built string) string {
	data, err := os.ReadFile(built)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), filepath.Base(built))
	if err := os.WriteFile(out, data, 0o755); err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkColdStart is the time from starting a minimal function's process
// to its first handled invocation, and its stripped binary size, for an
// untraced function, one traced with otelxray, one with otelxray to X-Ray
// and Datadog (ddlambda.Enable, with an agent that accepts the traces) and
// one with the X-Ray SDK.
func BenchmarkColdStart(b *testing.B) {
	agent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	b.Cleanup(agent.Close)
	for _, fn := range []string{"untraced", "otelxray", "ddlambda", "xraysdk"} {
		b.Run(fn, func(b *testing.B) {
			bin := build(b, "fn/"+fn)
			st, err := os.Stat(bin)
			if err != nil {
				b.Fatal(err)
			}
			r := receiver(b, 0, false)
			run := func(timed bool) {
				rt := fakeruntime.Start(b)
				cmd := exec.Command(bin)
				cmd.Env = []string{
					"AWS_LAMBDA_RUNTIME_API=" + rt.Addr(), "AWS_LAMBDA_FUNCTION_NAME=orders",
					"AWS_XRAY_DAEMON_ADDRESS=" + r.Addr(), "LAMBDA_TASK_ROOT=/var/task", "AWS_REGION=eu-west-1",
					"HOME=" + b.TempDir(), "TMPDIR=" + b.TempDir(), "DD_TRACE_AGENT_URL=" + agent.URL,
				}
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				if timed {
					b.StartTimer()
				}
				if err := cmd.Start(); err != nil {
					b.Fatal(err)
				}
				res, err := rt.Invoke(ctx, []byte("{}"), Header)
				b.StopTimer()
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				if err != nil || res.Failed {
					b.Fatalf("invocation: %v %s", err, res.Body)
				}
			}
			// The first start of a freshly written binary pays for loading it
			// from disk; Lambda's does too, but that is not the SDK's doing.
			b.StopTimer()
			run(false)
			b.ResetTimer()
			b.StopTimer()
			for range b.N {
				run(true) // times only process start to the first response
			}
			b.ReportMetric(float64(st.Size()), "stripped-bytes")
		})
	}
}
