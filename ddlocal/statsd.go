package ddlocal

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Metric is one value of a DogStatsD metric datagram line.
type Metric struct {
	// Name is the metric's name.
	Name string
	// Value is the value; a line with several values (name:1:2|d) gives
	// one Metric each. A set's (s) value is kept as Text.
	Value float64
	Text  string
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

var metricTypes = map[string]bool{"c": true, "g": true, "d": true, "h": true, "ms": true, "s": true}

// ParseDatagram parses a DogStatsD datagram: lines of
// name:value[:value...]|type[|@rate][|#tag,...][|T<unix seconds>][|c:container].
// Events (_e{...}) and service checks (_sc|...) are skipped. A line it cannot
// read is reported in the error, with its number; the others are returned.
func ParseDatagram(b []byte) ([]Metric, error) {
	var out []Metric
	var errs []error
	for i, line := range bytes.Split(b, []byte("\n")) {
		line = bytes.TrimRight(line, "\r")
		if len(line) == 0 || bytes.HasPrefix(line, []byte("_e{")) || bytes.HasPrefix(line, []byte("_sc|")) {
			continue
		}
		ms, err := parseLine(string(line))
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d %q: %w", i+1, clip(string(line), 80), err))
			continue
		}
		out = append(out, ms...)
	}
	return out, errors.Join(errs...)
}

func parseLine(line string) ([]Metric, error) {
	nameValues, rest, ok := strings.Cut(line, "|")
	if !ok {
		return nil, errors.New("no |type")
	}
	name, values, ok := strings.Cut(nameValues, ":")
	if !ok || name == "" || values == "" {
		return nil, errors.New("want name:value")
	}
	fields := strings.Split(rest, "|")
	m := Metric{Name: name, Type: fields[0], Rate: 1}
	if !metricTypes[m.Type] {
		return nil, fmt.Errorf("unknown type %q (want c, g, d, h, ms or s)", m.Type)
	}
	for _, f := range fields[1:] {
		switch {
		case strings.HasPrefix(f, "@"):
			r, err := strconv.ParseFloat(f[1:], 64)
			if err != nil || r <= 0 || r > 1 {
				return nil, fmt.Errorf("sample rate %q is not in (0, 1]", f)
			}
			m.Rate = r
		case strings.HasPrefix(f, "#"):
			if f != "#" {
				m.Tags = strings.Split(f[1:], ",")
			}
		case strings.HasPrefix(f, "T"):
			sec, err := strconv.ParseInt(f[1:], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("timestamp %q is not unix seconds", f)
			}
			m.Timestamp = time.Unix(sec, 0)
		case strings.HasPrefix(f, "c:"), strings.HasPrefix(f, "e:"), f == "":
			// container ID, external data: not kept
		default:
			return nil, fmt.Errorf("unknown field %q", f)
		}
	}
	var out []Metric
	for _, v := range strings.Split(values, ":") {
		mv := m
		if m.Type == "s" {
			mv.Text = v
		} else {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return nil, fmt.Errorf("value %q is not a number", v)
			}
			mv.Value = f
		}
		out = append(out, mv)
	}
	return out, nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
