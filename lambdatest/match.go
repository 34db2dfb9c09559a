package lambdatest

import (
	"fmt"
	"strings"

	"github.com/otelxray/otelxray/xraylocal"
)

// Match is a condition on an X-Ray (sub)segment, for HasSubsegment.
type Match struct {
	what string
	ok   func(*xraylocal.Span) bool
}

// Where is a condition of your own; what describes it in failures.
func Where(what string, ok func(*xraylocal.Span) bool) Match { return Match{what, ok} }

// Table matches an AWS call on the DynamoDB table name (aws.table_name).
func Table(name string) Match {
	return Match{"table " + name, func(s *xraylocal.Span) bool { return awsString(s, "table_name") == name }}
}

// Queue matches an AWS call on the SQS queue name (the end of
// aws.queue_url).
func Queue(name string) Match {
	return Match{"queue " + name, func(s *xraylocal.Span) bool {
		u := awsString(s, "queue_url")
		return u != "" && (u == name || strings.HasSuffix(u, "/"+name))
	}}
}

// Operation matches an AWS call's operation (aws.operation), such as
// "PutItem".
func Operation(op string) Match {
	return Match{"operation " + op, func(s *xraylocal.Span) bool { return awsString(s, "operation") == op }}
}

// HTTPStatus matches the status of the (sub)segment's http response.
func HTTPStatus(code int) Match {
	return Match{fmt.Sprintf("status %d", code), func(s *xraylocal.Span) bool { return s.HTTP != nil && s.HTTP.Status == code }}
}

// Annotation matches an annotation's value (compared as text).
func Annotation(key string, value any) Match {
	return Match{fmt.Sprintf("annotation %s=%v", key, value), func(s *xraylocal.Span) bool {
		v, ok := s.Annotations[key]
		return ok && fmt.Sprint(v) == fmt.Sprint(value)
	}}
}

// Fault matches a (sub)segment marked as a fault (a 5xx or an error of the
// handler).
func Fault() Match { return Match{"fault", func(s *xraylocal.Span) bool { return s.Fault }} }

func awsString(s *xraylocal.Span, key string) string {
	v, _ := s.AWS[key].(string)
	return v
}

func matchAll(s *xraylocal.Span, ms []Match) bool {
	for _, m := range ms {
		if m.ok != nil && !m.ok(s) {
			return false
		}
	}
	return true
}
