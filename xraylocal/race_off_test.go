//go:build !race

package xraylocal

const raceEnabled = false
