package wire

import (
	"slices"
	"strings"

	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/segment"
)

// trimmed records what was cut from a document to make it fit its limit.
type trimmed uint8

// The steps of trimming, in the order they are tried.
const (
	trimmedMetadata trimmed = 1 << iota
	trimmedAnnotations
	trimmedStack
	trimmedStrings
	trimmedAll // only name, ids, times, flags and namespace are left
)

// String lists the steps taken, comma-separated ("metadata,annotations").
func (t trimmed) String() string {
	var parts []string
	for i, n := range []string{"metadata", "annotations", "stack", "strings", "all"} {
		if t&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, ",")
}

// trimMarkReserve is room kept for the metadata note that says what was trimmed.
const trimMarkReserve = 96

// shortString is the length long strings are cut to by the strings step.
const shortString = 32

// appendFieldsLimited appends d's own members like [appendFields], but when
// they would take more than max bytes it trims d step by step (metadata,
// largest entries first; annotations; stack frames; long strings, link
// attributes and extra AWS parameters; finally everything but the name, ids,
// times and flags) until they fit, and notes the steps in d's metadata under
// "otelxray"."trimmed". max must be at least 1,024.
//
// d is changed only by replacing its fields, never by writing through them,
// so parts shared with other documents stay intact.
func appendFieldsLimited(b []byte, d *segment.Document, max int) ([]byte, trimmed) {
	start := len(b)
	b = appendFields(b, d)
	if len(b)-start <= max {
		return b, 0
	}
	var done trimmed
	target := max - trimMarkReserve
	steps := []func(d *segment.Document, excess int){trimMetadata, trimAnnotations, trimStack, trimStrings, trimAll}
	for i, step := range steps {
		excess := len(b) - start - target
		step(d, excess)
		done |= 1 << i
		b = appendFields(b[:start], d)
		if len(b)-start <= target {
			break
		}
	}
	markTrimmed(d, done)
	b = appendFields(b[:start], d)
	if len(b)-start > max { // cannot happen once trimAll ran; kept as a guard
		trimAll(d, 0)
		b = appendFields(b[:start], d)
	}
	return b, done
}

func markTrimmed(d *segment.Document, done trimmed) {
	mark := segment.KeyValue{Key: "trimmed", Value: attribute.StringValue(done.String())}
	md := slices.Clone(d.Metadata)
	for i := range md {
		if md[i].Name == segment.NotesNamespace && md[i].Raw == nil {
			md[i].Entries = append(slices.Clip(md[i].Entries), mark)
			d.Metadata = md
			return
		}
	}
	d.Metadata = append(md, segment.Namespace{Name: segment.NotesNamespace, Entries: []segment.KeyValue{mark}})
}

// trimMetadata drops the largest metadata entries until about excess bytes
// are saved; if that is not enough the next pass drops the rest.
func trimMetadata(d *segment.Document, excess int) {
	type item struct{ ns, entry, size int }
	var items []item
	var scratch []byte
	for i, ns := range d.Metadata {
		if ns.Name == segment.NotesNamespace {
			continue
		}
		if ns.Raw != nil {
			items = append(items, item{i, -1, len(ns.Raw) + len(ns.Name)})
			continue
		}
		for j, kv := range ns.Entries {
			scratch = appendValue(scratch[:0], kv.Value, 0)
			items = append(items, item{i, j, len(scratch) + len(kv.Key) + 4})
		}
	}
	slices.SortFunc(items, func(a, b item) int { return b.size - a.size })
	drop := map[[2]int]bool{}
	saved := 0
	for _, it := range items {
		if saved >= excess {
			break
		}
		drop[[2]int{it.ns, it.entry}] = true
		saved += it.size
	}
	var out []segment.Namespace
	for i, ns := range d.Metadata {
		if ns.Raw != nil {
			if !drop[[2]int{i, -1}] {
				out = append(out, ns)
			}
			continue
		}
		var kept []segment.KeyValue
		for j, kv := range ns.Entries {
			if !drop[[2]int{i, j}] {
				kept = append(kept, kv)
			}
		}
		if len(kept) > 0 {
			out = append(out, segment.Namespace{Name: ns.Name, Entries: kept})
		}
	}
	d.Metadata = out
}

