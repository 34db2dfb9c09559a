// Package scrubtest holds the corpus of strings with credentials that the
// scrubber's tests and the exporters' tests share: each with what
// scrub.Redact must make of it and the secrets planted in it. Test code
// only.
package scrubtest

// Case is one string of the corpus.
type Case struct {
	Name    string
	In      string   // the string as an instrumentation records it
	Want    string   // what scrub.Redact returns
	Secrets []string // the values that must not reach any exporter's output
}

// Corpus is every case, each secret unique to its case.
var Corpus = []Case{
	// user:password@ in URLs
	{"https userinfo", "https://alice:s3cr3t-a1@api.example.com/orders?id=1", "https://api.example.com/orders?id=1", []string{"s3cr3t-a1"}},
	{"http userinfo", "http://bob:s3cr3t-a2@shop.example.com/cart", "http://shop.example.com/cart", []string{"s3cr3t-a2"}},
	{"# in the password", "https://u:pa#ss-a3@h.example.com/x", "https://h.example.com/x", []string{"pa#ss-a3", "ss-a3"}},
	{"/ in the password", "redis://:p/w-a4@cache:6379/0", "redis://cache:6379/0", []string{"p/w-a4", "w-a4"}},
	{"? in the password", "https://u:p?w-a5@h.example.com/", "https://h.example.com/", []string{"p?w-a5", "w-a5"}},
	{"@ in the password", "https://u:p@w-a6@h.example.com/x", "https://h.example.com/x", []string{"p@w-a6", "w-a6"}},
	{"redis", "redis://default:s3cr3t-a7@cache:6379", "redis://cache:6379", []string{"s3cr3t-a7"}},
	{"mongodb", "mongodb://admin:s3cr3t-a8@mongo1,mongo2/?replicaSet=rs0", "mongodb://mongo1,mongo2/?replicaSet=rs0", []string{"s3cr3t-a8"}},
	{"mongodb+srv", "mongodb+srv://app:s3cr3t-a9@cluster0.example.net/shop", "mongodb+srv://cluster0.example.net/shop", []string{"s3cr3t-a9"}},
	{"amqp", "amqp://guest:s3cr3t-b1@rabbit:5672/vhost", "amqp://rabbit:5672/vhost", []string{"s3cr3t-b1"}},
	{"postgres", "postgres://app:s3cr3t-b2@db.internal:5432/shop?sslmode=require", "postgres://db.internal:5432/shop?sslmode=require", []string{"s3cr3t-b2"}},
	{"mysql URL", "mysql://root:s3cr3t-b3@db:3306/shop", "mysql://db:3306/shop", []string{"s3cr3t-b3"}},
	{"jdbc", "jdbc:postgresql://app:s3cr3t-b4@db:5432/shop", "jdbc:postgresql://db:5432/shop", []string{"s3cr3t-b4"}},
	{"in free text", "dial postgres://u:s3cr3t-b5@pg:5432/orders: refused", "dial postgres://pg:5432/orders: refused", []string{"s3cr3t-b5"}},
	{"MySQL DSN", "app:s3cr3t-b6@tcp(db:3306)/shop?parseTime=true", "tcp(db:3306)/shop?parseTime=true", []string{"s3cr3t-b6"}},
	{"Oracle JDBC", "jdbc:oracle:thin:scott/s3cr3t-b8@db.internal:1521/ORCL", "jdbc:oracle:thin:@db.internal:1521/ORCL", []string{"s3cr3t-b8"}},
	{"nested URL", "https://h.example.com/r?next=https://u:s3cr3t-b7@evil.example.com/", "https://h.example.com/r?next=https://evil.example.com/", []string{"s3cr3t-b7"}},

	// connection strings
	{"SQL Server", "Server=db;Database=shop;User Id=app;Password=s3cr3t-c1;Encrypt=true", "Server=db;Database=shop;User Id=app;Password=REDACTED;Encrypt=true", []string{"s3cr3t-c1"}},
	{"PWD with spaces", "server=db; PWD = s3cr3t-c2", "server=db; PWD = REDACTED", []string{"s3cr3t-c2"}},
	{"double-quoted", `Server=db;Password="a;s3cr3t-c3";Database=shop`, "Server=db;Password=REDACTED;Database=shop", []string{"s3cr3t-c3"}},
	{"single-quoted", "Server=db;Password='a;s3cr3t-c4';Database=shop", "Server=db;Password=REDACTED;Database=shop", []string{"s3cr3t-c4"}},
	{"ODBC braces", "Driver={ODBC Driver 18};Server=db;PWD={a;s3cr3t-c5}};x};UID=app", "Driver={ODBC Driver 18};Server=db;PWD=REDACTED;UID=app", []string{"s3cr3t-c5", "x}"}},
	{"doubled quote", `Password="a""s3cr3t-c6";Server=db`, "Password=REDACTED;Server=db", []string{"s3cr3t-c6"}},
	{"libpq", "host=db port=5432 password=s3cr3t-c7 dbname=shop", "host=db port=5432 password=REDACTED dbname=shop", []string{"s3cr3t-c7"}},
	{"passwd", "passwd=s3cr3t-c8", "passwd=REDACTED", []string{"s3cr3t-c8"}},
	{"Azure storage", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=s3cr3t-c9==;EndpointSuffix=core.windows.net",
		"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=REDACTED;EndpointSuffix=core.windows.net", []string{"s3cr3t-c9"}},
	{"Service Bus", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=s3cr3t-d1=",
		"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=REDACTED", []string{"s3cr3t-d1"}},
	{"& in a password", "Server=db;Password=s3cr3t&d2=x;Database=shop", "Server=db;Password=REDACTED;Database=shop", []string{"s3cr3t&d2"}},

	// query-string secrets
	{"token", "https://api.example.com/x?token=s3cr3t-e1&a=1", "https://api.example.com/x?token=REDACTED&a=1", []string{"s3cr3t-e1"}},
	{"access_token", "https://api.example.com/x?a=1&access_token=s3cr3t-e2", "https://api.example.com/x?a=1&access_token=REDACTED", []string{"s3cr3t-e2"}},
	{"id and refresh tokens", "https://idp.example.com/cb?id_token=s3cr3t-e3&refresh_token=s3cr3t-e4", "https://idp.example.com/cb?id_token=REDACTED&refresh_token=REDACTED", []string{"s3cr3t-e3", "s3cr3t-e4"}},
	{"api_key", "https://api.example.com/v1?api_key=s3cr3t-e5", "https://api.example.com/v1?api_key=REDACTED", []string{"s3cr3t-e5"}},
	{"apikey any case", "https://api.example.com/v1?ApiKey=s3cr3t-e6", "https://api.example.com/v1?ApiKey=REDACTED", []string{"s3cr3t-e6"}},
	{"Google key", "https://maps.googleapis.com/maps/api/geocode/json?address=x&key=s3cr3t-e7", "https://maps.googleapis.com/maps/api/geocode/json?address=x&key=REDACTED", []string{"s3cr3t-e7"}},
	{"sig and signature", "https://h.example.com/x?sig=s3cr3t-e8&signature=s3cr3t-e9", "https://h.example.com/x?sig=REDACTED&signature=REDACTED", []string{"s3cr3t-e8", "s3cr3t-e9"}},
	{"secret and client_secret", "https://idp.example.com/token?client_id=app&client_secret=s3cr3t-f1&secret=s3cr3t-f2", "https://idp.example.com/token?client_id=app&client_secret=REDACTED&secret=REDACTED", []string{"s3cr3t-f1", "s3cr3t-f2"}},
	{"password in a query", "https://api.example.com/login?user=bob&password=s3cr3t-f3&pwd=s3cr3t-f4", "https://api.example.com/login?user=bob&password=REDACTED&pwd=REDACTED", []string{"s3cr3t-f3", "s3cr3t-f4"}},
	{"SigV4 presigned", "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAS3CR3TG1%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=900&X-Amz-Security-Token=s3cr3t-g2&X-Amz-SignedHeaders=host&X-Amz-Signature=s3cr3t-g3",
		"https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=REDACTED&X-Amz-Date=20240101T000000Z&X-Amz-Expires=900&X-Amz-Security-Token=REDACTED&X-Amz-SignedHeaders=host&X-Amz-Signature=REDACTED", []string{"AKIAS3CR3TG1", "s3cr3t-g2", "s3cr3t-g3"}},
	{"SigV2 presigned", "https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKIAS3CR3TG4&Expires=1700000000&Signature=s3cr3t-g5%3D",
		"https://b.s3.amazonaws.com/k?AWSAccessKeyId=REDACTED&Expires=1700000000&Signature=REDACTED", []string{"AKIAS3CR3TG4", "s3cr3t-g5"}},
	{"Azure SAS", "https://acct.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig=s3cr3t-g6%3D",
		"https://acct.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig=REDACTED", []string{"s3cr3t-g6"}},
	{"GCS V4", "https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40p.iam.gserviceaccount.com%2Fs3cr3t-g7&X-Goog-Signature=s3cr3t-g8",
		"https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=REDACTED&X-Goog-Signature=REDACTED", []string{"s3cr3t-g7", "s3cr3t-g8"}},
	{"GCS V2", "https://storage.googleapis.com/b/o?GoogleAccessId=sa-s3cr3t-g9@p.iam.gserviceaccount.com&Expires=1&Signature=s3cr3t-h1",
		"https://storage.googleapis.com/b/o?GoogleAccessId=REDACTED&Expires=1&Signature=REDACTED", []string{"sa-s3cr3t-g9", "s3cr3t-h1"}},
	{"OAuth fragment", "https://app.example.com/cb#access_token=s3cr3t-h2&token_type=bearer&expires_in=3600", "https://app.example.com/cb#access_token=REDACTED&token_type=bearer&expires_in=3600", []string{"s3cr3t-h2"}},
	{"fragment after a query", "https://app.example.com/cb?state=x#id_token=s3cr3t-h3", "https://app.example.com/cb?state=x#id_token=REDACTED", []string{"s3cr3t-h3"}},
	{"userinfo and token", "https://u:s3cr3t-h4@api.example.com/x?auth_token=s3cr3t-h5", "https://api.example.com/x?auth_token=REDACTED", []string{"s3cr3t-h4", "s3cr3t-h5"}},
	{"bare query", "token=s3cr3t-h6&page=2", "token=REDACTED", []string{"s3cr3t-h6"}},
	{"session id", "https://shop.example.com/cart;jsessionid=s3cr3t-h7?x=1", "https://shop.example.com/cart;jsessionid=REDACTED", []string{"s3cr3t-h7"}},
}

// Kept lists strings the scrubber must leave exactly as they are.
var Kept = []string{
	"plain text",
	"https://api.example.com/orders?id=1&page=2#top",
	"https://h.example.com:8443/p?email=a@b.example.com",
	"https://registry.npmjs.org/@types/node",
	"https://registry.npmjs.org:443/@types/node",
	"postgres://app@db/x",
	"postgres://app:@db/x",
	"postgres://REDACTED:REDACTED@db/x",
	"postgres://app:****@db/x",
	"UPDATE users SET password=? WHERE id=?",
	"UPDATE users SET pwd = $1 WHERE id = $2",
	"UPDATE users SET password = :password WHERE id = @id",
	"password=;user=app",
	"Server=db;Password=REDACTED",
	"db:5432/x",
	"SELECT * FROM t WHERE a = 'x@y'",
	"https://api.example.com/x?monkey=1&keyword=go&tokens_used=3",
	"İİİ PASSWORD",
	"jdbc:oracle:thin:@db.internal:1521/ORCL",
	"jdbc:oracle:thin:@//db.internal:1521/ORCL",
}
