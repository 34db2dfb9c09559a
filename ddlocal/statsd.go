package ddlocal

import (
	"strconv"
	"strings"
	"time"

	"github.com/otelxray/otelxray/internal/dogstatsd"
)

// Metric is one value of a DogStatsD metric datagram line.
type Metric struct {
	// Name is the metric's name.
	Name string
	// Value is the value; a line with several values (name:1:2|d) gives
	// one Metric each.
	Value float64
	// Text is a set's (s) value, whose Value is 0.
	Text string
	// Type is DogStatsD's: c (count), g (gauge), d (distribution),
	// h (histogram), ms (timer) or s (set).
	Type string
	// Rate is the sample rate (@rate), 1 when absent.
	Rate float64
	// Tags are the #tags, as sent (key:value or bare).
	Tags []string
	// Timestamp is the line's T field, zero when absent.
	Timestamp time.Time
}

// Tag returns the value of the tag key:value, and whether it is there.
func (m *Metric) Tag(key string) (string, bool) {
	for _, t := range m.Tags {
		if k, v, ok := strings.Cut(t, ":"); ok && k == key {
			return v, true
		}
	}
	return "", false
}

// String formats the metric as it was sent (one value).
func (m Metric) String() string {
	v := m.Text
	if m.Type != "s" {
		v = strconv.FormatFloat(m.Value, 'g', -1, 64)
	}
	s := m.Name + ":" + v + "|" + m.Type
	if m.Rate != 1 {
		s += "|@" + strconv.FormatFloat(m.Rate, 'g', -1, 64)
	}
	if len(m.Tags) > 0 {
		s += "|#" + strings.Join(m.Tags, ",")
	}
	return s
}

// ParseDatagram parses a DogStatsD datagram: lines of
// name:value[:value...]|type[|@rate][|#tag,...][|T<unix seconds>][|c:container].
// Events (_e{...}) and service checks (_sc|...) are skipped. A line it cannot
// read is reported in the error, with its number; the others are returned.
// It is the parser the module's own DogStatsD client is tested against.
func ParseDatagram(b []byte) ([]Metric, error) {
	ps, err := dogstatsd.ParseAll(b)
	if len(ps) == 0 {
		return nil, err
	}
	out := make([]Metric, len(ps))
	for i, p := range ps {
		out[i] = Metric{Name: p.Name, Value: p.Value, Text: p.Member, Type: string(p.Type), Rate: p.Rate, Tags: p.Tags}
		if p.Timestamp != 0 {
			out[i].Timestamp = time.Unix(p.Timestamp, 0)
		}
	}
	return out, err
}
