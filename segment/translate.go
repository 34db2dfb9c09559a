package segment

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/otelxray/otelxray/metadata"

	"github.com/otelxray/otelxray/internal/scrub"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// Config chooses how spans become documents.
type Config struct {
	// Lambda turns on Lambda mode: every span becomes a subsegment, spans
	// whose parent is not in the same process (the function's own segment,
	// owned by Lambda) become independent subsegments of it, and spans
	// without any parent are dropped.
	Lambda bool
	// Indexed lists the attribute keys that become annotations.
	Indexed []string
	// IndexAll makes every attribute that no document field consumes an
	// annotation (up to MaxAnnotations per document).
	IndexAll bool
}

// DropReason says why [Translator.Translate] produced no document.
type DropReason uint8

const (
	// Keep means the span produced a document.
	Keep DropReason = iota
	// DropUnsampled is a span whose trace is not sampled.
	DropUnsampled
	// DropNoParent is a span without any parent in Lambda mode: X-Ray would
	// show it as a disconnected trace.
	DropNoParent
	// DropInvalid is a span whose trace or span ID is zero: X-Ray rejects
	// such documents.
	DropInvalid
)

// String returns the reason as used in stats and logs.
func (r DropReason) String() string {
	switch r {
	case Keep:
		return "kept"
	case DropUnsampled:
		return "unsampled"
	case DropNoParent:
		return "no_parent"
	case DropInvalid:
		return "invalid_id"
	}
	return "unknown"
}

// Translator turns finished spans into documents. It is safe for concurrent
// use; create one with [NewTranslator].
type Translator struct {
	cfg      Config
	indexed  map[string]struct{} // for long lists; short ones are scanned
	resource atomic.Pointer[resourceInfo]
}

// NewTranslator returns a Translator for cfg.
func NewTranslator(cfg Config) *Translator {
	t := &Translator{cfg: cfg}
	if len(cfg.Indexed) > 8 {
		t.indexed = make(map[string]struct{}, len(cfg.Indexed))
		for _, k := range cfg.Indexed {
			t.indexed[k] = struct{}{}
		}
	}
	return t
}

// IsSegment reports whether s becomes a segment (rather than a subsegment)
// under this translator's configuration.
func (t *Translator) IsSegment(s sdktrace.ReadOnlySpan) bool {
	if t.cfg.Lambda {
		return false
	}
	p := s.Parent()
	return s.SpanKind() == trace.SpanKindServer || !p.IsValid() || p.IsRemote()
}

// Translate turns s into a document, or says why it must not be sent.
// A subsegment's ParentID is set; whether it is nested or sent on its own
// is the caller's choice (see [AppendIndependent]).
func (t *Translator) Translate(s sdktrace.ReadOnlySpan) (Document, DropReason) {
	sc := s.SpanContext()
	if !sc.IsSampled() {
		return Document{}, DropUnsampled
	}
	if !sc.HasTraceID() || !sc.HasSpanID() {
		return Document{}, DropInvalid
	}
	parent := s.Parent()
	if t.cfg.Lambda && !parent.IsValid() {
		return Document{}, DropNoParent
	}
	if t.cfg.Lambda && parent.IsRemote() && !parent.IsSampled() {
		// Lambda decided not to trace this invocation (Sampled=0): a
		// sampler that ignores the parent must not override that.
		return Document{}, DropUnsampled
	}
	d := Document{
		ID:          sc.SpanID(),
		TraceID:     sc.TraceID(),
		ParentID:    parent.SpanID(),
		Subsegment:  !t.IsSegment(s),
		StartMicros: s.StartTime().UnixMicro(),
	}
	if end := s.EndTime(); !end.IsZero() {
		d.EndMicros = end.UnixMicro()
		if d.EndMicros <= 0 {
			d.EndMicros = 1 // written as the start time; never in progress
		}
	}
	var a attrs
	a.init(s.Attributes())
	kind := s.SpanKind()
	awsAPI := a.peek(kRPCSystem) == "aws-api"
	if awsAPI {
		a.value(kRPCSystem)
	}
	res := t.resourceInfo(s)

	d.Name = t.name(&a, s, d.Subsegment, awsAPI, res)
	if d.Subsegment {
		switch {
		case awsAPI || a.has(kAWSService):
			d.Namespace = "aws"
		case kind == trace.SpanKindClient,
			kind == trace.SpanKindProducer && a.has(kAWSRemoteService):
			d.Namespace = "remote"
		}
	}
	d.HTTP = buildHTTP(&a, kind)
	if d.Namespace == "aws" {
		d.AWS = buildAWS(&a, awsAPI)
	}
	d.SQL = buildSQL(&a)
	if !d.Subsegment {
		d.Origin = res.origin
		d.Version = res.version
		if res.aws != nil {
			d.AWS = res.aws
		}
		d.User = a.str(kEnduserID)
	}
	t.flags(&d, &a, s)
	d.Exceptions = exceptions(s, d.ID, kind == trace.SpanKindClient || kind == trace.SpanKindProducer)
	d.Links = t.links(s)
	d.Metadata = t.metadata(&d, &a, s, res)
	return d, Keep
}

