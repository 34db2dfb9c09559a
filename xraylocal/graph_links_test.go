package xraylocal

import (
	"fmt"
	"testing"
)

// A consumer whose invocation links to a producer's send is drawn under the
// queue (or topic, or bus) the producer sent to, as the console draws
// linked traces, whichever trace arrives first; without a known producer it
// stays under the client.
func TestServiceMapLinkedConsumer(t *testing.T) {
	const start = 1700000000.0
	producer := fmt.Sprintf(`{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","id":"a000000000000001","name":"orders-api",`+
		`"start_time":%v,"end_time":%v,"subsegments":[{"id":"a000000000000002","name":"SQS","namespace":"aws","start_time":%v,"end_time":%v,`+
		`"aws":{"operation":"SendMessage","queue_url":"https://sqs.eu-west-1.amazonaws.com/123456789012/order-changes"}},`+
		`{"id":"a000000000000003","name":"EventBridge","namespace":"aws","start_time":%v,"end_time":%v,"aws":{"operation":"PutEvents"}}]}`,
		start, start+0.2, start+0.05, start+0.1, start+0.1, start+0.15)
	consumer := func(trace, id, name, link string) string {
		return fmt.Sprintf(`{"trace_id":"%s","id":"%s","name":"%s","type":"subsegment","parent_id":"b00000000000000f",`+
			`"start_time":%v,"end_time":%v,"links":[{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","id":"%s"}]}`,
			trace, id, name, start+1, start+1.5, link)
	}
	for _, order := range []string{"producer first", "consumer first"} {
		t.Run(order, func(t *testing.T) {
			s, _ := newTestServer(t)
			docs := []string{
				consumer("1-5759e989-000000000000000000000001", "c000000000000001", "handle-change", "a000000000000002"),
				consumer("1-5759e989-000000000000000000000002", "c000000000000002", "on-event", "a000000000000003"),
				consumer("1-5759e989-000000000000000000000003", "c000000000000003", "unlinked", "ffffffffffffffff"),
			}
			if order == "producer first" {
				docs = append([]string{producer}, docs...)
			} else {
				docs = append(docs, producer)
			}
			receiveAll(s, docs)
			m := s.ServiceMap()
			for _, e := range []struct{ from, to string }{
				{"order-changes", "handle-change"}, {"EventBridge", "on-event"}, {"Client", "unlinked"}, {"Client", "orders-api"},
			} {
				edge := m.Edge(e.from, e.to)
				if edge == nil || edge.Stats.Requests != 1 {
					t.Errorf("edge %s -> %s: %+v\n%s", e.from, e.to, edge, m)
				}
			}
			if m.Edge("Client", "handle-change") != nil {
				t.Errorf("handle-change still under Client:\n%s", m)
			}
		})
	}
}
