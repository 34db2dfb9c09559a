package attrcache

import (
	"strconv"
	"testing"

	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/internal/scrub"
)

func TestCredentialsAreBoundedAndRight(t *testing.T) {
	var c Credentials
	for i := range 2 * MaxKeys {
		k := "key" + strconv.Itoa(i)
		if c.Is(k) != scrub.CredentialKey(k) {
			t.Fatalf("Is(%q) differs from scrub.CredentialKey", k)
		}
	}
	if !c.Is("password") || c.Is("table") || len(c.m) > MaxKeys {
		t.Errorf("password %v, table %v, %d keys kept (at most %d)", c.Is("password"), c.Is("table"), len(c.m), MaxKeys)
	}
}

func TestListsReturnTheStrings(t *testing.T) {
	var c Lists
	for i := range 10 {
		v := attribute.StringSliceValue([]string{"a", strconv.Itoa(i % 5)})
		if got := c.Strings(v); len(got) != 2 || got[1] != strconv.Itoa(i%5) {
			t.Fatalf("Strings = %v", got)
		}
	}
	a := attribute.StringSliceValue([]string{"x"})
	first := c.Strings(a)
	if again := c.Strings(a); &again[0] != &first[0] {
		t.Error("the list read last was copied again")
	}
	if got := c.Strings(attribute.StringValue("s")); got != nil {
		t.Errorf("a string value gave %v", got)
	}
}
