package lambdatrace

import "time"

// SetDeadlineMargin makes every invocation's deadline margin d.
func SetDeadlineMargin(d time.Duration) {
	marginFor = func(time.Duration) time.Duration { return d }
}

// DeadlineMargin is deadlineMargin.
var DeadlineMargin = deadlineMargin
