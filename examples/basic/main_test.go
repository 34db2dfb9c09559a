package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/otelxray/otelxray/xraylocal"
)

func TestLocal(t *testing.T) {
	xr, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		t.Fatal(err)
	}
	defer xr.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out bytes.Buffer
	err = local(ctx, xr, &out)
	t.Logf("output:\n%s", out.String())
	if err != nil {
		t.Fatal(err)
	}
	m := xr.ServiceMap()
	if e := m.Edge("Client", "basic"); e == nil || e.Stats.Requests != 2 || e.Stats.Errors != 1 {
		t.Errorf("Client -> basic = %+v, want 2 requests, 1 error (the 404)", e)
	}
	if m.NodeOfType("orders", "AWS::DynamoDB::Table") == nil {
		t.Errorf("no orders table node:\n%s", m)
	}
	if e := m.Edge("basic", "orders"); e == nil || e.Stats.Requests != 2 {
		t.Errorf("basic -> orders = %+v, want 2 requests", e)
	}
}
