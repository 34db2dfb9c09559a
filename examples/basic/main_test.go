package main

import (
	"bytes"
	"context"
	"strings"
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

func TestCommandLine(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"-h"}, 0, "Usage: basic"},
		{[]string{"-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"-local=maybe"}, 2, `invalid boolean value "maybe" for -local`},
		{[]string{"extra"}, 2, `basic: unexpected argument "extra": basic takes flags only`},
		{[]string{"-addr", "nowhere"}, 1, "basic: listen tcp: address nowhere: missing port"},
	} {
		var stdout, stderr bytes.Buffer
		if code := command(context.Background(), c.args, &stdout, &stderr); code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, want %d and %q in:\n%s", c.args, code, c.code, c.want, stderr.String())
		}
	}
}
