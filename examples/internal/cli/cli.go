// Package cli gives the examples' commands the conventions of Go's own
// tools: -h prints the usage and exits 0; a usage error (an unknown flag, a
// bad flag value, an argument the command does not take) says what was
// wrong, prints the usage and exits 2; a failure at run time exits 1.
package cli

import (
	"errors"
	"flag"
	"fmt"
)

// Exit statuses.
const (
	OK      = 0
	Failure = 1
	Usage   = 2
)

// Parse parses args with fs, which must use flag.ContinueOnError, and
// rejects arguments that are not flags. When the command must stop, it
// returns false and the exit status (0 for -h, 2 for a usage error, which
// has been printed with the usage on fs.Output()).
func Parse(fs *flag.FlagSet, args []string) (ok bool, code int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return false, OK
		}
		return false, Usage // the flag package printed the error and the usage
	}
	if fs.NArg() > 0 {
		return false, Usagef(fs, "unexpected argument %q: %s takes flags only", fs.Arg(0), fs.Name())
	}
	return true, OK
}

// Usagef prints "name: message" and the usage on fs.Output(), as the flag
// package does for a bad flag, and returns the exit status 2.
func Usagef(fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(fs.Output(), "%s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.Usage()
	return Usage
}
