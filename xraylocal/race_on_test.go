//go:build race

package xraylocal

// raceEnabled: the race detector slows the memory flood tenfold.
const raceEnabled = true
