package xraylocal

import (
	"fmt"
	"strings"

	"github.com/otelxray/otelxray/internal/origin"
)

// Node types of the service map besides segment origins.
const (
	// TypeClient is the node of the callers of root segments.
	TypeClient = "client"
	// TypeService is a segment's node when it has no origin.
	TypeService = "service"
	// TypeRemote is a downstream HTTP (or other) service, from a remote
	// subsegment.
	TypeRemote = "remote"
	// TypeSQL is a database, from a subsegment with an sql object.
	TypeSQL = "Database::SQL"
	// TypeLambda is a Lambda function as invoked (the Lambda service's view);
	// TypeLambdaFunction is the function's own code.
	TypeLambda         = origin.Lambda
	TypeLambdaFunction = origin.LambdaFunction
)

// ServiceMap is the service graph as the X-Ray console draws it: a node per
// service (segment name and origin), per AWS resource and per remote host
// called, the client node, and edges for the calls between them, with
// statistics and a left-to-right layout.
type ServiceMap struct {
	// Nodes are sorted: the client, then the services, then the inferred
	// nodes, each by name and type.
	Nodes []Node `json:"nodes"`
	// Edges are sorted by the positions of their nodes in Nodes.
	Edges []Edge `json:"edges"`
	// Traces is how many traces the map was built from.
	Traces int `json:"traces"`
	// Omitted counts nodes left out: a map keeps at most 300 nodes, the
	// client and the services first, then the busiest inferred nodes.
	Omitted int `json:"omitted,omitempty"`
	// Width and Height are the size of the layout, in pixels.
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// Node is one node of the service map.
type Node struct {
	// ID identifies the node: Type + "/" + Name.
	ID string `json:"id"`
	// Name is the segment's name for a service; the table, queue, topic,
	// bucket, function or host for an inferred node.
	Name string `json:"name"`
	// Type is TypeClient, TypeService, a segment's origin (for example
	// "AWS::EC2::Instance"), or the type of an inferred node:
	// "AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::SNS::Topic",
	// "AWS::S3::Bucket", TypeLambda, "AWS::<service>" for other AWS calls,
	// TypeRemote or TypeSQL.
	Type string `json:"type"`
	// TypeLabel is Type for people, for example "DynamoDB table".
	TypeLabel string `json:"type_label"`
	// Inferred is true for nodes drawn from subsegments (downstream calls,
	// or a Lambda function whose own segment was not received) rather than
	// from a segment of their own.
	Inferred bool `json:"inferred,omitempty"`
	// Root is true for nodes the client node calls.
	Root bool `json:"root,omitempty"`
	// Stats are the node's requests: its segments' for a service, the
	// calls to it for an inferred node.
	Stats Statistics `json:"stats"`
	// Layer (column, from 0 at the left) and Row place the node; X and Y
	// are its centre in pixels.
	Layer int     `json:"layer"`
	Row   int     `json:"row"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
}

// Edge is a call from one node to another.
type Edge struct {
	// From and To are the IDs of the caller's and the callee's nodes.
	From string `json:"from"`
	To   string `json:"to"`
	// Stats are the calls' statistics, as seen by the caller when the
	// caller recorded a subsegment for the call.
	Stats Statistics `json:"stats"`
	// Back is true for an edge drawn against the left-to-right flow, to
	// break a cycle (or a node calling itself).
	Back bool `json:"back,omitempty"`
}

// Statistics count requests by outcome, with latency percentiles.
type Statistics struct {
	// Requests counts finished requests (in-progress ones are left out).
	Requests int `json:"requests"`
	// OK counts requests with neither error nor fault; Errors those with
	// error (4xx, including Throttles, 429); Faults those with fault (5xx).
	OK        int `json:"ok"`
	Errors    int `json:"errors"`
	Throttles int `json:"throttles"`
	Faults    int `json:"faults"`
	// Latency is in seconds.
	Latency Latency `json:"latency"`
}

// Latency summarizes durations, in seconds (nearest-rank percentiles).
type Latency struct {
	Min float64 `json:"min"`
	Avg float64 `json:"avg"`
	P50 float64 `json:"p50"`
	P90 float64 `json:"p90"`
	P95 float64 `json:"p95"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

// Node returns the first node named name (of any type), or nil.
func (m *ServiceMap) Node(name string) *Node {
	for i := range m.Nodes {
		if m.Nodes[i].Name == name {
			return &m.Nodes[i]
		}
	}
	return nil
}

// NodeOfType returns the node with this name and type, or nil.
func (m *ServiceMap) NodeOfType(name, typ string) *Node {
	for i := range m.Nodes {
		if m.Nodes[i].Name == name && m.Nodes[i].Type == typ {
			return &m.Nodes[i]
		}
	}
	return nil
}

// Edge returns the edge between the first nodes named from and to, or nil.
func (m *ServiceMap) Edge(from, to string) *Edge {
	names := make(map[string]string, len(m.Nodes))
	for _, n := range m.Nodes {
		names[n.ID] = n.Name
	}
	for i := range m.Edges {
		if names[m.Edges[i].From] == from && names[m.Edges[i].To] == to {
			return &m.Edges[i]
		}
	}
	return nil
}

// String lists the map's edges, one per line, in the form
// "client -> web (service): 2 requests, 1 fault", followed by the nodes no
// edge reaches.
func (m *ServiceMap) String() string {
	byID := make(map[string]*Node, len(m.Nodes))
	for i := range m.Nodes {
		byID[m.Nodes[i].ID] = &m.Nodes[i]
	}
	reached := map[string]bool{}
	var b strings.Builder
	for _, e := range m.Edges {
		from, to := byID[e.From], byID[e.To]
		if from == nil || to == nil {
			continue
		}
		reached[from.ID], reached[to.ID] = true, true
		fmt.Fprintf(&b, "%s -> %s (%s): %s\n", from.Name, to.Name, to.TypeLabel, e.Stats.summary())
	}
	for _, n := range m.Nodes {
		if !reached[n.ID] {
			fmt.Fprintf(&b, "%s (%s): %s\n", n.Name, n.TypeLabel, n.Stats.summary())
		}
	}
	return b.String()
}

// summary renders the counts, e.g. "3 requests, 1 error, 1 throttle".
func (s Statistics) summary() string {
	out := plural(s.Requests, "request")
	for _, c := range []struct {
		n    int
		what string
	}{{s.Errors, "error"}, {s.Throttles, "throttle"}, {s.Faults, "fault"}} {
		if c.n > 0 {
			out += ", " + plural(c.n, c.what)
		}
	}
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// typeLabels are TypeLabels of well-known types.
var typeLabels = map[string]string{
	TypeClient:             "client",
	TypeService:            "service",
	TypeRemote:             "remote",
	TypeSQL:                "SQL database",
	"AWS::DynamoDB::Table": "DynamoDB table",
	"AWS::SQS::Queue":      "SQS queue",
	"AWS::SNS::Topic":      "SNS topic",
	"AWS::S3::Bucket":      "S3 bucket",
}

// typeLabel returns the label of a node type.
func typeLabel(typ string) string {
	if l, ok := typeLabels[typ]; ok {
		return l
	}
	if l, ok := origin.Label(typ); ok {
		return l
	}
	if rest, ok := strings.CutPrefix(typ, "AWS::"); ok && rest != "" {
		return strings.ReplaceAll(rest, "::", " ")
	}
	return typ
}