// trimAnnotations drops all annotations but the small ones, largest first.
func trimAnnotations(d *segment.Document, excess int) {
	type item struct{ i, size int }
	items := make([]item, len(d.Annotations))
	var scratch []byte
	for i, kv := range d.Annotations {
		scratch = appendPrimitive(scratch[:0], kv.Value, segment.MaxAnnotationValueLen)
		items[i] = item{i, len(scratch) + len(kv.Key) + 4}
	}
	slices.SortFunc(items, func(a, b item) int { return b.size - a.size })
	drop := make([]bool, len(d.Annotations))
	saved := 0
	for _, it := range items {
		if saved >= excess {
			break
		}
		drop[it.i] = true
		saved += it.size
	}
	var kept []segment.KeyValue
	for i, kv := range d.Annotations {
		if !drop[i] {
			kept = append(kept, kv)
		}
	}
	d.Annotations = kept
	if saved < excess {
		d.Metadata = dropExcept(d.Metadata, segment.NotesNamespace)
	}
}

func dropExcept(nss []segment.Namespace, keep string) []segment.Namespace {
	var out []segment.Namespace
	for _, ns := range nss {
		if ns.Name == keep {
			out = append(out, ns)
		}
	}
	return out
}

// trimStack drops every stack frame, counting them as truncated.
func trimStack(d *segment.Document, _ int) {
	d.Metadata = dropExcept(d.Metadata, segment.NotesNamespace)
	d.Annotations = nil
	exs := slices.Clone(d.Exceptions)
	for i := range exs {
		exs[i].Truncated += len(exs[i].Stack)
		exs[i].Stack = nil
	}
	d.Exceptions = exs
}

// trimStrings cuts long strings, link attributes and extra AWS parameters.
func trimStrings(d *segment.Document, excess int) {
	trimStack(d, excess)
	cut := func(s string) string { return cutRunes(s, shortString) }
	d.Name = cutRunes(segment.SanitizeName(d.Name), shortString)
	d.User, d.ResourceARN, d.Version = cut(d.User), cut(d.ResourceARN), cut(d.Version)
	if d.HTTP != nil {
		h := *d.HTTP
		h.URL, h.UserAgent, h.Method, h.ClientIP = cut(h.URL), cut(h.UserAgent), cut(h.Method), cut(h.ClientIP)
		d.HTTP = &h
	}
	if d.SQL != nil {
		s := *d.SQL
		s.URL, s.ConnectionString, s.SanitizedQuery, s.User = cut(s.URL), cut(s.ConnectionString), cut(s.SanitizedQuery), cut(s.User)
		s.DatabaseType, s.DatabaseVersion, s.DriverVersion = cut(s.DatabaseType), cut(s.DatabaseVersion), cut(s.DriverVersion)
		d.SQL = &s
	}
	if d.AWS != nil {
		a := *d.AWS
		a.Operation, a.Region, a.RequestID, a.AccountID = cut(a.Operation), cut(a.Region), cut(a.RequestID), cut(a.AccountID)
		a.QueueURL, a.TableName = cut(a.QueueURL), cut(a.TableName)
		if len(a.TableNames) > 8 {
			a.TableNames = a.TableNames[:8]
		}
		a.Params = nil
		a.LogGroups = nil
		d.AWS = &a
	}
	exs := d.Exceptions
	if len(exs) > 4 {
		exs = exs[:4]
	}
	for i := range exs {
		exs[i].Type, exs[i].Message = cut(exs[i].Type), cut(exs[i].Message)
	}
	d.Exceptions = exs
	links := slices.Clone(d.Links)
	for i := range links {
		links[i].Attributes = nil
	}
	d.Links = links
}

// trimAll leaves only what identifies the document and its outcome.
func trimAll(d *segment.Document, _ int) {
	*d = segment.Document{
		Name:        cutRunes(segment.SanitizeName(d.Name), shortString),
		ID:          d.ID,
		TraceID:     d.TraceID,
		ParentID:    d.ParentID,
		Subsegment:  d.Subsegment,
		StartMicros: d.StartMicros,
		EndMicros:   d.EndMicros,
		Namespace:   d.Namespace,
		Origin:      d.Origin,
		Error:       d.Error,
		Throttle:    d.Throttle,
		Fault:       d.Fault,
	}
}

// cutRunes cuts s to at most n characters, on a rune boundary (an invalid
// byte counts as one character).
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	count := 0
	for i := range s {
		if count == n {
			return s[:i]
		}
		count++
	}
	return s
}
