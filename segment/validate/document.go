package validate

// Rules of a (sub)segment document across its fields, listed in the
// document schema's checks.

// needsEnd: a finished document has end_time, an unfinished one
// in_progress:true.
func needsEnd(c *checker, p *path, m map[string]any, _ docKind) {
	if _, ok := m["end_time"]; !ok && m["in_progress"] != true {
		c.add(RuleRequired, &path{parent: p, key: "end_time"}, "missing; a finished document needs end_time, an unfinished one in_progress:true")
	}
}

// independent: a document sent on its own needs a trace_id, and a
// subsegment sent on its own a parent_id too.
func independent(c *checker, p *path, m map[string]any, d docKind) {
	if !d.top {
		return
	}
	_, hasTrace := m["trace_id"]
	_, hasParent := m["parent_id"]
	switch {
	case d.sub && !hasTrace:
		c.add(RuleIndependent, &path{parent: p, key: "trace_id"}, `missing; an independent subsegment (type "subsegment") needs trace_id and parent_id`)
	case !d.sub && !hasTrace:
		c.add(RuleIndependent, &path{parent: p, key: "trace_id"}, "missing; a segment needs trace_id, e.g. "+exampleTraceID)
	}
	if d.sub && !hasParent {
		c.add(RuleIndependent, &path{parent: p, key: "parent_id"}, `missing; an independent subsegment (type "subsegment") needs parent_id, the id of its parent (sub)segment`)
	}
}

// endAfterStart: end_time is not before start_time.
func endAfterStart(c *checker, p *path, m map[string]any, _ docKind) {
	start, startOK, _ := parseTime(m["start_time"])
	end, endOK, _ := parseTime(m["end_time"])
	if startOK && endOK && end < start {
		c.addf(RuleTime, &path{parent: p, key: "end_time"}, "end_time %s is before start_time %s",
			describe(m["end_time"]), describe(m["start_time"]))
	}
}

// throttleIsError: a throttled request (429) also sets error:true.
func throttleIsError(c *checker, p *path, m map[string]any, _ docKind) {
	if m["throttle"] == true && m["error"] != true {
		c.add(RuleFlags, &path{parent: p, key: "throttle"}, "throttle is true but error is not; a throttled request (429) also sets error:true")
	}
}
