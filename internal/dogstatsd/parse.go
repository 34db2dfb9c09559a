package dogstatsd

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Set is DogStatsD's set type (s). The encoder does not write it and
// [Parse] refuses it; [ParseAll] reads it.
const Set Type = "s"

// Point is one value [ParseAll] reads: the metric, the line's sample rate,
// and a set's member.
type Point struct {
	Metric
	// Rate is the line's sample rate (@rate), 1 when absent.
	Rate float64
	// Member is the value of a set (Type [Set]); Value is then 0.
	Member string
}

// Parse reads the metrics of a DogStatsD datagram: newline-separated lines
// of name:value[:value...]|type[|@rate][|#tags][|T<unix>][|c:...][|e:...],
// packed values (protocol 1.1) giving one Metric each. The sample rate and
// container fields are checked and left out. It returns the metrics of
// every valid line, and an error naming each line it could not read
// (events, service checks, sets and malformed lines).
func Parse(datagram []byte) ([]Metric, error) {
	var out []Metric
	err := parse(datagram, false, func(p Point) { out = append(out, p.Metric) })
	return out, err
}

// ParseAll reads a datagram as a Datadog agent does: the lines [Parse]
// reads, plus sets, each value with its line's sample rate; events and
// service checks are skipped, not errors. It returns the values of every
// valid line, and an error naming each line it could not read.
func ParseAll(datagram []byte) ([]Point, error) {
	var out []Point
	err := parse(datagram, true, func(p Point) { out = append(out, p) })
	return out, err
}

// parse calls emit for each value of each valid line; all reads sets and
// skips events and service checks.
func parse(datagram []byte, all bool, emit func(Point)) error {
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
		if bytes.HasPrefix(line, []byte("_e{")) || bytes.HasPrefix(line, []byte("_sc|")) {
			if !all {
				errs = append(errs, lineError(n, line, errors.New("an event or a service check, not a metric")))
			}
			continue
		}
		if err := parseLine(string(line), all, emit); err != nil {
			errs = append(errs, lineError(n, line, err))
		}
	}
	return errors.Join(errs...)
}

func lineError(n int, line []byte, err error) error {
	return fmt.Errorf("dogstatsd: line %d (%q): %w", n, cut(string(line), 60), err)
}

func parseLine(line string, sets bool, emit func(Point)) error {
	head, rest, ok := strings.Cut(line, "|")
	if !ok {
		return errors.New("no |type")
	}
	name, values, ok := strings.Cut(head, ":")
	if !ok || name == "" {
		return errors.New("no name:value")
	}
	typ, fields, _ := strings.Cut(rest, "|")
	p := Point{Metric: Metric{Name: name, Type: Type(typ)}, Rate: 1}
	switch p.Type {
	case Count, Gauge, Distribution, Timer, Histogram:
	case Set:
		if !sets {
			return errors.New("sets are not supported")
		}
	default:
		return fmt.Errorf("unknown type %q", cut(typ, 8))
	}
	if err := parseFields(fields, &p); err != nil {
		return err
	}
	if p.Type == Set {
		if values == "" {
			return errors.New("a set with no member")
		}
		p.Member = values
		emit(p)
		return nil
	}
	// Check every value before emitting any: a bad line gives nothing.
	for v := range strings.SplitSeq(values, ":") {
		if _, err := parseValue(v); err != nil {
			return err
		}
	}
	for v := range strings.SplitSeq(values, ":") {
		x, _ := parseValue(v)
		q := p
		q.Value = x
		emit(q)
	}
	return nil
}

func parseValue(v string) (float64, error) {
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("bad value %q", cut(v, 24))
	}
	return x, nil
}

// parseFields reads the |-separated fields after the type into p.
func parseFields(fields string, p *Point) error {
	seen := map[byte]bool{}
	for fields != "" {
		var f string
		f, fields, _ = strings.Cut(fields, "|")
		if f == "" {
			return errors.New("an empty field")
		}
		key := f[0]
		if key == 'c' || key == 'e' {
			if len(f) < 2 || f[1] != ':' {
				return fmt.Errorf("unknown field %q", cut(f, 16))
			}
		}
		if seen[key] {
			return fmt.Errorf("field %c twice", key)
		}
		seen[key] = true
		switch key {
		case '@':
			r, err := strconv.ParseFloat(f[1:], 64)
			if err != nil || !(r > 0 && r <= 1) {
				return fmt.Errorf("bad sample rate %q", cut(f[1:], 16))
			}
			p.Rate = r
		case '#':
			for t := range strings.SplitSeq(f[1:], ",") {
				if t != "" {
					p.Tags = append(p.Tags, t)
				}
			}
		case 'T':
			ts, err := strconv.ParseInt(f[1:], 10, 64)
			if err != nil || ts <= 0 {
				return fmt.Errorf("bad timestamp %q", cut(f[1:], 24))
			}
			p.Timestamp = ts
		case 'c', 'e': // container ID, external data: not kept
		default:
			return fmt.Errorf("unknown field %q", cut(f, 16))
		}
	}
	return nil
}
