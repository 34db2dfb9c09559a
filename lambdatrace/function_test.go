package lambdatrace_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/fakedaemon"
	"github.com/otelxray/otelxray/internal/fakeruntime"
)

// function is a real aws-lambda-go handler loop in a subprocess, served by a
// fake Runtime API and sending to a fake daemon.
type function struct {
	rt     *fakeruntime.Runtime
	daemon *fakedaemon.Daemon
	cmd    *exec.Cmd
	stop   func() // kills the process, waits for it, and for its stderr
	mu     sync.Mutex
	stderr []string
}

func startFunction(t *testing.T, handler string, env ...string) *function {
	t.Helper()
	return startFunctionWith(t, fakeruntime.Options{}, handler, env...)
}

// startFunctionWith is startFunction with a Runtime of these options.
func startFunctionWith(t testing.TB, o fakeruntime.Options, handler string, env ...string) *function {
	t.Helper()
	rt, err := fakeruntime.New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rt.Close)
	f := &function{rt: rt, daemon: fakedaemon.Start(t, fakedaemon.WithReadBuffer(4<<20))}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(cleanEnv(),
		handlerEnv+"="+handler,
		"AWS_LAMBDA_RUNTIME_API="+f.rt.Addr(),
		"AWS_XRAY_DAEMON_ADDRESS="+f.daemon.Addr(), // env can override it: the last one wins
		"AWS_LAMBDA_FUNCTION_NAME=orders",
		"AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128",
		"AWS_REGION=eu-west-1",
	)
	cmd.Env = append(cmd.Env, env...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			t.Logf("function: %s", sc.Text())
			f.mu.Lock()
			f.stderr = append(f.stderr, sc.Text())
			f.mu.Unlock()
		}
	}()
	f.cmd = cmd
	f.stop = sync.OnceFunc(func() {
		_ = cmd.Process.Kill()
		wg.Wait() // the pipe closes when the process is gone
		_ = cmd.Wait()
	})
	t.Cleanup(f.stop)
	return f
}

// output stops the function and returns what it wrote to stderr.
func (f *function) output() []string {
	f.stop()
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.stderr...)
}

// cleanEnv is the test's environment without anything Lambda would set.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "AWS_") || strings.HasPrefix(kv, "_X_AMZN") || strings.HasPrefix(kv, "OTEL_") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

func (f *function) invoke(t *testing.T, event any, header string) fakeruntime.Result {
	t.Helper()
	b, err := json.Marshal(event)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := f.rt.Invoke(ctx, b, header)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func header(root, parent string, sampled int) string {
	return fmt.Sprintf("Root=%s;Parent=%s;Sampled=%d", root, parent, sampled)
}

func rootID(i int) string   { return fmt.Sprintf("1-5759e988-bd862e3fe1be46a9942727%02x", i) }
func parentID(i int) string { return fmt.Sprintf("53995c3f42cd8a%02x", i) }
