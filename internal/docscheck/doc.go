// Package docscheck keeps the repository's Markdown true to the repository.
// Its tests, which run with the module's `go test ./...`, fail when a
// relative link in a tracked .md file points at a file or heading that does
// not exist, or leaves the repository, and when a Go snippet in a README
// does not compile against the current packages. The snippet convention is
// described at the top of snippets_test.go.
//
// The package holds a small Markdown scanner (links, headings with
// GitHub's anchors, fenced code blocks and the snippet directives before
// them) and the code that turns snippets into a temporary module. It is
// internal, and nothing but its tests uses it.
package docscheck
