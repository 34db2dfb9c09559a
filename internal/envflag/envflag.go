package envflag

import (
	"fmt"
	"strings"
	"unicode"
)

// Bool reads the boolean variable name. Unset or empty is def. "true" and
// "false" (any case, surrounding spaces ignored) are themselves; any other
// value is def and an error that names the variable, the value and the
// default, for the caller to report.
func Bool(getenv func(string) string, name string, def bool) (bool, error) {
	v := strings.TrimSpace(getenv(name))
	switch {
	case v == "":
		return def, nil
	case strings.EqualFold(v, "true"):
		return true, nil
	case strings.EqualFold(v, "false"):
		return false, nil
	}
	return def, fmt.Errorf("%s=%q is not true or false; using the default, %t", name, v, def)
}

// List reads the comma-separated variable name: its entries with spaces
// trimmed, empty entries skipped. Unset or empty is nil.
func List(getenv func(string) string, name string) []string {
	var out []string
	for e := range strings.SplitSeq(getenv(name), ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// Tags reads a variable of tags as Datadog reads DD_TAGS: entries
// separated by commas or white space, empty ones skipped. Unset or empty
// is nil.
func Tags(getenv func(string) string, name string) []string {
	return strings.FieldsFunc(getenv(name), func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}
