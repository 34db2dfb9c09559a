package order

import (
	"testing"
	"time"
)

func TestAttributesRoundTrip(t *testing.T) {
	o := Order{ID: NewID(), Customer: "alice", Item: "teapot", Quantity: 2, Status: StatusReceived,
		Created: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)}
	got, err := FromItem(o.Attributes())
	if err != nil {
		t.Fatal(err)
	}
	if got != o {
		t.Errorf("FromItem(Attributes()) = %+v, want %+v", got, o)
	}
	if _, err := FromItem(nil); err == nil {
		t.Error("FromItem(nil) succeeded")
	}
}
