// Package loadgen is the examples' bounded load test: a generator that
// makes requests at a fixed rate for a fixed time and then stops, to
// loopback targets only; a UDP relay in front of xraylocal that counts the
// datagrams and spans the functions sent; and the report that sets what
// was sent against what xraylocal received, with tracing on and off side by
// side.
package loadgen
