package ddlambda

import "strings"

// maxMappings bounds the entries read from DD_SERVICE_MAPPING.
const maxMappings = 256

// parseServiceMapping reads DD_SERVICE_MAPPING: comma-separated
// key:service pairs, such as "lambda_sqs:orders-queue,my-api-id:orders-api".
// Spaces around keys and values are ignored; an entry without a key, a
// service, or with more than one colon is skipped, as the extension skips
// it; the last entry for a key wins.
func parseServiceMapping(s string) map[string]string {
	var m map[string]string
	for entry := range strings.SplitSeq(s, ",") {
		k, v, ok := strings.Cut(entry, ":")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" || strings.Contains(v, ":") || len(k) > maxValue || len(v) > maxValue {
			continue
		}
		if m == nil {
			m = map[string]string{}
		}
		if _, seen := m[k]; !seen && len(m) >= maxMappings {
			continue
		}
		m[k] = bound(v)
	}
	return m
}
