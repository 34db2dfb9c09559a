package xraylocal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestServiceMapGolden builds the shop map: services from segments (name and
// origin), a Lambda function from an orphan, AWS resources, a remote host, a
// database, and the statistics and layout, as JSON and as SVG.
func TestServiceMapGolden(t *testing.T) {
	s, _ := newTestServer(t)
	receiveAll(s, readLines(t, "shop.jsonl"))
	m := s.ServiceMap()
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "shop.servicemap.json", append(b, '\n'))
	golden(t, "shop.servicemap.txt", []byte(m.String()))
	var svg bytes.Buffer
	if err := m.WriteSVG(&svg); err != nil {
		t.Fatal(err)
	}
	golden(t, "shop.servicemap.svg", svg.Bytes())

	for _, c := range []struct{ name, typ string }{
		{"Client", TypeClient},
		{"web", "AWS::EC2::Instance"},
		{"orders", "AWS::ECS::Fargate"},
		{"orders", "AWS::DynamoDB::Table"},
		{"order-changes", "AWS::SQS::Queue"},
		{"receipts", "AWS::S3::Bucket"},
		{"order-events", "AWS::SNS::Topic"},
		{"notify", TypeLambda},
		{"orders-post", TypeLambda},
		{"orders-post", TypeLambdaFunction},
		{"payments.example.com", TypeRemote},
		{"pg@db.internal", TypeSQL},
	} {
		if m.NodeOfType(c.name, c.typ) == nil {
			t.Errorf("no node %s (%s)", c.name, c.typ)
		}
	}
	// The remote call from web to orders is drawn to the orders service,
	// which recorded a segment for it, not to an inferred host.
	if m.NodeOfType("orders.internal", TypeRemote) != nil {
		t.Error("a remote node was inferred for a call whose callee sent its segment")
	}
	table := m.NodeOfType("orders", "AWS::DynamoDB::Table")
	if st := table.Stats; st.Requests != 3 || st.Errors != 1 || st.Throttles != 1 || st.Faults != 0 || st.OK != 2 {
		t.Errorf("orders table stats %+v", st)
	}
	e := m.Edge("web", "orders")
	if e == nil || e.Stats.Requests != 1 || e.Stats.Faults != 1 || math.Abs(e.Stats.Latency.Avg-0.09) > 1e-6 {
		t.Errorf("edge web -> orders %+v: want the caller's view (90ms, fault)", e)
	}
}

