package segment

import (
	"slices"
	"strings"
	"unsafe"

	"github.com/otelxray/otelxray/metadata"

	"github.com/otelxray/otelxray/internal/scrub"

	"go.opentelemetry.io/otel/attribute"
)

// A shape is what a span's attribute key list alone decides, for one
// Translator: spans from the same call site have the same keys in the same
// order, so a batch's spans mostly share a few shapes. Bits i of the masks
// are about attribute i.
type shape struct {
	t    *Translator
	keys []string // the attribute keys; the shape's identity
	sig  uint64   // signature(keys)
	tick uint64   // when it last matched, for eviction

	idx      [numKeys]int32 // attrs.idx
	http     bool           // some key of httpKeys is present
	cred     uint64         // scrub.CredentialKey
	ns       uint64         // metadata.NamespaceKeyPrefix keys
	indexed  uint64         // in t's Config.Indexed
	awsParam uint64         // aws.<snake_case> keys buildAWS may move to the aws object
	distinct bool           // the metadata keys are pairwise distinct
	ann      []string       // SanitizeAnnotationKey of each key
	meta     []string       // SanitizeMetadataKey of each key

	// The last aws.xray.annotations list seen with this shape and the keys
	// it names (Scratch.stringSlice returns the same slice for equal lists).
	list     []string
	listMask uint64
	// The last name candidate and its nameOf.
	nameIn, nameOut string
	// The last short string value of each attribute and its scrub.Redact.
	redacted []memo
	// The last strings built from a span's parts (memoLocator, memoDBName).
	built [2]partsMemo
}

// memo is a string and what a function returned for it.
type memo struct{ in, out string }

// Bounds of the shape cache: at most maxShapes shapes of at most
// maxShapeKeyBytes of keys each are kept, and the signatures of the last
// maxShapes lists seen once.
const (
	maxShapes        = 8
	maxShapeAttrs    = 64 // the masks' width
	maxShapeKeyBytes = 2048
)

// shape returns the shape of kvs's keys for t, or nil: for one-shot
// translation, for key lists too long to cache, and on a list's first
// sighting, which only notes the list's signature, so that ever-changing
// keys cost little and evict no shape.
func (s *Scratch) shape(t *Translator, kvs []attribute.KeyValue) *shape {
	if s == nil || s.oneShot || len(kvs) == 0 || len(kvs) > maxShapeAttrs {
		return nil
	}
	s.tick++
	if sh := s.shapes[s.lastShape]; sh != nil && sh.match(t, kvs) {
		sh.tick = s.tick
		return sh
	}
	sig, size := signature(kvs)
	victim := -1
	for i, sh := range s.shapes {
		if sh == nil {
			victim = i
			break // the slots fill in order
		}
		if sh.sig == sig && sh.match(t, kvs) {
			s.lastShape, sh.tick = i, s.tick
			return sh
		}
		if victim < 0 || sh.tick < s.shapes[victim].tick {
			victim = i
		}
	}
	if size > maxShapeKeyBytes {
		return nil
	}
	if !slices.Contains(s.seen[:], sig) {
		s.seen[s.nextSeen] = sig
		s.nextSeen = (s.nextSeen + 1) % len(s.seen)
		return nil
	}
	sh := s.shapes[victim]
	if sh == nil {
		sh = new(shape)
		s.shapes[victim] = sh
	}
	*sh = shape{t: t, keys: sh.keys[:0], sig: sig, tick: s.tick,
		ann: sh.ann[:0], meta: sh.meta[:0], redacted: sh.redacted[:0]}
	for i := range kvs {
		sh.keys = append(sh.keys, string(kvs[i].Key))
	}
	sh.build()
	s.lastShape = victim
	return sh
}

// signature sums up kvs's keys from their lengths and end bytes, so that
// most lists that differ are told apart without comparing their keys, and
// returns the keys' total length.
func signature(kvs []attribute.KeyValue) (sig uint64, size int) {
	for i := range kvs {
		k := string(kvs[i].Key)
		h := uint64(len(k))
		if len(k) > 0 {
			h = h<<16 | uint64(k[0])<<8 | uint64(k[len(k)-1])
		}
		sig = (sig ^ h) * 0x100000001b3
		size += len(k)
	}
	return sig, size
}

