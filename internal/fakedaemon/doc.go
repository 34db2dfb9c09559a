// Package fakedaemon is a stand-in for the X-Ray daemon in tests: a UDP
// listener on 127.0.0.1 that receives datagrams, splits each into header and
// document the way the daemon does, validates it with validate.Datagram, and
// decodes the document for assertions.
package fakedaemon
