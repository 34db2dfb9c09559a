package segment

import (
	"github.com/otelxray/otelxray/internal/attrcache"
	"github.com/otelxray/otelxray/internal/scrub"

	"go.opentelemetry.io/otel/attribute"
)

// Scratch is memory that [Translator.TranslateWith] reuses from one document
// to the next: the http, aws and sql objects, the annotation, metadata and
// parameter lists, the exceptions and their stack frames, the links, and
// small bounded caches of what is the same for every span (sanitized
// annotation keys, which keys hold credentials, the last string lists read,
// what the key lists seen last decide). An exporter keeps one per batch it
// is encoding and calls Reset once the batch's documents are no longer used.
//
// The zero value is ready to use. A Scratch is not safe for concurrent use.
type Scratch struct {
	https  []HTTP
	awss   []AWS
	sqls   []SQL
	ann    []KeyValue // annotations
	kvs    []KeyValue // metadata entries, aws parameters, notes
	nss    []Namespace
	excs   []Exception
	frames []StackFrame
	links  []Link

	keys  map[string]string // annotation key -> sanitized key
	creds attrcache.Credentials
	lists attrcache.Lists // aws.xray.annotations and table-name values

	shapes    [maxShapes]*shape // key lists seen last (shape.go)
	lastShape int               // the shape matched last
	tick      uint64            // spans looked up, for the shapes' eviction
	seen      [maxShapes]uint64 // signatures of lists seen once
	nextSeen  int               // the entry of seen replaced next

	oneShot bool // for a single document: no caches
}

// maxCachedKeys bounds each key cache: spans with hostile, ever-changing
// attribute keys cost an allocation per key, never unbounded memory.
const maxCachedKeys = 256

// maxScratchItems is the size past which Reset lets a list go instead of
// keeping it for the next batch.
const maxScratchItems = 1 << 14

// Reset makes the memory of every document translated with s available for
// the next ones. Those documents must not be used afterwards. The caches
// are kept.
func (s *Scratch) Reset() {
	s.https = resetSlab(s.https)
	s.awss = resetSlab(s.awss)
	s.sqls = resetSlab(s.sqls)
	s.ann = resetSlab(s.ann)
	s.kvs = resetSlab(s.kvs)
	s.nss = resetSlab(s.nss)
	s.excs = resetSlab(s.excs)
	s.frames = resetSlab(s.frames)
	s.links = resetSlab(s.links)
}

// resetSlab empties xs, clearing what it points to, unless it grew huge.
func resetSlab[T any](xs []T) []T {
	if cap(xs) > maxScratchItems {
		return nil
	}
	clear(xs)
	return xs[:0]
}

// alloc returns a zeroed T from the slab. A full slab is replaced by a
// larger one; items already handed out stay where they are.
func alloc[T any](slab *[]T) *T {
	xs := *slab
	if len(xs) == cap(xs) {
		xs = make([]T, 0, max(16, 2*cap(xs)))
	}
	xs = xs[:len(xs)+1]
	*slab = xs
	return &xs[len(xs)-1]
}

// begin starts a list in an arena; the list is arena[start:] until done.
func begin[T any](arena []T) int { return len(arena) }

// done returns the list started at start, with no spare capacity, so that
// appending to it never writes into the arena.
func done[T any](arena []T, start int) []T {
	if len(arena) == start {
		return nil
	}
	return arena[start:len(arena):len(arena)]
}

// newHTTP, newAWS and newSQL return zeroed objects; without a Scratch they
// are ordinary allocations.
func (s *Scratch) newHTTP() *HTTP {
	if s == nil {
		return new(HTTP)
	}
	return alloc(&s.https)
}

func (s *Scratch) newAWS() *AWS {
	if s == nil {
		return new(AWS)
	}
	return alloc(&s.awss)
}

func (s *Scratch) newSQL() *SQL {
	if s == nil {
		return new(SQL)
	}
	return alloc(&s.sqls)
}

// annotationKey is SanitizeAnnotationKey, remembered for keys that change.
func (s *Scratch) annotationKey(k string) string {
	if s == nil || s.oneShot {
		return SanitizeAnnotationKey(k)
	}
	if v, ok := s.keys[k]; ok {
		return v
	}
	v := SanitizeAnnotationKey(k)
	if v != k && len(s.keys) < maxCachedKeys {
		if s.keys == nil {
			s.keys = make(map[string]string)
		}
		s.keys[k] = v
	}
	return v
}

// credentialKey is scrub.CredentialKey, remembered.
func (s *Scratch) credentialKey(k string) bool {
	if s == nil || s.oneShot {
		return scrub.CredentialKey(k)
	}
	return s.creds.Is(k)
}

// stringSlice returns the strings of v, a STRINGSLICE value, remembering
// the lists seen last; the result must not be modified.
func (s *Scratch) stringSlice(v attribute.Value) []string {
	if s == nil || s.oneShot {
		return v.AsStringSlice()
	}
	return s.lists.Strings(v)
}
