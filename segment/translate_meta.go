package segment

import (
	"bytes"
	"encoding/json"
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/otelxray/otelxray/metadata"

	"github.com/otelxray/otelxray/internal/scrub"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// links converts span links, keeping at most MaxLinks, in sc's arenas.
func (t *Translator) links(sc *Scratch, ls []sdktrace.Link) []Link {
	start := begin(sc.links)
	for _, l := range ls {
		if len(sc.links)-start == MaxLinks {
			break
		}
		if !l.SpanContext.IsValid() {
			continue
		}
		link := Link{TraceID: l.SpanContext.TraceID(), ID: l.SpanContext.SpanID()}
		from := begin(sc.kvs)
		for _, kv := range l.Attributes {
			switch kv.Value.Type() {
			case attribute.BOOL, attribute.INT64, attribute.FLOAT64, attribute.STRING:
				if attrs := sc.kvs[from:]; len(attrs) < maxLinkAttributes && !hasKey(attrs, string(kv.Key)) {
					sc.kvs = append(sc.kvs, KeyValue{Key: string(kv.Key), Value: scrubValue(nil, string(kv.Key), kv.Value)})
				}
			}
		}
		link.Attributes = done(sc.kvs, from)
		sc.links = append(sc.links, link)
	}
	return done(sc.links, start)
}

// metadata builds the annotations (stored on d) and the metadata namespaces
// from the attributes no field consumed.
func (t *Translator) metadata(sc *Scratch, d *Document, a *attrs, s sdktrace.ReadOnlySpan, links int, res *resourceInfo) []Namespace {
	var spanIndexed []string
	var spanIndexedSet map[string]struct{} // for long lists
	if v := a.value(kXRayAnnotations); v != nil && v.Type() == attribute.STRINGSLICE {
		spanIndexed = sc.stringSlice(*v)
		if len(spanIndexed) > 16 && a.sh == nil {
			spanIndexedSet = make(map[string]struct{}, len(spanIndexed))
			for _, k := range spanIndexed {
				spanIndexedSet[k] = struct{}{}
			}
		}
	}
	annStart, defStart := begin(sc.ann), begin(sc.kvs)
	var extra []Namespace
	if a.sh != nil {
		extra = t.shapedEntries(sc, a, spanIndexed, annStart)
	} else {
		for i, kv := range a.kvs {
			k := string(kv.Key)
			explicit := t.isIndexed(k)
			if !explicit && spanIndexedSet != nil {
				_, explicit = spanIndexedSet[k]
			} else if !explicit {
				explicit = contains(spanIndexed, k)
			}
			if a.isUsed(i) && !explicit {
				continue
			}
			if strings.HasPrefix(k, metadata.NamespaceKeyPrefix) && kv.Value.Type() == attribute.STRING {
				if ns, ok := namespaceOf(k, kv.Value); ok {
					extra = append(extra, ns)
					continue
				}
			}
			kv.Value = scrubValue(sc, k, kv.Value)
			if anns := sc.ann[annStart:]; (explicit || t.cfg.IndexAll) && primitive(kv.Value) && len(anns) < MaxAnnotations {
				key := sc.annotationKey(k)
				if key != "" && !hasKey(anns, key) {
					sc.ann = append(sc.ann, KeyValue{Key: key, Value: kv.Value})
					continue
				}
			}
			if a.isUsed(i) {
				continue
			}
			sc.kvs = append(sc.kvs, KeyValue{Key: SanitizeMetadataKey(k), Value: kv.Value})
		}
	}
	d.Annotations = done(sc.ann, annStart)
	if !d.Subsegment {
		sc.kvs = append(sc.kvs, res.metadata...)
	}
	def := done(sc.kvs, defStart)
	if a.sh == nil || !a.sh.distinct || !d.Subsegment {
		def = dedupe(def) // else the keys are distinct: the resource's are not there
	}
	extra = dedupeNamespaces(extra)
	markStart := begin(sc.kvs)
	if n := links - len(d.Links) + s.DroppedLinks(); n > 0 {
		sc.kvs = append(sc.kvs, KeyValue{Key: "links_dropped", Value: attribute.IntValue(n)})
	}
	if n := s.DroppedAttributes(); n > 0 {
		sc.kvs = append(sc.kvs, KeyValue{Key: "attributes_dropped", Value: attribute.IntValue(n)})
	}
	mark := done(sc.kvs, markStart)
	nsStart := begin(sc.nss)
	if len(def) > 0 {
		sc.nss = append(sc.nss, Namespace{Name: "default", Entries: def})
	}
	sc.nss = append(sc.nss, extra...)
	if len(mark) > 0 {
		sc.nss = append(sc.nss, Namespace{Name: NotesNamespace, Entries: mark})
	}
	return done(sc.nss, nsStart)
}

// shapedEntries is the loop of metadata for a span whose key list has a
// shape: it visits only the attributes no field consumed and those asked
// for as annotations, with what their keys decide taken from the shape. It
// appends the annotations and the default namespace's entries to sc and
// returns the other namespaces.
func (t *Translator) shapedEntries(sc *Scratch, a *attrs, spanIndexed []string, annStart int) []Namespace {
	var extra []Namespace
	sh := a.sh
	explicitMask := sh.indexed | sh.indexedBy(spanIndexed)
	for todo := ^a.used&(1<<len(a.kvs)-1) | explicitMask; todo != 0; todo &= todo - 1 {
		i := bits.TrailingZeros64(todo)
		bit := uint64(1) << i
		kv := &a.kvs[i]
		if sh.ns&bit != 0 && kv.Value.Type() == attribute.STRING {
			if ns, ok := namespaceOf(string(kv.Key), kv.Value); ok {
				extra = append(extra, ns)
				continue
			}
		}
		// The entry goes where its key says, then its value is scrubbed
		// there (which keeps its type).
		var dst *KeyValue
		if anns := sc.ann[annStart:]; (explicitMask&bit != 0 || t.cfg.IndexAll) && primitive(kv.Value) && len(anns) < MaxAnnotations {
			if key := sh.ann[i]; key != "" && !hasKey(anns, key) {
				sc.ann = append(sc.ann, KeyValue{Key: key, Value: kv.Value})
				dst = &sc.ann[len(sc.ann)-1]
			}
		}
		if dst == nil {
			if a.used&bit != 0 {
				continue
			}
			sc.kvs = append(sc.kvs, KeyValue{Key: sh.meta[i], Value: kv.Value})
			dst = &sc.kvs[len(sc.kvs)-1]
		}
		if v := &dst.Value; v.Type() == attribute.STRING && sh.cred&bit == 0 {
			if s := v.AsString(); s != "" {
				if out := sh.redact(i, s); out != s {
					*v = attribute.StringValue(out)
				}
			}
		} else {
			scrubAt(v, string(kv.Key), sh.cred&bit != 0)
		}
	}
	return extra
}

// namespaceOf returns the metadata namespace that attribute k (with the
// namespace prefix), v holds, when v is a JSON object and k names a
// namespace of its own.
func namespaceOf(k string, v attribute.Value) (Namespace, bool) {
	if raw := rawObject(scrub.Redact(v.AsString())); raw != nil {
		ns := k[len(metadata.NamespaceKeyPrefix):]
		if ns != "" && ns != "default" && ns != NotesNamespace {
			return Namespace{Name: ns, Raw: raw}, true
		}
	}
	return Namespace{}, false
}

// scrubValue removes credentials from every string value (scrub.Value:
// user:password@ in URLs, secret settings, and whole values of keys such
// as http.request.header.authorization), strings in slices included.
func scrubValue(sc *Scratch, k string, v attribute.Value) attribute.Value {
	scrubAt(&v, k, v.Type() == attribute.STRING && v.AsString() != "" && sc.credentialKey(k))
	return v
}

// scrubAt is scrubValue in place, for a key k whose scrub.CredentialKey is
// cred.
func scrubAt(v *attribute.Value, k string, cred bool) {
	switch v.Type() {
	case attribute.STRING:
		if s := v.AsString(); s != "" {
			out := scrub.Redacted
			if !cred {
				out = scrub.Redact(s)
			}
			if out != s {
				*v = attribute.StringValue(out)
			}
		}
	case attribute.STRINGSLICE:
		ss := v.AsStringSlice()
		changed := false
		for i, s := range ss {
			if out := scrub.Value(k, s); out != s {
				ss[i], changed = out, true
			}
		}
		if changed {
			*v = attribute.StringSliceValue(ss)
		}
	}
}

// dedupe keeps the first entry of each key. Spans from the SDK have unique
// keys, but renamed keys (AWS.x -> _AWS.x), resource keys and hand-made
// spans can collide, and a JSON object must not repeat a key.
func dedupe(kvs []KeyValue) []KeyValue {
	if len(kvs) < 2 {
		return kvs
	}
	out := kvs[:0]
	if len(kvs) <= 16 {
		for _, kv := range kvs {
			if !hasKey(out, kv.Key) {
				out = append(out, kv)
			}
		}
		return out
	}
	seen := make(map[string]struct{}, len(kvs))
	for _, kv := range kvs {
		if _, dup := seen[kv.Key]; !dup {
			seen[kv.Key] = struct{}{}
			out = append(out, kv)
		}
	}
	return out
}

func dedupeNamespaces(nss []Namespace) []Namespace {
	out := nss[:0]
	for _, ns := range nss {
		dup := false
		for _, o := range out {
			dup = dup || SanitizeMetadataKey(o.Name) == SanitizeMetadataKey(ns.Name)
		}
		if !dup {
			out = append(out, ns)
		}
	}
	return out
}

func (t *Translator) isIndexed(k string) bool {
	if t.indexed == nil {
		return contains(t.cfg.Indexed, k)
	}
	_, ok := t.indexed[k]
	return ok
}

// hasKey reports whether kvs has key k; annotation lists are short (50 at most).
func hasKey(kvs []KeyValue, k string) bool {
	for _, kv := range kvs {
		if kv.Key == k {
			return true
		}
	}
	return false
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func primitive(v attribute.Value) bool {
	switch v.Type() {
	case attribute.BOOL, attribute.INT64, attribute.FLOAT64, attribute.STRING:
		return true
	}
	return false
}

// rawObject returns s compacted when it is a JSON object in valid UTF-8,
// else nil.
func rawObject(s string) []byte {
	if !utf8.ValidString(s) || !json.Valid([]byte(s)) {
		return nil
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(s)); err != nil || buf.Len() == 0 || buf.Bytes()[0] != '{' {
		return nil
	}
	return buf.Bytes()
}
