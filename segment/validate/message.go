package validate

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// describe renders a decoded JSON value for a message, briefly.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return quote(x)
	case json.Number:
		return truncate(x.String(), 40)
	case bool:
		return strconv.FormatBool(x)
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// quote quotes s for a message, cut to 40 characters.
func quote(s string) string {
	return strconv.Quote(truncate(s, 40))
}

// quoteBytes quotes b for a message, cut to 40 characters.
func quoteBytes(b []byte) string {
	if len(b) > 160 {
		b = b[:160]
	}
	return quote(string(b))
}

// truncate cuts s to at most n runes, marking the cut with "...".
func truncate(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "..."
		}
		i++
	}
	return s
}

// list joins words as "a, b and c".
func list(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
