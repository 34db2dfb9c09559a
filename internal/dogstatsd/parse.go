package dogstatsd

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Parse reads the metrics of a DogStatsD datagram: newline-separated lines
// of name:value[:value...]|type[|@rate][|#tags][|T<unix>][|c:...][|e:...],
// packed values (protocol 1.1) giving one Metric each. The sample rate and
// container fields are checked and left out. It returns the metrics of
// every valid line, and an error naming each line it could not read
// (events, service checks, sets and malformed lines).
func Parse(datagram []byte) ([]Metric, error) {
	var out []Metric
	var errs []error
	for n := 1; len(datagram) > 0; n++ {
		line := datagram
		if i := bytes.IndexByte(datagram, '\n'); i >= 0 {
			line, datagram = datagram[:i], datagram[i+1:]
		} else {
			datagram = nil
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if len(line) == 0 {
			continue
		}
		ms, err := parseLine(string(line))
		if err != nil {
			errs = append(errs, fmt.Errorf("dogstatsd: line %d (%q): %w", n, cut(string(line), 60), err))
			continue
		}
		out = append(out, ms...)
	}
	return out, errors.Join(errs...)
}

func parseLine(line string) ([]Metric, error) {
	if strings.HasPrefix(line, "_e{") || strings.HasPrefix(line, "_sc|") {
		return nil, errors.New("an event or a service check, not a metric")
	}
	head, rest, ok := strings.Cut(line, "|")
	if !ok {
		return nil, errors.New("no |type")
	}
	name, values, ok := strings.Cut(head, ":")
	if !ok || name == "" {
		return nil, errors.New("no name:value")
	}
	typ, fields, _ := strings.Cut(rest, "|")
	m := Metric{Name: name, Type: Type(typ)}
	switch m.Type {
	case Count, Gauge, Distribution, Timer, Histogram:
	case "s":
		return nil, errors.New("sets are not supported")
	default:
		return nil, fmt.Errorf("unknown type %q", cut(typ, 8))
	}
	seen := map[byte]bool{}
	for fields != "" {
		var f string
		f, fields, _ = strings.Cut(fields, "|")
		if f == "" {
			return nil, errors.New("an empty field")
		}
		key := f[0]
		if f[0] == 'c' || f[0] == 'e' {
			if len(f) < 2 || f[1] != ':' {
				return nil, fmt.Errorf("unknown field %q", cut(f, 16))
			}
		}
		if seen[key] {
			return nil, fmt.Errorf("field %c twice", key)
		}
		seen[key] = true
		switch key {
		case '@':
			r, err := strconv.ParseFloat(f[1:], 64)
			if err != nil || !(r > 0 && r <= 1) {
				return nil, fmt.Errorf("bad sample rate %q", cut(f[1:], 16))
			}
		case '#':
			for t := range strings.SplitSeq(f[1:], ",") {
				if t != "" {
					m.Tags = append(m.Tags, t)
				}
			}
		case 'T':
			ts, err := strconv.ParseInt(f[1:], 10, 64)
			if err != nil || ts <= 0 {
				return nil, fmt.Errorf("bad timestamp %q", cut(f[1:], 24))
			}
			m.Timestamp = ts
		case 'c', 'e': // container ID, external data: not kept
		default:
			return nil, fmt.Errorf("unknown field %q", cut(f, 16))
		}
	}
	var out []Metric
	for v := range strings.SplitSeq(values, ":") {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("bad value %q", cut(v, 24))
		}
		p := m
		p.Value = x
		out = append(out, p)
	}
	return out, nil
}
