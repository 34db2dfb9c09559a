package segment

import (
	"strings"
	"sync/atomic"

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
	return t.isSegment(s.SpanKind(), s.Parent())
}

func (t *Translator) isSegment(kind trace.SpanKind, p trace.SpanContext) bool {
	return !t.cfg.Lambda && (kind == trace.SpanKindServer || !p.IsValid() || p.IsRemote())
}

// Translate turns s into a document, or says why it must not be sent.
// A subsegment's ParentID is set; whether it is nested or sent on its own
// is the caller's choice (see [AppendIndependent]).
func (t *Translator) Translate(s sdktrace.ReadOnlySpan) (Document, DropReason) {
	return t.TranslateWith(&Scratch{oneShot: true}, s)
}

// TranslateWith is [Translator.Translate] with the document's objects and
// lists taken from sc, so that a batch of spans costs no allocation per
// span once sc has grown. The document is valid until sc.Reset; documents
// translated with one Scratch may share string lists (the aws object's
// TableNames), so their fields are replaced, never written through.
func (t *Translator) TranslateWith(sc *Scratch, s sdktrace.ReadOnlySpan) (Document, DropReason) {
	// Each method of a ReadOnlySpan copies the SDK's snapshot: each is
	// called once.
	spanCtx, parent := s.SpanContext(), s.Parent()
	if why := t.decide(spanCtx, parent); why != Keep {
		return Document{}, why
	}
	kind := s.SpanKind()
	d := Document{
		ID:          spanCtx.SpanID(),
		TraceID:     spanCtx.TraceID(),
		ParentID:    parent.SpanID(),
		Subsegment:  !t.isSegment(kind, parent),
		StartMicros: s.StartTime().UnixMicro(),
	}
	if end := s.EndTime(); !end.IsZero() {
		d.EndMicros = end.UnixMicro()
		if d.EndMicros <= 0 {
			d.EndMicros = 1 // written as the start time; never in progress
		}
	}
	var a attrs
	kvs := s.Attributes()
	a.init(kvs, sc.shape(t, kvs))
	awsAPI := a.peek(kRPCSystem) == "aws-api"
	if awsAPI {
		a.value(kRPCSystem)
	}
	var res *resourceInfo // read only where it is used: segments and server spans' names
	if !d.Subsegment || kind == trace.SpanKindServer {
		res = t.resourceInfo(s)
	}

	d.Name = t.name(&a, s, kind, d.Subsegment, awsAPI, res)
	if d.Subsegment {
		switch {
		case awsAPI || a.has(kAWSService):
			d.Namespace = "aws"
		case kind == trace.SpanKindClient,
			kind == trace.SpanKindProducer && a.has(kAWSRemoteService):
			d.Namespace = "remote"
		}
	}
	d.HTTP = buildHTTP(sc, &a, kind)
	if d.Namespace == "aws" {
		d.AWS = buildAWS(sc, &a, awsAPI)
	}
	d.SQL = buildSQL(sc, &a)
	if !d.Subsegment {
		d.Origin = res.origin
		d.Version = res.version
		if res.aws != nil {
			d.AWS = res.aws
		}
		d.User = a.str(kEnduserID)
	}
	status, links := s.Status(), s.Links()
	t.flags(&d, &a, status)
	d.Exceptions = exceptions(sc, s.Events(), status, d.ID, kind == trace.SpanKindClient || kind == trace.SpanKindProducer)
	d.Links = t.links(sc, links)
	d.Metadata = t.metadata(sc, &d, &a, s, len(links), res)
	return d, Keep
}

// name picks the document name by the precedence X-Ray users expect ("From
// an OTel span to a document" in the notes on X-Ray on the wire) and
// consumes the attributes it used.
func (t *Translator) name(a *attrs, s sdktrace.ReadOnlySpan, kind trace.SpanKind, subsegment, awsAPI bool, res *resourceInfo) string {
	clientKind := kind == trace.SpanKindClient || kind == trace.SpanKindProducer
	pick := func(k key) string {
		v := a.peek(k)
		switch k {
		case kServerAddress, kHTTPHost, kNetPeerName:
			v = hostOf(v) // never "u:pw@h", never an invalid host
		}
		n := a.nameOf(v)
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
			if n := a.nameOf(svc); n != "" {
				return n
			}
		}
	}
	for _, dbKey := range [...]key{kDBName, kDBNamespace} {
		db := a.peek(dbKey)
		if db == "" {
			continue
		}
		host := ""
		for _, hostKey := range [...]key{kServerAddress, kNetPeerName} {
			if host = hostOf(a.peek(hostKey)); host != "" {
				a.value(hostKey)
				break
			}
		}
		if n := a.built(memoDBName, host, db, 0, dbName); n != "" {
			return n
		}
	}
	if !subsegment || kind == trace.SpanKindServer {
		if n := nameOf(res.serviceName); n != "" {
			return n
		}
	}
	for _, k := range [...]key{kRPCService, kServerAddress, kHTTPHost, kNetPeerName} {
		if n := pick(k); n != "" {
			return n
		}
	}
	if clientKind {
		// A client span without server.address: the host of its URL, not
		// its method ("GET").
		for _, k := range [...]key{kURLFull, kHTTPURL} {
			if n := nameOf(hostOfURL(a.peek(k))); n != "" {
				return n
			}
		}
	}
	if n := a.nameOf(s.Name()); n != "" {
		return n
	}
	return DefaultName
}

// nameOf is a name candidate without its credentials, sanitized; "" when
// nothing but spaces is left, so that the next candidate is tried.
func nameOf(s string) string {
	if s == "" {
		return "" // most candidates are absent
	}
	return SanitizeName(scrub.Redact(s))
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
func (t *Translator) flags(d *Document, a *attrs, status sdktrace.Status) {
	code := int64(0)
	if d.HTTP != nil {
		code = d.HTTP.Status
	}
	switch {
	case code == 429:
		d.Error, d.Throttle = true, true
	case code >= 400 && code < 500:
		d.Error = true
	case code >= 500 && code < 600:
		d.Fault = true
	case status.Code == codes.Error:
		d.Fault = true
	}
	if v := a.value(kXRayThrottle); v != nil && v.Type() == attribute.BOOL && v.AsBool() {
		d.Error, d.Throttle, d.Fault = true, true, false
	}
}

// maxLinkAttributes bounds the attributes kept per link.
const maxLinkAttributes = 32
