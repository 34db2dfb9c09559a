package cli

import (
	"bytes"
	"flag"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		args []string
		ok   bool
		code int
		want string
	}{
		{nil, true, OK, ""},
		{[]string{"-n", "3"}, true, OK, ""},
		{[]string{"-h"}, false, OK, "Usage of demo"},
		{[]string{"-nope"}, false, Usage, "flag provided but not defined: -nope"},
		{[]string{"-n", "x"}, false, Usage, `invalid value "x" for flag -n`},
		{[]string{"extra"}, false, Usage, `demo: unexpected argument "extra": demo takes flags only`},
	} {
		var out bytes.Buffer
		fs := flag.NewFlagSet("demo", flag.ContinueOnError)
		fs.SetOutput(&out)
		fs.Int("n", 1, "a number")
		ok, code := Parse(fs, c.args)
		if ok != c.ok || code != c.code || !strings.Contains(out.String(), c.want) {
			t.Errorf("%q: %v %d, want %v %d and %q in:\n%s", c.args, ok, code, c.ok, c.code, c.want, out.String())
		}
		if !ok && code == Usage && !strings.Contains(out.String(), "-n int") {
			t.Errorf("%q: no usage:\n%s", c.args, out.String())
		}
	}
}
