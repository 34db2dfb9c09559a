package segment

import (
	"strconv"
	"strings"
)

// relational lists the db.system values that X-Ray shows as SQL databases.
var relational = map[string]bool{
	"mysql": true, "postgresql": true, "mssql": true, "oracle": true, "db2": true,
	"sqlite": true, "mariadb": true, "hsqldb": true, "h2": true, "derby": true,
	"other_sql": true, "cockroachdb": true, "redshift": true, "firebird": true,
	"hanadb": true, "informix": true, "ingres": true, "interbase": true, "maxdb": true,
	"netezza": true, "pervasive": true, "pointbase": true, "sybase": true, "teradata": true,
	"vertica": true, "trino": true, "clickhouse": true, "spanner": true, "cloudscape": true,
	"microsoft.sql_server": true, "ibm.db2": true, "oracle.db": true, "aws.redshift": true,
}

// buildSQL maps the database conventions of relational systems to the sql
// object, or returns nil. Passwords never reach the document.
func buildSQL(a *attrs) *SQL {
	system := a.peek(kDBSystem)
	if !relational[system] {
		return nil
	}
	a.value(kDBSystem)
	s := SQL{DatabaseType: system}
	s.SanitizedQuery = a.str(kDBQueryText, kDBStatement)
	s.User = a.str(kDBUser)
	db := a.str(kDBName, kDBNamespace)
	if cs := a.str(kDBConnectionString); cs != "" {
		s.URL = stripPasswords(cs)
	} else if host := a.peek(kServerAddress); host != "" {
		s.URL = host
		if port, ok := a.int(kServerPort); ok && port > 0 {
			s.URL += ":" + strconv.FormatInt(port, 10)
		}
		if db != "" {
			s.URL += "/" + db
		}
		s.URL = stripPasswords(s.URL)
	}
	if valHasPassword(s.URL, true) {
		// A credential form stripPasswords does not know: leave no URL
		// rather than risk one.
		s.URL = ""
	}
	return &s
}

// stripPasswords removes user:password@ from URLs and password=, passwd= and
// pwd= settings (any case) from key=value connection strings, in one pass.
func stripPasswords(cs string) string {
	cs = stripUserinfo(cs)
	var b strings.Builder
	last := 0
	for i := 0; i < len(cs); i++ {
		k := passwordKeyAt(cs, i)
		if k == 0 {
			continue
		}
		end := strings.IndexAny(cs[i+k:], ";& ")
		if end < 0 {
			end = len(cs)
		} else {
			end = i + k + end + 1 // drop the separator too
		}
		b.WriteString(cs[last:i])
		last, i = end, end-1
	}
	if last == 0 {
		return cs
	}
	b.WriteString(cs[last:])
	return strings.TrimRight(b.String(), ";&? ")
}

// passwordKeyAt returns the length of a password setting's key ("pwd=")
// starting at s[i], compared without regard to ASCII case, or 0.
func passwordKeyAt(s string, i int) int {
	for _, k := range [...]string{"password=", "passwd=", "pwd="} {
		if len(s)-i >= len(k) && asciiEqualFold(s[i:i+len(k)], k) {
			return len(k)
		}
	}
	return 0
}

// asciiEqualFold compares s with the lower-case ASCII key k; unlike
// strings.ToLower it never changes byte offsets.
func asciiEqualFold(s, k string) bool {
	for j := 0; j < len(k); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != k[j] {
			return false
		}
	}
	return true
}
