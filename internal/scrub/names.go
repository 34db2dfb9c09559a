package scrub

import "strings"

// maxName bounds the setting names compared; longer names are compared by
// their last maxName bytes, so a long prefix does not hide a secret suffix.
const maxName = 128

// secretSuffixes are the endings that make a setting name secret.
var secretSuffixes = [...]string{
	"password", "passwd", "pwd", "secret", "token", "signature", "credential",
	"apikey", "api_key", "api-key", "accesskey", "access_key", "secretkey",
	"secret_key", "privatekey", "private_key", "accountkey", "sessionid",
}

// secretExact are names that are secret only as a whole.
var secretExact = [...]string{
	"pass", "sig", "key", "awsaccesskeyid", "googleaccessid",
	"sharedaccesskey", "sharedaccesssignature", "auth", "jsessionid", "phpsessid",
}

// secretName reports whether the setting name (any case) holds a secret
// value. whole is false when name is only the last maxName bytes of a
// longer name: then only the suffixes count.
func secretName(name string, whole bool) bool {
	var buf [maxName]byte
	if len(name) > maxName {
		name, whole = name[len(name)-maxName:], false
	}
	l := buf[:len(name)]
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		l[i] = c
	}
	s := string(l) // does not escape: the compiler keeps it on the stack
	if s == "" {
		return false
	}
	// Comparing the last byte first skips most comparisons: the names of
	// a query or connection string seldom end like a secret's.
	last := s[len(s)-1]
	for _, suf := range secretSuffixes {
		if suf[len(suf)-1] == last && strings.HasSuffix(s, suf) {
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

// keySuffixes make an attribute key (its last dot-separated part) name a
// credential. Narrower than secretSuffixes: an attribute "secret" or
// "signature" may well hold a name or a flag.
var keySuffixes = [...]string{
	"password", "passwd", "pwd", "token", "apikey", "api_key", "api-key",
	"access_key", "secret_key", "private_key", "client_secret",
}

// CredentialKey reports whether an attribute key names a value that is a
// credential as a whole, whatever its form: request and response headers
// (and gRPC metadata) such as Authorization, Cookie, Set-Cookie or
// X-Api-Key (every secret name counts there), and keys whose last
// dot-separated part ends in one of keySuffixes (db.password,
// aws.secret_access_key, session.token). An exporter sends such a value as
// [Redacted].
func CredentialKey(k string) bool {
	last := k
	if i := strings.LastIndexByte(k, '.'); i >= 0 {
		last = k[i+1:]
	}
	l := strings.ToLower(last)
	switch l {
	case "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token":
		return true
	}
	if strings.HasPrefix(k, "http.request.header.") || strings.HasPrefix(k, "http.response.header.") ||
		strings.HasPrefix(k, "rpc.grpc.request.metadata.") || strings.HasPrefix(k, "rpc.grpc.response.metadata.") {
		return secretName(last, true)
	}
	if l == "" {
		return false
	}
	c := l[len(l)-1] // as in secretName: the last byte first
	for _, suf := range keySuffixes {
		if suf[len(suf)-1] == c && strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}
