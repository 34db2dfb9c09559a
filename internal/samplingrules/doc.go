// Package samplingrules is the one reading of X-Ray's sampling rules: the
// JSON of the daemon's sampling proxy (GetSamplingRules and
// SamplingTargets, field names as in AWS's API), the X-Ray SDKs' local
// rules file (version 1 and 2), the default rule, and X-Ray's wildcard
// matching. The sampler (sampler/xraysampler) and xraylocal, which serves
// the proxy, share it. Parsers return errors, never panic, and check every
// number against the range X-Ray allows.
package samplingrules
