package bench

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/fakeruntime"
)

// BenchmarkColdStartPhases splits the cold start of fn/phases, untraced and
// traced (the functions of fn/untraced and fn/otelxray, with timestamps),
// and traced by the OpenTelemetry SDK alone with an exporter that drops the
// spans (sdk: what any tracer on the SDK starts with), into phases, as
// medians in ms over the runs, the three interleaved:
//
//   - start-main: exec to main (process and runtime start, package inits);
//   - inits: the package inits' own time (GODEBUG=inittrace=1, in another
//     start of the same binary), part of it;
//   - main-wrapped: lambdatrace.Wrap (nothing, untraced);
//   - wrapped-handler: lambda.Start's loop asking for the first event, and
//     the wrapper's start of the invocation;
//   - handler-response: the handler, the wrapper's end and flush (the first
//     UDP write), and posting the response;
//   - total: exec to the response.
//
// With -v it logs the packages whose inits cost the traced function most.
func BenchmarkColdStartPhases(b *testing.B) {
	variants := []struct{ name, tags, bin string }{{name: "untraced"}, {name: "sdk", tags: "sdkonly"}, {name: "otelxray", tags: "traced"}}
	for i := range variants {
		variants[i].bin = buildTagged(b, "fn/phases", variants[i].tags)
	}
	r := receiver(b, 0, false)
	phases := map[string][]float64{}
	inits := map[string][]float64{}
	b.StopTimer()
	for _, v := range variants {
		startPhases(b, v.bin, r.Addr(), false) // the first start of a new binary reads it from disk
	}
	for range b.N {
		// Interleaved, so that both see the same machine.
		for _, v := range variants {
			// Timed without inittrace, whose lines cost the function
			// with more packages more; then once with it, for the inits.
			p, _ := startPhases(b, v.bin, r.Addr(), false)
			q, pkgs := startPhases(b, v.bin, r.Addr(), true)
			p["inits"] = q["inits"]
			for k, d := range p {
				phases[v.name+"/"+k] = append(phases[v.name+"/"+k], d)
			}
			if v.name == "otelxray" {
				for k, d := range pkgs {
					inits[k] = append(inits[k], d)
				}
			}
		}
	}
	for _, v := range variants {
		for _, k := range []string{"start-main", "inits", "main-wrapped", "wrapped-handler", "handler-response", "total"} {
			b.ReportMetric(median(phases[v.name+"/"+k]), v.name+"/"+k+"-ms")
		}
	}
	for _, v := range variants[1:] {
		// The ratio of the medians, the measure.
		b.ReportMetric(median(phases[v.name+"/total"])/median(phases["untraced/total"]), v.name+"/untraced-x")
	}
	logInits(b, inits)
}

// buildTagged is build with build tags; it returns the path of a copy
// (see deployed).
func buildTagged(b *testing.B, pkg, tags string) string {
	out := filepath.Join(b.TempDir(), filepath.Base(pkg))
	cmd := exec.Command("go", "build", "-tags", strings.TrimSuffix("lambda.norpc,"+tags, ","), "-ldflags=-s -w", "-trimpath", "-o", out, "./"+pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("building %s: %v\n%s", pkg, err, msg)
	}
	return deployed(b, out)
}

var (
	phaseLine = regexp.MustCompile(`^phase (\w+) (\d+)$`)
	initLine  = regexp.MustCompile(`^init (\S+) @[\d.]+ ms, ([\d.]+) ms clock`)
)

// startPhases runs bin for one invocation and returns its phases and each
// package's init time, in ms.
func startPhases(b *testing.B, bin, daemon string, inittrace bool) (phases, inits map[string]float64) {
	rt := fakeruntime.Start(b)
	var stderr bytes.Buffer
	cmd := exec.Command(bin)
	cmd.Stderr = &stderr
	cmd.Env = []string{
		"AWS_LAMBDA_RUNTIME_API=" + rt.Addr(), "AWS_LAMBDA_FUNCTION_NAME=orders",
		"AWS_XRAY_DAEMON_ADDRESS=" + daemon, "LAMBDA_TASK_ROOT=/var/task", "AWS_REGION=eu-west-1",
		"HOME=" + b.TempDir(), "TMPDIR=" + b.TempDir(),
	}
	if inittrace {
		cmd.Env = append(cmd.Env, "GODEBUG=inittrace=1")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	res, err := rt.Invoke(ctx, []byte("{}"), Header)
	end := time.Now()
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if err != nil || res.Failed {
		b.Fatalf("invocation: %v %s", err, res.Body)
	}
	var response time.Time
	for _, e := range rt.Events() {
		if e.Kind == fakeruntime.EventResponse {
			response = e.At
		}
	}
	marks := map[string]time.Time{}
	inits = map[string]float64{}
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		if m := phaseLine.FindStringSubmatch(sc.Text()); m != nil {
			ns, _ := strconv.ParseInt(m[2], 10, 64)
			marks[m[1]] = time.Unix(0, ns)
		} else if m := initLine.FindStringSubmatch(sc.Text()); m != nil {
			ms, _ := strconv.ParseFloat(m[2], 64)
			inits[m[1]] += ms
		}
	}
	ms := func(from, to time.Time) float64 { return float64(to.Sub(from).Nanoseconds()) / 1e6 }
	var sum float64
	for _, d := range inits {
		sum += d
	}
	return map[string]float64{
		"start-main":       ms(t0, marks["main"]),
		"inits":            sum,
		"main-wrapped":     ms(marks["main"], marks["wrapped"]),
		"wrapped-handler":  ms(marks["wrapped"], marks["handler"]),
		"handler-response": ms(marks["handler"], response),
		"total":            ms(t0, end),
	}, inits
}

// logInits logs the ten packages with the largest median init times.
func logInits(b *testing.B, inits map[string][]float64) {
	type pkg struct {
		name string
		ms   float64
	}
	var ps []pkg
	for k, v := range inits {
		ps = append(ps, pkg{k, median(v)})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].ms > ps[j].ms })
	for _, p := range ps[:min(10, len(ps))] {
		b.Logf("init %-60s %.3f ms", p.name, p.ms)
	}
}

// median is the median of xs, 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
