package cli

import (
	"errors"
	"fmt"
	"io"
)

// TracingRuns turns a demo's -active-tracing value into its runs'
// tracing-off values: both is on, then off; with -serve only the first run
// is made, since it keeps serving.
func TracingRuns(tracing string, serve bool) []bool {
	switch {
	case tracing == "off":
		return []bool{true}
	case tracing == "on", serve:
		return []bool{false}
	}
	return []bool{false, true}
}

// EachRun makes run once per value of runs (TracingRuns), saying on w
// when a run with active tracing off follows, and fails if any run did.
func EachRun(w io.Writer, runs []bool, run func(tracingOff bool) error) error {
	var errs []error
	for i, off := range runs {
		if i > 0 {
			fmt.Fprintf(w, "\n\n=== again, with Lambda's active tracing off\n")
		}
		if err := run(off); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
