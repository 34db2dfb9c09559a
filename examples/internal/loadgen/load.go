package loadgen

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"
)

// Config is a load to generate.
type Config struct {
	// Duration is how long requests are started; Rate how many per second.
	Duration time.Duration
	Rate     int
	// MaxInFlight bounds the requests running at once; a request due while
	// that many run is counted in Result.Skipped instead. 0 means 256.
	MaxInFlight int
	// Target is the URL the requests go to; it must be a loopback address.
	Target string
	// Do makes request number i; an error counts the request as failed.
	Do func(ctx context.Context, i int) error
}

// Result is what a load did.
type Result struct {
	Requests, Failed, Skipped int
	// Latencies are those of the requests that returned, sorted.
	Latencies []time.Duration
	Elapsed   time.Duration
	// FirstError is the first request error, if any.
	FirstError error
}

// Percentile returns the latency below which p (0 to 100) percent of the
// requests returned, 0 when none did.
func (r Result) Percentile(p float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.Latencies)-1) * p / 100)
	return r.Latencies[min(max(i, 0), len(r.Latencies)-1)]
}

// Limits on a load, so that a typo cannot start an unbounded one.
const (
	MaxDuration = 10 * time.Minute
	MaxRate     = 2000
)

// Check returns an error describing what is wrong with c.
func (c Config) Check() error {
	switch {
	case c.Duration <= 0 || c.Duration > MaxDuration:
		return errors.New("loadgen: the duration must be positive and at most " + MaxDuration.String())
	case c.Rate < 1 || c.Rate > MaxRate:
		return errors.New("loadgen: the rate must be 1 to 2000 requests a second")
	case c.Do == nil:
		return errors.New("loadgen: no request to make (Do is nil)")
	}
	return Loopback(c.Target)
}

// Run starts c.Rate requests a second for c.Duration, then waits for those
// running and returns. It stops early when ctx is done.
func Run(ctx context.Context, c Config) (Result, error) {
	if err := c.Check(); err != nil {
		return Result{}, err
	}
	if c.MaxInFlight <= 0 {
		c.MaxInFlight = 256
	}
	var (
		mu  sync.Mutex
		res Result
		wg  sync.WaitGroup
	)
	slots := make(chan struct{}, c.MaxInFlight)
	interval := time.Second / time.Duration(c.Rate)
	start := time.Now()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	stop := time.NewTimer(c.Duration)
	defer stop.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
		case <-stop.C:
		case <-tick.C:
			select {
			case slots <- struct{}{}:
			default:
				mu.Lock()
				res.Skipped++
				mu.Unlock()
				continue
			}
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				defer func() { <-slots }()
				t0 := time.Now()
				err := c.Do(ctx, i)
				d := time.Since(t0)
				mu.Lock()
				defer mu.Unlock()
				res.Requests++
				if err != nil {
					res.Failed++
					if res.FirstError == nil {
						res.FirstError = err
					}
					return
				}
				res.Latencies = append(res.Latencies, d)
			}(i)
			continue
		}
		break
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	slices.Sort(res.Latencies)
	return res, ctx.Err()
}
