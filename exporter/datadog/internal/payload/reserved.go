package payload

import "go.opentelemetry.io/otel/attribute"

// Datadog's reserved span attributes: they set the span's operation name,
// resource, service and type instead of becoming tags, as in Datadog's
// own OpenTelemetry support. ddlambda's inferred spans use them.
const (
	keyOperation = "operation.name"
	keyResource  = "resource.name"
	keyService   = "service.name"
	keyType      = "span.type"
)

func isReserved(k attribute.Key) bool {
	switch k {
	case keyOperation, keyResource, keyService, keyType:
		return true
	}
	return false
}

// reserved applies the reserved attributes that are non-empty strings.
func reserved(d *Span, attrs map[string]attribute.Value) {
	if v := str(attrs, keyOperation); v != "" {
		d.Name = clean(v)
	}
	if v := str(attrs, keyResource); v != "" {
		d.Resource = clean(v)
	}
	if v := str(attrs, keyService); v != "" {
		d.Service = clean(v)
	}
	if v := str(attrs, keyType); v != "" {
		d.Type = clean(v)
	}
}
