package loadgen

import (
	"flag"
	"fmt"
	"time"
)

// Flags are the load test's command-line flags, the same in every demo:
// -load (how long; 0 runs the demo instead) and -rate.
type Flags struct {
	Duration time.Duration
	Rate     int
}

// Register adds -load and -rate to fs.
func (l *Flags) Register(fs *flag.FlagSet) {
	fs.DurationVar(&l.Duration, "load", 0, "run the load test for this `duration` (at most 10m), tracing on then off, instead of the demo")
	fs.IntVar(&l.Rate, "rate", 100, "the load test's requests per second (1 to 2000)")
}

// Check returns what is wrong with the flags (serve: the demo's -serve is
// set too), or "".
func (l Flags) Check(serve bool) string {
	switch {
	case l.Duration < 0 || l.Duration > MaxDuration:
		return fmt.Sprintf("-load %v: want a duration up to %v", l.Duration, MaxDuration)
	case l.Rate < 1 || l.Rate > MaxRate:
		return fmt.Sprintf("-rate %d: want 1 to %d requests a second", l.Rate, MaxRate)
	case l.Duration > 0 && serve:
		return "-load and -serve: pick one"
	}
	return ""
}

// Due is the number of requests the load asks for.
func (l Flags) Due() int { return int(l.Duration.Seconds() * float64(l.Rate)) }
