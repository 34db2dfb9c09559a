package segment

import (
	"strconv"

	"github.com/otelxray/otelxray/metadata"

	"go.opentelemetry.io/otel/attribute"
)

// key is an attribute the translator maps to a document field.
type key uint8

const (
	kNone key = iota
	kAWSLocalService
	kAWSRemoteService
	kPeerService
	kAWSService
	kDBName
	kDBNamespace
	kRPCService
	kRPCSystem
	kRPCMethod
	kServerAddress
	kServerPort
	kHTTPHost
	kNetPeerName
	kNetPeerPort
	kNetHostName
	kNetHostPort
	kHTTPRequestMethod
	kURLFull
	kURLScheme
	kURLPath
	kURLQuery
	kHTTPResponseStatusCode
	kUserAgentOriginal
	kClientAddress
	kNetworkPeerAddress
	kHTTPResponseBodySize
	kHTTPMethod
	kHTTPURL
	kHTTPTarget
	kHTTPScheme
	kHTTPStatusCode
	kHTTPUserAgent
	kHTTPClientIP
	kNetPeerIP
	kNetSockPeerAddr
	kHTTPResponseContentLength
	kAWSOperation
	kAWSRegion
	kCloudRegion
	kAWSRequestID
	kAWSRequestIDCamel
	kAWSQueueURL
	kAWSQueueURLDot
	kMessagingURL
	kAWSTableName
	kAWSTableNameDot
	kAWSDynamoDBTableNames
	kAWSAccountID
	kCloudAccountID
	kAWSRetries
	kAWSS3Bucket
	kAWSS3Key
	kDBSystem
	kDBStatement
	kDBQueryText
	kDBUser
	kDBConnectionString
	kEnduserID
	kXRayAnnotations
	kXRayThrottle
	numKeys
)

// knownKey maps attribute keys to the fields they feed.
func knownKey(k string) key {
	switch k {
	case "aws.local.service":
		return kAWSLocalService
	case "aws.remote.service":
		return kAWSRemoteService
	case "peer.service":
		return kPeerService
	case "aws.service":
		return kAWSService
	case "db.name":
		return kDBName
	case "db.namespace":
		return kDBNamespace
	case "rpc.service":
		return kRPCService
	case "rpc.system", "rpc.system.name":
		return kRPCSystem
	case "rpc.method":
		return kRPCMethod
	case "server.address":
		return kServerAddress
	case "server.port":
		return kServerPort
	case "http.host":
		return kHTTPHost
	case "net.peer.name":
		return kNetPeerName
	case "net.peer.port":
		return kNetPeerPort
	case "net.host.name":
		return kNetHostName
	case "net.host.port":
		return kNetHostPort
	case "http.request.method":
		return kHTTPRequestMethod
	case "url.full":
		return kURLFull
	case "url.scheme":
		return kURLScheme
	case "url.path":
		return kURLPath
	case "url.query":
		return kURLQuery
	case "http.response.status_code":
		return kHTTPResponseStatusCode
	case "user_agent.original":
		return kUserAgentOriginal
	case "client.address":
		return kClientAddress
	case "network.peer.address":
		return kNetworkPeerAddress
	case "http.response.body.size":
		return kHTTPResponseBodySize
	case "http.method":
		return kHTTPMethod
	case "http.url":
		return kHTTPURL
	case "http.target":
		return kHTTPTarget
	case "http.scheme":
		return kHTTPScheme
	case "http.status_code":
		return kHTTPStatusCode
	case "http.user_agent":
		return kHTTPUserAgent
	case "http.client_ip":
		return kHTTPClientIP
	case "net.peer.ip":
		return kNetPeerIP
	case "net.sock.peer.addr":
		return kNetSockPeerAddr
	case "http.response_content_length":
		return kHTTPResponseContentLength
	case "aws.operation":
		return kAWSOperation
	case string(metadata.RegionKey):
		return kAWSRegion
	case "cloud.region":
		return kCloudRegion
	case string(metadata.RequestIDKey):
		return kAWSRequestID
	case "aws.requestId":
		return kAWSRequestIDCamel
	case string(metadata.QueueURLKey):
		return kAWSQueueURL
	case "aws.queue.url":
		return kAWSQueueURLDot
	case "messaging.url":
		return kMessagingURL
	case string(metadata.TableNameKey):
		return kAWSTableName
	case "aws.table.name":
		return kAWSTableNameDot
	case string(metadata.TableNamesKey):
		return kAWSDynamoDBTableNames
	case string(metadata.AccountIDKey):
		return kAWSAccountID
	case "cloud.account.id":
		return kCloudAccountID
	case string(metadata.RetriesKey):
		return kAWSRetries
	case "aws.s3.bucket":
		return kAWSS3Bucket
	case "aws.s3.key":
		return kAWSS3Key
	case "db.system", "db.system.name":
		return kDBSystem
	case "db.statement":
		return kDBStatement
	case "db.query.text":
		return kDBQueryText
	case "db.user":
		return kDBUser
	case "db.connection_string":
		return kDBConnectionString
	case "enduser.id":
		return kEnduserID
	case string(metadata.AnnotationsKey):
		return kXRayAnnotations
	case string(metadata.ThrottleKey):
		return kXRayThrottle
	}
	return kNone
}