// TestServiceMapTargets checks the node each kind of call reaches.
func TestServiceMapTargets(t *testing.T) {
	cases := []struct {
		name string
		sub  string // a subsegment of the segment "svc"
		want []string
	}{
		{"DynamoDB table", `"name":"DynamoDB","namespace":"aws","aws":{"table_name":"orders"}`, []string{"orders (AWS::DynamoDB::Table)"}},
		{"DynamoDB tables", `"name":"DynamoDB","namespace":"aws","aws":{"table_names":["a","b","a"]}`, []string{"a (AWS::DynamoDB::Table)", "b (AWS::DynamoDB::Table)"}},
		{"DynamoDB without table", `"name":"DynamoDB","namespace":"aws","aws":{"operation":"ListTables"}`, []string{"DynamoDB (AWS::DynamoDB)"}},
		{"table, service named otherwise", `"name":"Amazon DynamoDB","namespace":"aws","aws":{"table_name":"t"}`, []string{"t (AWS::DynamoDB::Table)"}},
		{"SQS queue", `"name":"SQS","namespace":"aws","aws":{"queue_url":"https://sqs.us-east-1.amazonaws.com/1/jobs"}`, []string{"jobs (AWS::SQS::Queue)"}},
		{"SQS without queue", `"name":"SQS","namespace":"aws"`, []string{"SQS (AWS::SQS)"}},
		{"SNS topic", `"name":"SNS","namespace":"aws","aws":{"topic_arn":"arn:aws:sns:us-east-1:1:alerts"}`, []string{"alerts (AWS::SNS::Topic)"}},
		{"S3 bucket", `"name":"S3","namespace":"aws","aws":{"bucket_name":"logs"}`, []string{"logs (AWS::S3::Bucket)"}},
		{"Lambda by ARN", `"name":"Lambda","namespace":"aws","aws":{"function_name":"arn:aws:lambda:us-east-1:1:function:resize:prod"}`, []string{"resize (AWS::Lambda)"}},
		{"Lambda by name", `"name":"Lambda","namespace":"aws","aws":{"function_name":"resize"}`, []string{"resize (AWS::Lambda)"}},
		{"other AWS service", `"name":"STS","namespace":"aws","aws":{"operation":"AssumeRole"}`, []string{"STS (AWS::STS)"}},
		{"remote by URL host", `"name":"GET /charge","namespace":"remote","http":{"request":{"url":"https://pay.example.com:8443/charge"}}`, []string{"pay.example.com (remote)"}},
		{"remote by name", `"name":"legacy-api","namespace":"remote"`, []string{"legacy-api (remote)"}},
		{"SQL", `"name":"shop@db","namespace":"remote","sql":{"url":"db:5432/shop"}`, []string{"shop@db (Database::SQL)"}},
		{"local work", `"name":"render"`, nil},
		{"call nested in a call is part of it", `"name":"api.example.com","namespace":"remote","subsegments":[{"name":"S3","id":"c000000000000001","start_time":1,"end_time":2,"namespace":"aws","aws":{"bucket_name":"x"}}]`, []string{"api.example.com (remote)"}},
		{"call nested in local work", `"name":"work","subsegments":[{"name":"S3","id":"c000000000000001","start_time":1,"end_time":2,"namespace":"aws","aws":{"bucket_name":"x"}}]`, []string{"x (AWS::S3::Bucket)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			s.Receive(dg(`{"trace_id":"` + tid + `","name":"svc","id":"a000000000000001","start_time":1,"end_time":3,"subsegments":[{"id":"b000000000000001","start_time":1,"end_time":2,` + c.sub + `}]}`))
			m := s.ServiceMap()
			var got []string
			for _, e := range m.Edges {
				if strings.HasPrefix(e.From, TypeService+"/svc") {
					n := nodeByID(m, e.To)
					got = append(got, n.Name+" ("+n.Type+")")
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("svc calls %q, want %q", got, c.want)
			}
		})
	}
}

func nodeByID(m *ServiceMap, id string) *Node {
	for i := range m.Nodes {
		if m.Nodes[i].ID == id {
			return &m.Nodes[i]
		}
	}
	return nil
}

// TestServiceMapStatistics checks counts and nearest-rank percentiles.
func TestServiceMapStatistics(t *testing.T) {
	s, _ := newTestServer(t)
	// 100 requests to "api", taking 1ms..100ms; every tenth a fault, every
	// 25th a throttled error; and one still in progress.
	for i := 1; i <= 100; i++ {
		flags := ""
		switch {
		case i%10 == 0:
			flags = `,"fault":true`
		case i%25 == 1:
			flags = `,"error":true,"throttle":true`
		}
		s.Receive(dg(fmt.Sprintf(`{"trace_id":"1-5759e988-%024x","name":"api","id":"a000000000000001","start_time":1000,"end_time":%g%s}`, i, 1000+float64(i)/1000, flags)))
	}
	s.Receive(dg(`{"trace_id":"1-5759e988-ffffffffffffffffffffffff","name":"api","id":"a000000000000001","start_time":1000,"in_progress":true}`))
	m := s.ServiceMap()
	st := m.NodeOfType("api", TypeService).Stats
	if st.Requests != 100 || st.Faults != 10 || st.Errors != 4 || st.Throttles != 4 || st.OK != 86 {
		t.Errorf("counts %+v", st)
	}
	l := st.Latency
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"min", l.Min, 0.001}, {"p50", l.P50, 0.050}, {"p90", l.P90, 0.090}, {"p95", l.P95, 0.095}, {"p99", l.P99, 0.099}, {"max", l.Max, 0.100}, {"avg", l.Avg, 0.0505}} {
		if math.Abs(c.got-c.want) > 1e-6 {
			t.Errorf("%s = %g, want %g", c.name, c.got, c.want)
		}
	}
	if e := m.Edge("Client", "api"); e == nil || e.Stats.Requests != 100 || !m.Node("api").Root {
		t.Errorf("client edge %+v", e)
	}
}

