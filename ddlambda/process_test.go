package ddlambda

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/fakeruntime"
)

// startProcess runs this test binary again as a Lambda function's process:
// with -test.run=run, the environment without the variables that would
// change what it does (AWS_*, _X_AMZN*, OTEL_*, DD_*) plus env, its stderr
// in the test's log, and killed when the test ends. The tests that start
// a real aws-lambda-go loop share it (TestMain in enable_main_test.go,
// TestInferredFunctionProcess, TestMetricsFunctionProcess).
func startProcess(t *testing.T, run string, env ...string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run="+run)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "_X_AMZN") && !strings.HasPrefix(kv, "OTEL_") && !strings.HasPrefix(kv, "DD_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for sc := bufio.NewScanner(stderr); sc.Scan(); {
			t.Logf("function: %s", sc.Text())
		}
	})
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		wg.Wait()
		_ = cmd.Wait()
	})
}

// invokeProcess invokes the function under rt once, failing the test if
// the invocation does not complete within 30 s (a bound, not a timing
// check).
func invokeProcess(t *testing.T, rt *fakeruntime.Runtime, event []byte, header string) fakeruntime.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := rt.Invoke(ctx, event, header)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