// match reports whether kvs has sh's keys, for sh's translator. The SDK's
// spans from one call site share their key strings, so the pointers are
// compared first.
func (sh *shape) match(t *Translator, kvs []attribute.KeyValue) bool {
	if sh.t != t || len(sh.keys) != len(kvs) {
		return false
	}
	for i, k := range sh.keys {
		kk := string(kvs[i].Key)
		if len(kk) != len(k) || unsafe.StringData(kk) != unsafe.StringData(k) && kk != k {
			return false
		}
	}
	return true
}

// build computes what the keys decide.
func (sh *shape) build() {
	for i, k := range sh.keys {
		bit := uint64(1) << i
		kk := knownKey(k)
		if kk != kNone {
			sh.idx[kk] = int32(i + 1)
		}
		if scrub.CredentialKey(k) {
			sh.cred |= bit
		}
		if strings.HasPrefix(k, metadata.NamespaceKeyPrefix) {
			sh.ns |= bit
		}
		if sh.t.isIndexed(k) {
			sh.indexed |= bit
		}
		if kk == kNone && awsParamKey(k) {
			sh.awsParam |= bit
		}
		sh.ann = append(sh.ann, SanitizeAnnotationKey(k))
		sh.meta = append(sh.meta, SanitizeMetadataKey(k))
		sh.redacted = append(sh.redacted, memo{})
	}
	sh.http = false
	for _, k := range httpKeys {
		sh.http = sh.http || sh.idx[k] != 0
	}
	sh.distinct = true
	for i, k := range sh.meta {
		if contains(sh.meta[:i], k) {
			sh.distinct = false
		}
	}
}

// indexedBy returns the mask of the keys the aws.xray.annotations list l
// names, remembering the last list.
func (sh *shape) indexedBy(l []string) uint64 {
	if len(l) == 0 {
		return 0
	}
	if len(l) == len(sh.list) && unsafe.SliceData(l) == unsafe.SliceData(sh.list) {
		return sh.listMask
	}
	var m uint64
	for i, k := range sh.keys {
		if contains(l, k) {
			m |= 1 << i
		}
	}
	sh.list, sh.listMask = l, m
	return m
}

// nameOf is nameOf(v), remembering the last short candidate: the same
// string (the same bytes in the same place) gives the same name.
func (sh *shape) nameOf(v string) string {
	if v == "" {
		return ""
	}
	if len(v) == len(sh.nameIn) && unsafe.StringData(v) == unsafe.StringData(sh.nameIn) {
		return sh.nameOut
	}
	n := nameOf(v)
	if len(v) <= maxMemoLen {
		sh.nameIn, sh.nameOut = v, n
	}
	return n
}

// redact is scrub.Redact(v) for a value of attribute i, remembering the
// attribute's last short value.
func (sh *shape) redact(i int, v string) string {
	m := &sh.redacted[i]
	if len(v) == len(m.in) && unsafe.StringData(v) == unsafe.StringData(m.in) {
		return m.out
	}
	out := scrub.Redact(v)
	if len(v) <= maxMemoLen {
		*m = memo{v, out}
	}
	return out
}

// maxMemoLen bounds the values a shape remembers.
const maxMemoLen = 256

// Which of a shape's built strings: the SQL locator (hostLocator) and the
// name from a database and its host (dbName).
const (
	memoLocator = iota
	memoDBName
)

// partsMemo remembers the last string built from a span's host, database
// and port.
type partsMemo struct {
	host, db, out string
	port          int64
	set           bool
}

// built is build(host, db, port), remembered in the shape's memo which
// for short parts: spans of one shape mostly name the same database.
func (a *attrs) built(which int, host, db string, port int64, build func(host, db string, port int64) string) string {
	if a.sh == nil {
		return build(host, db, port)
	}
	m := &a.sh.built[which]
	if m.set && m.host == host && m.db == db && m.port == port {
		return m.out
	}
	out := build(host, db, port)
	if len(host)+len(db) <= maxMemoLen {
		*m = partsMemo{host: host, db: db, out: out, port: port, set: true}
	}
	return out
}
