package segment

import (
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

// Document is one X-Ray segment or subsegment, as plain Go values. The zero
// value of every field means "absent": it is left out of the encoded JSON.
//
// A Document is produced by [Translator.Translate] and encoded by the
// exporter; callers rarely build one by hand.
type Document struct {
	// Name is the (sub)segment name, already sanitized.
	Name string
	// ID is the span ID.
	ID trace.SpanID
	// TraceID is set on segments and independent subsegments.
	TraceID trace.TraceID
	// ParentID is the upstream (sub)segment, if any.
	ParentID trace.SpanID
	// Subsegment is true for subsegments. A subsegment sent on its own (not
	// nested in its parent) is an independent subsegment: the encoder then
	// writes type, trace_id and parent_id.
	Subsegment bool

	// StartMicros and EndMicros are Unix times in microseconds. EndMicros is
	// zero for a document that is still in progress.
	StartMicros, EndMicros int64

	Namespace   string // "aws", "remote" or empty; subsegments only
	Origin      string // segments only, e.g. "AWS::EC2::Instance"
	User        string // segments only
	Version     string // service.version, segments only
	ResourceARN string

	Error, Throttle, Fault bool

	HTTP *HTTP
	AWS  *AWS
	SQL  *SQL

	// Exceptions make up the cause object.
	Exceptions []Exception

	// Annotations are indexed key/value pairs; values are strings, numbers
	// or bools.
	Annotations []KeyValue
	// Metadata holds the default namespace and any others, in order.
	Metadata []Namespace
	// Links are the span's links, at most MaxLinks.
	Links []Link
}

// NotesNamespace is the metadata namespace where otelxray notes what it left
// out of a document: dropped links and attributes, trimmed fields.
const NotesNamespace = "otelxray"

// KeyValue is one annotation or metadata entry.
type KeyValue struct {
	Key   string
	Value attribute.Value
}

// Namespace is one metadata namespace: either Entries, or Raw, a compact JSON
// object supplied by the user through the aws.xray.metadata.<ns> attribute.
type Namespace struct {
	Name    string
	Entries []KeyValue
	Raw     []byte
}

// HTTP is the http object of a document.
type HTTP struct {
	Method, URL, UserAgent, ClientIP string
	// XForwardedFor is written on segments when ClientIP came from a proxy header.
	XForwardedFor bool
	// Status is the response status code, 0 when unknown.
	Status int64
	// ContentLength is the response body size, -1 when unknown.
	ContentLength int64
}

// AWS is the aws object of a document: service call fields on subsegments,
// the environment (EC2, ECS, EKS, Beanstalk, SDK) on segments.
type AWS struct {
	// Subsegment fields.
	Operation, Region, RequestID, AccountID, QueueURL, TableName string
	TableNames                                                   []string
	// Retries is the number of retries, -1 when unknown.
	Retries int64
	// Params are other whitelisted request and response parameters, with
	// snake_case keys (function_name, topic_arn, bucket_name, ...).
	Params []KeyValue

	// Segment fields.
	EC2              *AWSEC2
	ECS              *AWSECS
	EKS              *AWSEKS
	ElasticBeanstalk *AWSElasticBeanstalk
	XRay             *AWSXRay
	LogGroups        []LogGroup
}

// AWSEC2 describes the EC2 instance that produced a segment.
type AWSEC2 struct{ InstanceID, AvailabilityZone, InstanceSize, AMIID string }

// AWSECS describes the ECS container that produced a segment.
type AWSECS struct {
	Container, ContainerID, ContainerARN, ClusterARN, TaskARN, TaskFamily, LaunchType, AvailabilityZone string
}

// AWSEKS describes the EKS pod that produced a segment.
type AWSEKS struct{ ClusterName, Pod, ContainerID string }

// AWSElasticBeanstalk describes the Beanstalk environment of a segment.
type AWSElasticBeanstalk struct {
	EnvironmentName, VersionLabel string
	DeploymentID                  int64
}

// AWSXRay names the SDK that produced a segment.
type AWSXRay struct{ SDK, SDKVersion string }

// LogGroup is one CloudWatch Logs group of a segment.
type LogGroup struct{ Name, ARN string }

// SQL is the sql object of a document.
type SQL struct {
	// URL is scheme://host[:port]/database, the only form the Collector's
	// X-Ray receiver parses; ConnectionString holds any other locator
	// (SQL Server or Oracle strings, host:port/database). Neither holds a
	// password.
	URL, ConnectionString                                                           string
	SanitizedQuery, DatabaseType, DatabaseVersion, DriverVersion, User, Preparation string
}

// Exception is one entry of the cause's exceptions list.
type Exception struct {
	ID        trace.SpanID // 16 hex digits, never zero
	Type      string
	Message   string
	Remote    bool
	Stack     []StackFrame
	Truncated int // frames left out
}

// StackFrame is one frame of an exception's stack.
type StackFrame struct {
	Path  string
	Line  int
	Label string
}

// Link is a link to another trace's (sub)segment.
type Link struct {
	TraceID    trace.TraceID
	ID         trace.SpanID
	Attributes []KeyValue
}
