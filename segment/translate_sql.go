package segment

import (
	"strconv"
	"strings"

	"github.com/otelxray/otelxray/internal/scrub"
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
//
// url only ever holds scheme://host[:port]/database: the Collector's X-Ray
// receiver drops a whole document whose sql.url it cannot split into a
// URL and a database name. Every other locator goes to connection_string:
// SQL Server and Oracle strings, URLs without a database, and, when the
// span has no connection string, host:port/database from its parts.
func buildSQL(sc *Scratch, a *attrs) *SQL {
	system := a.peek(kDBSystem)
	if system == "" || !relational[system] {
		return nil
	}
	a.value(kDBSystem)
	s := SQL{DatabaseType: system}
	// A literal in a query is the instrumentation's to sanitize, but a
	// password in one (SET password='x') must not leave either.
	s.SanitizedQuery = scrub.Redact(a.str(kDBQueryText, kDBStatement))
	s.User = a.str(kDBUser)
	db := a.str(kDBName, kDBNamespace)
	loc := ""
	if cs := strings.TrimSpace(a.str(kDBConnectionString)); cs != "" {
		loc = scrub.Redact(cs)
	} else if host := hostOf(a.peek(kServerAddress)); host != "" {
		var port int64
		if _, p := splitPort(host); p == "" {
			port, _ = a.int(kServerPort)
		}
		loc = a.built(memoLocator, host, db, port, hostLocator)
	}
	if loc == scrub.Placeholder || scrub.Contains(loc, true) {
		// A credential form the scrubber does not know how to cut out:
		// leave no locator rather than risk one.
		loc = ""
	}
	if sqlURL(loc) {
		s.URL = loc
	} else {
		s.ConnectionString = loc
	}
	p := sc.newSQL()
	*p = s
	return p
}

// sqlURL reports whether loc is scheme://authority/database[?params] on
// one line: the form the Collector's X-Ray receiver can split.
func sqlURL(loc string) bool {
	i := strings.Index(loc, "://")
	if i <= 0 || strings.ContainsAny(loc, "\r\n") {
		return false
	}
	rest := loc[i+3:]
	slash := strings.IndexByte(rest, '/')
	if slash <= 0 {
		return false
	}
	db := rest[slash+1:]
	if q := strings.IndexByte(db, '?'); q >= 0 {
		db = db[:q]
	}
	return db != ""
}

// hostLocator is host[:port][/db], the locator of a span without a
// connection string; a port outside 1-65535, or a host that has one, adds
// no port.
func hostLocator(host, db string, port int64) string {
	loc := host
	if h, p := splitPort(host); p == "" && port > 0 && port <= 65535 {
		if strings.Contains(h, ":") && !strings.HasPrefix(h, "[") {
			h = "[" + h + "]" // a bare IPv6 address
		}
		loc = h + ":" + strconv.FormatInt(port, 10)
	}
	if db != "" {
		loc += "/" + db
	}
	return loc
}

// dbName is the name of a span that names a database: nameOf(db@host), or
// nameOf(db) without a host.
func dbName(host, db string, _ int64) string {
	if host == "" {
		return nameOf(db)
	}
	return nameOf(db + "@" + host)
}
