package scrub

// Redacted replaces the value of a secret setting (token=REDACTED), and is
// what an exporter sends for an attribute [CredentialKey] names.
const Redacted = "REDACTED"

// Placeholder replaces a whole value that still held a credential after
// scrubbing, in a form the scrubber does not know how to cut out.
const Placeholder = "[removed: held a password]"

// Redact returns s without its credentials (see the package doc for what
// that covers). It returns s itself, without allocating, when there is
// nothing to remove, and [Placeholder] in the unlikely case that a second
// pass would still find one.
func Redact(s string) string {
	if cannotHoldSecret(s) {
		return s
	}
	out := scrub(s, true)
	if out != s && scrub(out, true) != out {
		return Placeholder
	}
	return out
}

// Value is [Redact] for the value of the attribute k: [Redacted] when k
// names a credential ([CredentialKey]) and v is not empty.
func Value(k, v string) string {
	if v != "" && CredentialKey(k) {
		return Redacted
	}
	return Redact(v)
}

// Contains reports whether s holds a credential that [Redact] would
// remove: a secret setting with a value that is not a placeholder, or a
// URL with user:password@. With dsn, a leading "user:password@" of a Go
// MySQL DSN counts too.
func Contains(s string, dsn bool) bool {
	return scrub(s, dsn) != s
}

// scrub removes user info with a password from URLs (and, with dsn, from
// the start of a MySQL DSN), then redacts the values of secret settings.
// It skips a pass when s lacks the bytes that pass starts from (fast.go).
func scrub(s string, dsn bool) string {
	if mayHoldUserinfo(s) {
		if dsn {
			s = stripDSN(s)
		}
		s = stripUserinfo(s)
	}
	if mayHoldSetting(s) {
		s = redactSettings(s)
	}
	return s
}