// TestServiceMapDeterministic lays out the same graph from documents in
// different orders and expects identical maps, and a layered layout:
// every forward edge goes right.
func TestServiceMapDeterministic(t *testing.T) {
	docs := readLines(t, "shop.jsonl")
	var want []byte
	for i := range 5 {
		s, _ := newTestServer(t)
		order := slices.Clone(docs)
		for j := range order { // a fixed shuffle per round
			k := (j*7 + i*3) % len(order)
			order[j], order[k] = order[k], order[j]
		}
		receiveAll(s, order)
		var b bytes.Buffer
		m := s.ServiceMap()
		if err := m.WriteSVG(&b); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			want = b.Bytes()
			for _, e := range m.Edges {
				from, to := nodeByID(m, e.From), nodeByID(m, e.To)
				if !e.Back && to.Layer <= from.Layer {
					t.Errorf("edge %s -> %s goes from layer %d to %d", from.Name, to.Name, from.Layer, to.Layer)
				}
			}
		} else if !bytes.Equal(b.Bytes(), want) {
			t.Fatalf("round %d: SVG differs", i)
		}
	}
}

// TestServiceMapCycle lays out services calling each other in a cycle.
func TestServiceMapCycle(t *testing.T) {
	s, _ := newTestServer(t)
	// a -> b -> c -> a, through segments whose parents are the callers.
	receiveAll(s, []string{
		`{"trace_id":"` + tid + `","name":"a","id":"a000000000000001","start_time":1,"end_time":9}`,
		`{"trace_id":"` + tid + `","name":"b","id":"b000000000000001","parent_id":"a000000000000001","start_time":2,"end_time":8}`,
		`{"trace_id":"` + tid + `","name":"c","id":"c000000000000001","parent_id":"b000000000000001","start_time":3,"end_time":7}`,
		`{"trace_id":"` + tid + `","name":"a","id":"a000000000000002","parent_id":"c000000000000001","start_time":4,"end_time":6}`,
		`{"trace_id":"` + tid + `","name":"a","id":"a000000000000003","parent_id":"a000000000000002","start_time":4,"end_time":5}`,
	})
	m := s.ServiceMap()
	backs := 0
	for _, e := range m.Edges {
		if e.Back {
			backs++
		}
	}
	if backs != 2 { // c -> a closes the cycle; a -> a calls itself
		t.Errorf("%d back edges, want 2:\n%s", backs, m)
	}
	var b bytes.Buffer
	if err := m.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
}

// TestServiceMapTrim keeps the busiest nodes of a huge map.
func TestServiceMapTrim(t *testing.T) {
	s, _ := newTestServer(t)
	var subs []string
	for i := range 400 {
		subs = append(subs, fmt.Sprintf(`{"name":"host%d","id":"%016x","start_time":1,"end_time":2,"namespace":"remote"}`, i, i+1))
	}
	s.Receive(dg(`{"trace_id":"` + tid + `","name":"svc","id":"a000000000000000","start_time":1,"end_time":2,"subsegments":[` + strings.Join(subs, ",") + `]}`))
	m := s.ServiceMap()
	if len(m.Nodes) != maxMapNodes || m.Omitted != 402-maxMapNodes || m.Node("Client") == nil || m.Node("svc") == nil {
		t.Errorf("%d nodes, %d omitted", len(m.Nodes), m.Omitted)
	}
	for _, e := range m.Edges {
		if nodeByID(m, e.From) == nil || nodeByID(m, e.To) == nil {
			t.Fatalf("edge %s -> %s to a node left out", e.From, e.To)
		}
	}
}

// TestSVGEscapes checks that names cannot break out of the SVG.
func TestSVGEscapes(t *testing.T) {
	s, _ := newTestServer(t)
	s.Receive(dg(`{"trace_id":"` + tid + `","name":"<script>alert(1)</script>\"'&\u0001","id":"a000000000000001","start_time":1,"end_time":2}`))
	var b bytes.Buffer
	if err := s.ServiceMap().WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "<script") || strings.Contains(out, "\x01") {
		t.Fatalf("unescaped name in SVG:\n%s", out)
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;") {
		t.Errorf("name not escaped as expected:\n%s", out)
	}
}
