package xraysampler

import (
	"strings"

	"github.com/otelxray/otelxray/internal/origin"
	"github.com/otelxray/otelxray/internal/samplingrules"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
)

// service is what the resource says of the service, the same for every
// span: rules' ServiceName, ServiceType and ResourceARN.
type service struct {
	name, typ, arn string
}

// serviceOf reads the resource as package segment does: service.name, and
// cloud.platform mapped to the origin X-Ray shows as the service type.
func serviceOf(r *resource.Resource) service {
	if r == nil {
		return service{}
	}
	get := func(k attribute.Key) string {
		if v, ok := r.Set().Value(k); ok && v.Type() == attribute.STRING {
			return v.AsString()
		}
		return ""
	}
	s := service{name: get("service.name"), arn: get("cloud.resource_id")}
	switch get("cloud.platform") {
	case "aws_ec2":
		s.typ = origin.EC2
	case "aws_ecs":
		switch get("aws.ecs.launchtype") {
		case "fargate":
			s.typ = origin.ECSFargate
		case "ec2":
			s.typ = origin.ECSEC2
		default:
			s.typ = origin.ECSContainer
		}
		if s.arn == "" {
			s.arn = get("aws.ecs.container.arn")
		}
	case "aws_eks":
		s.typ = origin.EKS
	case "aws_elastic_beanstalk":
		s.typ = origin.Beanstalk
	case "aws_app_runner":
		s.typ = origin.AppRunner
	case "aws_lambda":
		s.typ = origin.LambdaFunction
		if s.arn == "" {
			s.arn = get("faas.id")
		}
	}
	return s
}

// request is what rules match for one span.
type request struct {
	svc                *service
	host, method, path string
	attrs              []attribute.KeyValue
}

// newRequest reads the HTTP fields of a span's attributes, in the current
// semantic conventions or the older ones. The URL path is url.path, else
// http.target's, else url.full's or http.url's.
func newRequest(svc *service, attrs []attribute.KeyValue) request {
	q := request{svc: svc, attrs: attrs}
	hostRank, pathRank := 0, 0
	for _, kv := range attrs {
		if kv.Value.Type() != attribute.STRING {
			continue
		}
		switch kv.Key {
		case "http.request.method", "http.method":
			if q.method == "" || kv.Key == "http.request.method" {
				q.method = kv.Value.AsString()
			}
		case "server.address":
			q.host, hostRank = kv.Value.AsString(), 3
		case "http.host":
			if hostRank < 2 {
				q.host, hostRank = kv.Value.AsString(), 2
			}
		case "net.host.name":
			if hostRank < 1 {
				q.host, hostRank = kv.Value.AsString(), 1
			}
		case "url.path":
			q.path, pathRank = kv.Value.AsString(), 3
		case "http.target":
			if pathRank < 2 {
				q.path, pathRank = cutQuery(kv.Value.AsString()), 2
			}
		case "url.full", "http.url":
			if pathRank < 1 {
				q.path, pathRank = urlPath(kv.Value.AsString()), 1
			}
		}
	}
	return q
}

// cutQuery returns target without its query and fragment.
func cutQuery(target string) string {
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		return target[:i]
	}
	return target
}

// urlPath returns the path of an absolute URL, without parsing (and so
// allocating) more than that.
func urlPath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		j := strings.IndexAny(u, "/?#")
		if j < 0 {
			return "/"
		}
		u = u[j:]
	}
	p := cutQuery(u)
	if p == "" {
		return "/"
	}
	return p
}

// matches reports whether r applies to q. An empty value matches only a
// pattern that matches the empty string ("*"); every attribute the rule
// names must be a string attribute of the span that matches its pattern.
func (q *request) matches(r *samplingrules.Rule) bool {
	if !samplingrules.Match(r.ServiceName, q.svc.name) || !samplingrules.Match(r.ServiceType, q.svc.typ) ||
		!samplingrules.Match(r.ResourceARN, q.svc.arn) || !samplingrules.Match(r.Host, q.host) ||
		!samplingrules.Match(r.HTTPMethod, q.method) || !samplingrules.Match(r.URLPath, q.path) {
		return false
	}
	for k, pattern := range r.Attributes {
		if !q.attrMatches(k, pattern) {
			return false
		}
	}
	return true
}

func (q *request) attrMatches(key, pattern string) bool {
	for _, kv := range q.attrs {
		if string(kv.Key) == key {
			return kv.Value.Type() == attribute.STRING && samplingrules.Match(pattern, kv.Value.AsString())
		}
	}
	return false
}
