package awssdk

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-xray-sdk-go/resources"
	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/metadata"
)

// Whitelist lists, per service and operation, the request and response
// parameters recorded on a call's span. Make one with [ParseWhitelist]; the
// default is the X-Ray SDK's. A Whitelist is immutable and safe for
// concurrent use.
type Whitelist struct {
	ops map[opKey]opRules
}

// opKey names an operation: the normalized SDK v2 service ID (see
// normService) and the operation name.
type opKey struct{ service, op string }

type opRules struct{ req, resp []rule }

// The JSON form of AWSWhitelist.json.
type wlDoc struct {
	Services map[string]struct {
		Operations map[string]wlOperation `json:"operations"`
	} `json:"services"`
}

type wlOperation struct {
	RequestParameters   []string                `json:"request_parameters"`
	RequestDescriptors  map[string]wlDescriptor `json:"request_descriptors"`
	ResponseParameters  []string                `json:"response_parameters"`
	ResponseDescriptors map[string]wlDescriptor `json:"response_descriptors"`
}

type wlDescriptor struct {
	Map      bool   `json:"map"`
	List     bool   `json:"list"`
	GetKeys  bool   `json:"get_keys"`
	GetCount bool   `json:"get_count"`
	Value    bool   `json:"value"`
	RenameTo string `json:"rename_to"`
}

// ParseWhitelist reads a whitelist in the format of the X-Ray SDKs'
// AWSWhitelist.json:
//
//	{"services": {"dynamodb": {"operations": {"GetItem": {
//	    "request_parameters": ["TableName", "ConsistentRead"],
//	    "response_parameters": ["ConsumedCapacity"],
//	    "request_descriptors": {"RequestItems": {"map": true, "get_keys": true, "rename_to": "table_names"}}}}}}}
//
// Services are named as in the X-Ray SDKs (SDK v1 names such as "dynamodb",
// "sqs", "runtime.sagemaker") or by their SDK v2 service ID ("DynamoDB",
// "Secrets Manager"). Parameters are the fields of the SDK's input and output
// structs, recorded as aws.<snake_case name> (ConsistentRead:
// aws.consistent_read). A descriptor records a map's keys (map, get_keys), a
// list's length (list, get_count), or a value under another name (value);
// rename_to names the parameter.
func ParseWhitelist(doc []byte) (*Whitelist, error) {
	var d wlDoc
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("awssdk: whitelist is not valid JSON in the AWSWhitelist.json format: %w", err)
	}
	if d.Services == nil {
		return nil, errors.New(`awssdk: whitelist has no "services" object`)
	}
	w := &Whitelist{ops: make(map[opKey]opRules)}
	for v1, svc := range d.Services {
		service := normService(v2ServiceID(v1))
		for op, o := range svc.Operations {
			w.ops[opKey{service, op}] = opRules{
				req:  wlRules(service, o.RequestParameters, o.RequestDescriptors),
				resp: wlRules(service, o.ResponseParameters, o.ResponseDescriptors),
			}
		}
	}
	return w, nil
}

// rules returns the whitelisted parameters of an operation.
func (w *Whitelist) rules(service, op string) opRules {
	if w == nil {
		return opRules{}
	}
	return w.ops[opKey{normService(service), op}]
}

func wlRules(service string, params []string, descs map[string]wlDescriptor) []rule {
	var out []rule
	for _, p := range params {
		if p == "" {
			continue
		}
		r := rule{field: p, key: paramAttrKey(service, p, ""), kind: kindValue}
		if p == "ConsumedCapacity" {
			r.kind = kindCapacity
		}
		out = append(out, r)
	}
	names := make([]string, 0, len(descs))
	for name := range descs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		d := descs[name]
		r := rule{field: name, key: paramAttrKey(service, name, d.RenameTo)}
		switch {
		case d.Map && d.GetKeys:
			r.kind = kindKeys
		case d.GetCount && (d.List || d.Map):
			r.kind = kindCount
		case d.Value || d.RenameTo != "":
			r.kind = kindValue
		default:
			continue
		}
		if name != "" {
			out = append(out, r)
		}
	}
	return out
}

// renamed are parameters recorded under another name than their snake_case
// form, as the X-Ray SDKs for Java, Python and Node.js do.
var renamed = map[fieldKey]string{
	{"s3", "Key"}: "key_name",
}

// fieldKey names a field of a service's inputs or outputs.
type fieldKey struct{ service, field string }

// paramAttrKey is the span attribute of a parameter.
func paramAttrKey(service, field, renameTo string) attribute.Key {
	name := renameTo
	if name == "" {
		name = renamed[fieldKey{service, field}]
	}
	if name == "" {
		name = toSnake(field)
	}
	if name == "table_names" {
		return metadata.TableNamesKey // aws.table_names is not a parameter key
	}
	return attribute.Key(metadata.ParamKeyPrefix + name)
}

// v1Services maps the X-Ray SDKs' service names (SDK v1 endpoint prefixes)
// to SDK v2 service IDs where the two differ by more than case.
var v1Services = map[string]string{
	"runtime.sagemaker": "SageMaker Runtime",
	"states":            "SFN",
	"events":            "EventBridge",
	"secretsmanager":    "Secrets Manager",
	"monitoring":        "CloudWatch",
	"logs":              "CloudWatch Logs",
	"email":             "SES",
	"execute-api":       "API Gateway",
}

func v2ServiceID(v1 string) string {
	if id, ok := v1Services[v1]; ok {
		return id
	}
	return v1
}

// normService folds a service ID for lookups: lower case, without spaces,
// dots and dashes ("Secrets Manager" and "secretsmanager" match).
func normService(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '.' || r == '-' || r == '_':
			return -1
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

var (
	defaultOnce sync.Once
	defaultWL   *Whitelist
)

// defaultWhitelist is the X-Ray SDK's whitelist, read on first use. Should
// the embedded document ever fail to parse, only this package's own rules
// apply.
func defaultWhitelist() *Whitelist {
	defaultOnce.Do(func() {
		doc, err := resources.Asset("resources/AWSWhitelist.json")
		if err == nil {
			defaultWL, err = ParseWhitelist(doc)
		}
		if err != nil {
			defaultWL = &Whitelist{}
		}
	})
	return defaultWL
}
