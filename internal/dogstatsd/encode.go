package dogstatsd

import "strconv"

// Append appends m, sanitized (see [Sanitize]), as one DogStatsD line
// without its newline: name:value|type|#tags|T<unix>. The value is written
// in the shortest form that reads back exactly. On error dst is returned
// unchanged.
func Append(dst []byte, m Metric) ([]byte, error) {
	m, err := Sanitize(m)
	if err != nil {
		return dst, err
	}
	return appendSanitized(dst, m, ""), nil
}

// appendSanitized writes a sanitized m; extra, if not empty, is more
// sanitized tags, comma-separated, appended after m's.
func appendSanitized(dst []byte, m Metric, extra string) []byte {
	dst = append(dst, m.Name...)
	dst = append(dst, ':')
	dst = strconv.AppendFloat(dst, m.Value, 'f', -1, 64)
	dst = append(dst, '|')
	dst = append(dst, m.Type...)
	if len(m.Tags) > 0 || extra != "" {
		dst = append(dst, "|#"...)
		for i, t := range m.Tags {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, t...)
		}
		if extra != "" {
			if len(m.Tags) > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, extra...)
		}
	}
	if m.Timestamp > 0 {
		dst = append(dst, "|T"...)
		dst = strconv.AppendInt(dst, m.Timestamp, 10)
	}
	return dst
}
