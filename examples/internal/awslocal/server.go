package awslocal

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Account and Region are what the stand-in answers for: queue URLs name
// Account, and Config and Env set Region.
const (
	Account = "123456789012"
	Region  = "eu-west-1"
)

// Server serves the stand-in DynamoDB and SQS on 127.0.0.1. Create one with
// Start; it is safe for concurrent use.
type Server struct {
	http     *http.Server
	ln       net.Listener
	done     chan struct{}
	tables   *tables
	queues   *queues
	topics   *topics
	rules    *rules
	machines *stateMachines
	async    *deliverer
}

// Option configures a Server.
type Option func(*Server)

// WithTable creates a DynamoDB table whose items are keyed by the string
// attribute hashKey.
func WithTable(name, hashKey string) Option {
	return func(s *Server) { s.tables.create(name, hashKey) }
}

// WithQueue creates an SQS queue; its URL is [Server.QueueURL].
func WithQueue(name string) Option {
	return func(s *Server) { s.queues.create(name) }
}

// Start serves the stand-in on a free port of 127.0.0.1. Close it when done.
func Start(opts ...Option) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("awslocal: %w", err)
	}
	s := &Server{ln: ln, done: make(chan struct{}), tables: newTables(), queues: newQueues(),
		topics: newTopics(), rules: &rules{}, machines: newStateMachines(), async: newDeliverer()}
	for _, o := range opts {
		o(s)
	}
	s.http = &http.Server{Handler: http.HandlerFunc(s.serve)}
	go func() {
		defer close(s.done)
		_ = s.http.Serve(ln)
	}()
	return s, nil
}

// URL is the endpoint to give the SDK clients, like "http://127.0.0.1:41234".
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// QueueURL returns the URL of the queue name, in the form SQS gives it.
func (s *Server) QueueURL(name string) string { return s.URL() + "/" + Account + "/" + name }

// Deliveries counts the asynchronous invocations made for SNS, EventBridge
// and Step Functions.
func (s *Server) Deliveries() Deliveries { return s.async.stats() }

// OnDeliveryError sets a function told of every failed asynchronous
// invocation; call it before any is made.
func (s *Server) OnDeliveryError(f func(error)) { s.async.onFail = f }

// Close stops the server; long polls in progress return at once, and the
// asynchronous invocations queued are not made.
func (s *Server) Close() error {
	s.queues.close()
	err := s.http.Close()
	<-s.done
	s.async.close()
	return err
}

// serve dispatches a request by its X-Amz-Target, as AWS does for JSON 1.0
// services.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-amzn-RequestId", requestID())
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, "SerializationException", err.Error())
		return
	}
	target := r.Header.Get("X-Amz-Target")
	traceHeader := r.Header.Get("X-Amzn-Trace-Id")
	if target == "" && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		s.serveQuery(w, r, body, traceHeader)
		return
	}
	var out any
	switch target {
	case "DynamoDB_20120810.PutItem":
		out, err = s.tables.putItem(body)
	case "DynamoDB_20120810.GetItem":
		out, err = s.tables.getItem(body)
	case "AmazonSQS.SendMessage":
		out, err = s.queues.sendMessage(body, r.Header.Get("X-Amzn-Trace-Id"))
	case "AmazonSQS.ReceiveMessage":
		out, err = s.queues.receiveMessage(r.Context(), body)
	case "AWSEvents.PutEvents":
		out, err = s.putEvents(r.Context(), body, traceHeader)
	case "AWSStepFunctions.StartExecution":
		out, err = s.startExecution(r.Context(), body, traceHeader)
	default:
		writeError(w, http.StatusBadRequest, "UnknownOperationException",
			fmt.Sprintf("awslocal serves DynamoDB PutItem and GetItem, SQS SendMessage and ReceiveMessage, "+
				"EventBridge PutEvents, Step Functions StartExecution and SNS Publish; not %q", target))
		return
	}
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		writeError(w, ae.status, ae.code, ae.msg)
	case err != nil:
		writeError(w, http.StatusBadRequest, "SerializationException", err.Error())
	default:
		writeJSON(w, http.StatusOK, out)
	}
}

// serveQuery serves the query protocol (SNS).
func (s *Server) serveQuery(w http.ResponseWriter, r *http.Request, body []byte, traceHeader string) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		writeXMLError(w, &apiError{status: http.StatusBadRequest, code: "MalformedQueryString", msg: err.Error()})
		return
	}
	if a := form.Get("Action"); a != "Publish" {
		writeXMLError(w, &apiError{status: http.StatusBadRequest, code: "InvalidAction", msg: fmt.Sprintf("awslocal serves SNS Publish; not %q", a)})
		return
	}
	out, err := s.publish(r.Context(), form, traceHeader)
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		writeXMLError(w, ae)
	case err != nil:
		writeXMLError(w, &apiError{status: http.StatusBadRequest, code: "InvalidParameter", msg: err.Error()})
	default:
		writeXML(w, out.(xmlResponse))
	}
}

// apiError is an error response of the service.
type apiError struct {
	status    int
	code, msg string
}

func (e *apiError) Error() string { return e.code + ": " + e.msg }

func notFound(code, format string, args ...any) error {
	return &apiError{status: http.StatusBadRequest, code: code, msg: fmt.Sprintf(format, args...)}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "InternalFailure", err.Error())
		return
	}
	write(w, status, b)
}

// write writes a JSON 1.0 response with the CRC32 of its body, which the
// DynamoDB client checks.
func write(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.Header().Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeError writes a JSON 1.0 error; the SDKs read the code from __type
// (and SQS's query-compatible clients from x-amzn-query-error).
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("x-amzn-query-error", code+";Sender")
	b, _ := json.Marshal(map[string]string{"__type": code, "message": msg})
	write(w, status, b)
}

// requestID returns a random id in the form of a UUID, as AWS request and
// message ids are.
func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return strings.Join([]string{h[:8], h[8:12], h[12:16], h[16:20], h[20:]}, "-")
}