// name picks the document name by the precedence X-Ray users expect ("From
// an OTel span to a document" in the notes on X-Ray on the wire) and
// consumes the attributes it used.
func (t *Translator) name(a *attrs, s sdktrace.ReadOnlySpan, subsegment, awsAPI bool, res *resourceInfo) string {
	kind := s.SpanKind()
	clientKind := kind == trace.SpanKindClient || kind == trace.SpanKindProducer
	pick := func(k key) string {
		n := SanitizeName(a.peek(k))
		if n != "" {
			a.value(k)
		}
		return n
	}
	if kind == trace.SpanKindServer {
		if n := pick(kAWSLocalService); n != "" {
			return n
		}
	}
	if clientKind {
		if n := pick(kAWSRemoteService); n != "" {
			return n
		}
	}
	if n := pick(kPeerService); n != "" {
		return n
	}
	if n := pick(kAWSService); n != "" {
		return n
	}
	if awsAPI {
		if n := pick(kRPCService); n != "" {
			return n
		}
		// Newer instrumentations give only rpc.method = "DynamoDB/GetItem".
		if svc, _, ok := strings.Cut(a.peek(kRPCMethod), "/"); ok {
			if n := SanitizeName(svc); n != "" {
				return n
			}
		}
	}
	for _, dbKey := range [...]key{kDBName, kDBNamespace} {
		db := a.peek(dbKey)
		if db == "" {
			continue
		}
		for _, hostKey := range [...]key{kServerAddress, kNetPeerName} {
			if host := a.peek(hostKey); host != "" {
				db += "@" + host
				a.value(hostKey)
				break
			}
		}
		if n := SanitizeName(db); n != "" {
			return n
		}
	}
	if !subsegment || kind == trace.SpanKindServer {
		if n := SanitizeName(res.serviceName); n != "" {
			return n
		}
	}
	for _, k := range [...]key{kRPCService, kServerAddress, kHTTPHost, kNetPeerName} {
		if n := pick(k); n != "" {
			return n
		}
	}
	if n := SanitizeName(s.Name()); n != "" {
		return n
	}
	return DefaultName
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// flags sets error, throttle and fault from the HTTP status and the span status.
func (t *Translator) flags(d *Document, a *attrs, s sdktrace.ReadOnlySpan) {
	status := int64(0)
	if d.HTTP != nil {
		status = d.HTTP.Status
	}
	switch {
	case status == 429:
		d.Error, d.Throttle = true, true
	case status >= 400 && status < 500:
		d.Error = true
	case status >= 500 && status < 600:
		d.Fault = true
	case s.Status().Code == codes.Error:
		d.Fault = true
	}
	if v, ok := a.value(kXRayThrottle); ok && v.Type() == attribute.BOOL && v.AsBool() {
		d.Error, d.Throttle, d.Fault = true, true, false
	}
}

// maxLinkAttributes bounds the attributes kept per link.
const maxLinkAttributes = 32

// links converts span links, keeping at most MaxLinks.
func (t *Translator) links(s sdktrace.ReadOnlySpan) []Link {
	ls := s.Links()
	n := 0
	for _, l := range ls {
		if l.SpanContext.IsValid() {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Link, 0, min(n, MaxLinks))
	for _, l := range ls {
		if len(out) == MaxLinks {
			break
		}
		if !l.SpanContext.IsValid() {
			continue
		}
		link := Link{TraceID: l.SpanContext.TraceID(), ID: l.SpanContext.SpanID()}
		for _, kv := range l.Attributes {
			switch kv.Value.Type() {
			case attribute.BOOL, attribute.INT64, attribute.FLOAT64, attribute.STRING:
				if len(link.Attributes) < maxLinkAttributes && !hasKey(link.Attributes, string(kv.Key)) {
					link.Attributes = append(link.Attributes, KeyValue{Key: string(kv.Key), Value: scrubValue(string(kv.Key), kv.Value)})
				}
			}
		}
		out = append(out, link)
	}
	return out
}

// metadata builds the annotations (stored on d) and the metadata namespaces
// from the attributes no field consumed.
func (t *Translator) metadata(d *Document, a *attrs, s sdktrace.ReadOnlySpan, res *resourceInfo) []Namespace {
	var spanIndexed []string
	var spanIndexedSet map[string]struct{} // for long lists
	if v, ok := a.value(kXRayAnnotations); ok && v.Type() == attribute.STRINGSLICE {
		spanIndexed = v.AsStringSlice()
		if len(spanIndexed) > 16 {
			spanIndexedSet = make(map[string]struct{}, len(spanIndexed))
			for _, k := range spanIndexed {
				spanIndexedSet[k] = struct{}{}
			}
		}
	}
	unused := 0
	for i := range a.kvs {
		if !a.used(i) {
			unused++
		}
	}
	if !d.Subsegment {
		unused += len(res.metadata)
	}
	var def []KeyValue
	if unused > 0 {
		def = make([]KeyValue, 0, unused)
	}
	var extra []Namespace
	for i, kv := range a.kvs {
		k := string(kv.Key)
		explicit := t.isIndexed(k)
		if !explicit && spanIndexedSet != nil {
			_, explicit = spanIndexedSet[k]
		} else if !explicit {
			explicit = contains(spanIndexed, k)
		}
		if a.used(i) && !explicit {
			continue
		}
		if strings.HasPrefix(k, metadata.NamespaceKeyPrefix) && kv.Value.Type() == attribute.STRING {
			if raw := rawObject(kv.Value.AsString()); raw != nil {
				ns := k[len(metadata.NamespaceKeyPrefix):]
				if ns != "" && ns != "default" && ns != NotesNamespace {
					extra = append(extra, Namespace{Name: ns, Raw: raw})
					continue
				}
			}
		}
		kv.Value = scrubValue(k, kv.Value)
		if (explicit || t.cfg.IndexAll) && primitive(kv.Value) && len(d.Annotations) < MaxAnnotations {
			key := SanitizeAnnotationKey(k)
			if key != "" && !hasKey(d.Annotations, key) {
				d.Annotations = append(d.Annotations, KeyValue{Key: key, Value: kv.Value})
				continue
			}
		}
		if a.used(i) {
			continue
		}
		def = append(def, KeyValue{Key: SanitizeMetadataKey(k), Value: kv.Value})
	}
	if !d.Subsegment {
		def = append(def, res.metadata...)
	}
	def = dedupe(def)
	extra = dedupeNamespaces(extra)
	var mark []KeyValue
	if n := len(s.Links()) - len(d.Links) + s.DroppedLinks(); n > 0 {
		mark = append(mark, KeyValue{Key: "links_dropped", Value: attribute.IntValue(n)})
	}
	if n := s.DroppedAttributes(); n > 0 {
		mark = append(mark, KeyValue{Key: "attributes_dropped", Value: attribute.IntValue(n)})
	}
	var out []Namespace
	if len(def) > 0 {
		out = append(out, Namespace{Name: "default", Entries: def})
	}
	out = append(out, extra...)
	if len(mark) > 0 {
		out = append(out, Namespace{Name: NotesNamespace, Entries: mark})
	}
	return out
}

// credentialKeys are attributes that may carry a password; whatever field or
// metadata entry they end up in, the password is removed first.
var credentialKeys = map[string]bool{
	"db.connection_string": true, "url.full": true, "http.url": true, "messaging.url": true,
	"aws.queue_url": true, "aws.queue.url": true,
}

// scrubValue removes user:password@ and password= settings from the values of
// credentialKeys; a value that still holds one is replaced.
func scrubValue(k string, v attribute.Value) attribute.Value {
	if v.Type() != attribute.STRING || !credentialKeys[k] {
		return v
	}
	s := scrub.Strip(v.AsString())
	if scrub.Contains(s, true) {
		return attribute.StringValue(scrub.Placeholder)
	}
	return attribute.StringValue(s)
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
