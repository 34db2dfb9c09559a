package segment_test

import (
	"errors"
	"fmt"

	"github.com/otelxray/otelxray/segment"
)

func ExampleValidate() {
	datagram := segment.Header + `{"name":"checkout","id":"70DE5B6F19FF9A0A",` +
		`"trace_id":"1-5759e988-bd862e3fe1be46a994272793",` +
		`"start_time":1700000000.5,"end_time":1700000000.25}`

	err := segment.Validate([]byte(datagram))
	fmt.Println(err)

	var verr *segment.ValidationError
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
