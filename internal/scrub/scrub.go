package scrub

// Placeholder replaces a whole value that still held a credential after
// [Strip], in a form Strip does not know how to cut out.
const Placeholder = "[removed: held a password]"

// Redact returns s without its credentials: [Strip], then [Placeholder] in
// place of a value that still holds one.
func Redact(s string) string {
	out := Strip(s)
	if Contains(out, false) {
		return Placeholder
	}
	return out
}
