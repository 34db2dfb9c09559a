package validate_test

import (
	"errors"
	"fmt"

	"github.com/otelxray/otelxray/segment/validate"
)

const header = `{"format":"json","version":1}` + "\n"

func ExampleDatagram() {
	datagram := header + `{"name":"checkout","id":"70DE5B6F19FF9A0A",` +
		`"trace_id":"1-5759e988-bd862e3fe1be46a994272793",` +
		`"start_time":1700000000.5,"end_time":1700000000.25}`

	err := validate.Datagram([]byte(datagram))
	fmt.Println(err)

	var verr *validate.Error
	if errors.As(err, &verr) {
		for _, p := range verr.Problems {
			fmt.Printf("%s at %s: %s\n", p.Rule, p.Field, p.Msg)
		}
	}
	// Output:
	// id: value is "70DE5B6F19FF9A0A"; an id is a string of 16 lower-case hex digits, e.g. "53995c3f42cd8ad8" [id] (and 1 more)
	// id at id: value is "70DE5B6F19FF9A0A"; an id is a string of 16 lower-case hex digits, e.g. "53995c3f42cd8ad8"
	// time at end_time: end_time 1700000000.25 is before start_time 1700000000.5
}

func ExampleDocument() {
	doc := `{"name":"checkout","id":"70de5b6f19ff9a0a","trace_id":"1-5759e988-bd862e3fe1be46a994272793",` +
		`"start_time":1700000000.5,"end_time":1700000000.75,"annotations":{"order-id":42}}`

	fmt.Println(validate.Document([]byte(doc)))
	// Output:
	// annotations.order-id: key "order-id" is not 1 to 500 characters of [A-Za-z0-9_]; X-Ray silently drops it [annotations]
}

func ExampleAuto() {
	doc := `{"name":"checkout","id":"70de5b6f19ff9a0a","trace_id":"1-5759e988-bd862e3fe1be46a994272793",` +
		`"start_time":1700000000.5,"end_time":1700000000.75}`

	fmt.Println(validate.Auto([]byte(doc)))          // a bare document
	fmt.Println(validate.Auto([]byte(header + doc))) // a datagram
	fmt.Println(validate.Auto([]byte(doc + "\n")))   // a document and a newline
	// Output:
	// <nil>
	// <nil>
	// document is followed by a newline at byte 143; send compact JSON with nothing after the closing brace [one-document]
}

func ExampleRules() {
	for _, r := range validate.Rules()[:3] {
		fmt.Printf("%s: %s\n", r.Rule, r.Meaning)
	}
	// Output:
	// header: a datagram starts with the line {"format":"json","version":1} and a newline
	// size: a datagram is at most 64,000 bytes, header included
	// one-document: a datagram carries exactly one JSON object after the header, and nothing after it
}

func ExampleProblem_String() {
	p := validate.Problem{Rule: validate.RuleID, Field: "subsegments[0].id", Msg: "value is 12; an id is a string of 16 lower-case hex digits"}
	fmt.Println(p)
	// Output:
	// subsegments[0].id: value is 12; an id is a string of 16 lower-case hex digits [id]
}