// attrs indexes a span's attributes by known key and remembers which ones
// a document field consumed; the rest become metadata.
type attrs struct {
	kvs  []attribute.KeyValue
	sh   *shape         // what kvs's keys decide; nil when not cached
	idx  [numKeys]int32 // index+1 into kvs, 0 when absent
	used uint64         // bit i: attribute i (of the first 64) was consumed
	more []bool         // used marks of the others; nil for most spans
}

// isUsed reports whether attribute i was consumed by a field.
func (a *attrs) isUsed(i int) bool {
	if i < 64 {
		return a.used&(1<<i) != 0
	}
	return a.more[i-64]
}

// use marks attribute i as consumed.
func (a *attrs) use(i int) {
	if i < 64 {
		a.used |= 1 << i
		return
	}
	a.more[i-64] = true
}

// init indexes kvs, whose keys have shape sh (nil: unknown). It keeps no
// pointer into a itself, so an attrs can live on the stack.
func (a *attrs) init(kvs []attribute.KeyValue, sh *shape) {
	a.kvs, a.sh = kvs, sh
	if sh != nil {
		a.idx = sh.idx
		return
	}
	if len(kvs) > 64 {
		a.more = make([]bool, len(kvs)-64)
	}
	for i := range kvs {
		if k := knownKey(string(kvs[i].Key)); k != kNone {
			a.idx[k] = int32(i + 1)
		}
	}
}

// nameOf is nameOf(v), remembered in the shape.
func (a *attrs) nameOf(v string) string {
	if a.sh != nil {
		return a.sh.nameOf(v)
	}
	return nameOf(v)
}

// hasAny reports whether any of keys is present, without consuming it.
func (a *attrs) hasAny(keys []key) bool {
	for _, k := range keys {
		if a.idx[k] != 0 {
			return true
		}
	}
	return false
}

// has reports whether k is present, without consuming it.
func (a *attrs) has(k key) bool { return a.idx[k] != 0 }

// value returns the attribute for k, nil when absent, and marks it
// consumed. The value must not be modified.
func (a *attrs) value(k key) *attribute.Value {
	i := a.idx[k]
	if i == 0 {
		return nil
	}
	a.use(int(i - 1))
	return &a.kvs[i-1].Value
}

// peek returns a string attribute without consuming it.
func (a *attrs) peek(k key) string {
	i := a.idx[k]
	if i == 0 {
		return ""
	}
	v := &a.kvs[i-1].Value
	if v.Type() != attribute.STRING {
		return ""
	}
	return v.AsString()
}

// str returns the first of keys present as a non-empty string (numbers and
// bools in their text form) and consumes it.
func (a *attrs) str(keys ...key) string {
	for _, k := range keys {
		v := a.value(k)
		if v == nil {
			continue
		}
		var s string
		switch v.Type() {
		case attribute.STRING:
			s = v.AsString()
		case attribute.INT64, attribute.FLOAT64, attribute.BOOL:
			s = v.String()
		}
		if s != "" {
			return s
		}
	}
	return ""
}

// int returns the first of keys present as an integer (or a string holding
// one) and consumes it; ok is false when none is.
func (a *attrs) int(keys ...key) (int64, bool) {
	for _, k := range keys {
		v := a.value(k)
		if v == nil {
			continue
		}
		switch v.Type() {
		case attribute.INT64:
			return v.AsInt64(), true
		case attribute.FLOAT64:
			f := v.AsFloat64()
			if f >= -1<<62 && f <= 1<<62 {
				return int64(f), true
			}
		case attribute.STRING:
			if n, err := strconv.ParseInt(v.AsString(), 10, 64); err == nil {
				return n, true
			}
		}
	}
	return 0, false
}
