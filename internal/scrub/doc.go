// Package scrub removes credentials and secrets from the strings an
// exporter sends. Every exporter of this module runs the strings it sends
// through [Redact]; the package knows no exporter.
//
// What it removes, and what it keeps:
//
//   - user:password@ in the authority of a URL (any scheme: https, postgres,
//     mysql, redis, mongodb, amqp, ...): the whole user info goes, the host
//     stays. The password ends at the last '@' before the host, so a '#', '/'
//     or '?' inside it ("https://u:pa#ss@h/", "redis://:p/w@h") goes too. User
//     info without a password ("postgres://app@db") is no secret and stays.
//   - user:password@ at the start of a Go MySQL DSN ("app:pw@tcp(db:3306)/x")
//     and user/password in an Oracle JDBC URL
//     ("jdbc:oracle:thin:scott/tiger@db:1521/svc"), at the start of a word.
//   - the value of every secret setting name=value, in URL queries and
//     fragments and in key=value connection strings: the value becomes
//     REDACTED and the name stays, so a reader still sees which parameters
//     were there ("?token=REDACTED&a=1", "Server=db;Password=REDACTED").
//     Quoted values ("a;b", 'a;b') and ODBC braces ({a;b}) are removed whole.
//     Placeholders (password=?, pwd=$1, :pwd, @pwd) are left alone.
//
// Secret names, compared without regard to case (see [secretName]):
//
//   - ending in password, passwd, secret, token, signature, credential,
//     apikey, api_key, api-key, accesskey, access_key, secretkey,
//     secret_key, privatekey, private_key, accountkey, sessionid: token,
//     access_token, id_token, refresh_token, X-Amz-Security-Token,
//     client_secret, X-Amz-Signature, X-Goog-Signature, X-Amz-Credential,
//     X-Goog-Credential, AccountKey (Azure storage), ...
//   - exactly pwd, pass, sig (Azure SAS), key (Google API keys),
//     awsaccesskeyid and signature (SigV2), googleaccessid (GCS V2),
//     sharedaccesskey and sharedaccesssignature (Azure Service Bus),
//     auth (Firebase), jsessionid, phpsessid.
//
// "key" is in the list although it is a common word: as a URL parameter it
// is almost always an API key, and a false positive costs one value, never
// the name. Names like "code" or "state" (OAuth) are not in it: they are
// short-lived and their false positives would be many.
//
// Not recognised: percent-encoded URLs nested in a parameter, secrets in
// JSON ("password":"x") and bearer tokens in free text. Exporters redact
// the attributes that hold those whole ([CredentialKey]).
//
// Redact runs in time linear in its input and cuts only at ASCII bytes, so
// valid UTF-8 stays valid. A string with no '=', and no '@' or no ':', is
// returned as it is after a byte scan or two: no rule can change it (see
// fast.go for why), and most of what exporters send (names, ARNs, IDs,
// URLs without a query) is such a string.
package scrub
