package scrub

import (
	"strings"
	"testing"
)

// credentialKeySlow is CredentialKey as it was before it lowered the key
// once and compared last bytes first: the tests check they agree.
func credentialKeySlow(k string) bool {
	last := k
	if i := strings.LastIndexByte(k, '.'); i >= 0 {
		last = k[i+1:]
	}
	switch strings.ToLower(last) {
	case "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token":
		return true
	}
	if strings.HasPrefix(k, "http.request.header.") || strings.HasPrefix(k, "http.response.header.") ||
		strings.HasPrefix(k, "rpc.grpc.request.metadata.") || strings.HasPrefix(k, "rpc.grpc.response.metadata.") {
		return secretName(last, true)
	}
	l := strings.ToLower(last)
	for _, suf := range keySuffixes {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// secretNameSlow is secretName without the last-byte check.
func secretNameSlow(name string, whole bool) bool {
	if len(name) > maxName {
		name, whole = name[len(name)-maxName:], false
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	s := b.String()
	for _, suf := range secretSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	if whole {
		for _, e := range secretExact {
			if s == e {
				return true
			}
		}
	}
	return false
}

// nameInputs are attribute keys and setting names: every secret name and
// suffix, in several cases and with prefixes, and common keys.
func nameInputs() []string {
	in := []string{"", ".", "a", "db.system", "aws.table_name", "http.request.header.x-api-key",
		"http.response.header.set-cookie", "rpc.grpc.request.metadata.authorization",
		"http.request.header.accept", "aws.s3.key", "messaging.kafka.message.key", "API\u212Aey", "db.passwor\u0110"}
	var names []string
	names = append(names, secretSuffixes[:]...)
	names = append(names, secretExact[:]...)
	names = append(names, keySuffixes[:]...)
	names = append(names, "authorization", "Proxy-Authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token")
	for _, n := range names {
		in = append(in, n, strings.ToUpper(n), "x"+n, "x_"+n, n+"x", n[1:], "db."+n,
			"http.request.header."+n, "rpc.grpc.response.metadata."+strings.ToUpper(n))
	}
	return in
}

func checkNames(t *testing.T, k string) {
	t.Helper()
	if got, want := CredentialKey(k), credentialKeySlow(k); got != want {
		t.Fatalf("CredentialKey(%q) = %v, before %v", k, got, want)
	}
	for _, whole := range []bool{true, false} {
		if got, want := secretName(k, whole), secretNameSlow(k, whole); got != want {
			t.Fatalf("secretName(%q, %v) = %v, before %v", k, whole, got, want)
		}
	}
}

func TestNamesAgree(t *testing.T) {
	for _, k := range nameInputs() {
		checkNames(t, k)
	}
}

// FuzzCredentialKey checks that CredentialKey and secretName give what
// they gave before their last-byte checks, for any key.
func FuzzCredentialKey(f *testing.F) {
	for _, k := range nameInputs() {
		f.Add(k)
	}
	f.Fuzz(func(t *testing.T, k string) {
		checkNames(t, k)
	})
}
