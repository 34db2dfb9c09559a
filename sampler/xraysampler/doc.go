// Package xraysampler is AWS X-Ray's centralized sampling for
// OpenTelemetry: an sdktrace.Sampler that fetches the account's sampling
// rules through the X-Ray daemon's sampling proxy (or xraylocal's), reports
// how many requests each rule matched, sampled and borrowed, and samples by
// the reservoir quota and fixed rate X-Ray hands back, as the X-Ray SDKs do.
//
// Rules match on the service name (the resource's service.name), the
// service type (the origin cloud.platform maps to, like
// AWS::EC2::Instance), the resource ARN (cloud.resource_id), and the
// span's host, HTTP method and URL path, with X-Ray's wildcards: '*' for
// any run of characters and '?' for one, case-insensitively. The first rule
// by priority (then name) decides; the Default rule comes last.
//
// A rule samples the first requests of each second up to its reservoir
// quota, then its fixed rate. Before X-Ray's first target for a rule, and
// once the target's TTL has passed, it borrows one request a second and
// then uses its fixed rate. Until rules arrive, and after an hour without
// them, the local rules decide: 1 per second and 5%, or [WithRulesFile]'s.
//
// ShouldSample never waits on the network: one goroutine, started by [New]
// and ended by [Sampler.Shutdown], does the polling (rules every 5 minutes,
// statistics every 10 seconds). By default the sampler is parent-based, so
// a decision made upstream (the Sampled= of an X-Amzn-Trace-Id header read
// by the X-Ray propagator) is kept, and the decision made here travels on in
// the sampled flag.
//
// Each span it samples by its own decision carries the name of the rule
// that sampled it, as the attribute aws.xray.sampling_rule
// (metadata.SamplingRuleKey), which the exporter keeps in the segment's
// metadata and xraylocal shows; [WithoutRuleAttribute] leaves it out.
//
// In AWS Lambda this sampler is not needed: Lambda decides, and passes the
// decision in the function's trace header. Should it be used there anyway,
// it polls nothing and, parent-based, keeps Lambda's decision.
package xraysampler
