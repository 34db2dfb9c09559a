package scrub

import "strings"

// The fast path. Each of the three passes of scrub changes its input only
// when that input holds certain bytes, so a pass whose bytes are absent is
// skipped, and a string that has none of them is returned as it is,
// without a scan of its words:
//
//   - stripDSN cuts only at a '@' after a ':' in the same word: a MySQL
//     DSN's user:password@ needs both (dsnUserinfo returns 0 without a ':'
//     or without a '@' after it), and an Oracle JDBC URL starts with
//     "jdbc:oracle:" and needs a '@' (oracleUserinfo).
//   - stripUserinfo starts only at a "://" and cuts only up to a '@'
//     (userinfoEnd gives up when there is no '@').
//   - redactSettings looks only at the name before a '='.
//
// Redact has no other rule: names of credentials with no '=' (an
// Authorization header, a "password" attribute) are [CredentialKey]'s
// business, which looks at the attribute key, not at the value.

// mayHoldUserinfo reports whether s has both a '@' and a ':', without
// which neither stripDSN nor stripUserinfo changes it.
func mayHoldUserinfo(s string) bool {
	return strings.IndexByte(s, '@') >= 0 && strings.IndexByte(s, ':') >= 0
}

// mayHoldSetting reports whether s has a '=', without which
// redactSettings does not change it.
func mayHoldSetting(s string) bool {
	return strings.IndexByte(s, '=') >= 0
}

// cannotHoldSecret reports whether scrub leaves s as it is whatever its
// dsn argument, because s has none of the bytes its passes start from: no
// '=', and no '@' or no ':'.
func cannotHoldSecret(s string) bool {
	return !mayHoldSetting(s) && !mayHoldUserinfo(s)
}
