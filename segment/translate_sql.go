package segment

import (
	"strconv"

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
		s.URL = scrub.Strip(cs)
	} else if host := a.peek(kServerAddress); host != "" {
		s.URL = host
		if port, ok := a.int(kServerPort); ok && port > 0 {
			s.URL += ":" + strconv.FormatInt(port, 10)
		}
		if db != "" {
			s.URL += "/" + db
		}
		s.URL = scrub.Strip(s.URL)
	}
	if scrub.Contains(s.URL, true) {
		// A credential form stripPasswords does not know: leave no URL
		// rather than risk one.
		s.URL = ""
	}
	return &s
}
