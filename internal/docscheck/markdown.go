package docscheck

import (
	"regexp"
	"strings"
)

// document is what the checks need from one Markdown file.
type document struct {
	links   []link
	anchors map[string]bool // GitHub's anchors for the headings, and explicit HTML ids
	blocks  []codeBlock
}

// link is one link destination, as written, with its 1-based line.
type link struct {
	line int
	dest string
}

// codeBlock is one fenced code block.
type codeBlock struct {
	line      int    // the opening fence's line, 1-based
	lang      string // the info string's first word ("go", "sh", "")
	text      string // the lines between the fences, each ending in a newline
	directive string // what follows "snippet:" in an HTML comment on the line before the fence
	directed  bool   // whether there was such a comment
	noteLine  int    // that comment's line
}

var (
	fenceOpen   = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})\\s*([^`\\s]*)")
	atxHeading  = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	setextLine  = regexp.MustCompile(`^ {0,3}(?:=+|-+)[ \t]*$`)
	snippetNote = regexp.MustCompile(`^\s*<!--\s*snippet:(.*?)-->\s*$`)

	// inlineLink matches [text](dest "title") and ![alt](dest); the text may
	// hold one level of brackets and run over lines.
	inlineLink = regexp.MustCompile(`!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>\n]*>|[^\s)]*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)`)
	refLink    = regexp.MustCompile(`(?m)^ {0,3}\[[^\]]+\]:[ \t]*(<[^>\n]*>|\S+)`)
	htmlLink   = regexp.MustCompile(`(?i)<(?:a|img)\s[^>]*?\b(?:href|src)\s*=\s*"([^"]*)"`)
	htmlAnchor = regexp.MustCompile(`(?i)<[a-z][^>]*?\s(?:name|id)\s*=\s*"([^"]*)"`)
)

// parseMarkdown reads the links, headings and fenced code blocks of src.
// Links inside code blocks and code spans are not links.
func parseMarkdown(src string) document {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	doc := document{anchors: map[string]bool{}}
	slugs := newSlugger()
	masked := make([]string, len(lines)) // prose only: code blanked out, offsets kept
	var open *codeBlock
	var fence string
	for i, line := range lines {
		if open != nil {
			if closesFence(line, fence) {
				doc.blocks = append(doc.blocks, *open)
				open = nil
			} else {
				open.text += line + "\n"
			}
			continue
		}
		if m := fenceOpen.FindStringSubmatch(line); m != nil {
			fence = m[1]
			open = &codeBlock{line: i + 1, lang: m[2]}
			if j := previousNonBlank(lines, i); j >= 0 {
				if n := snippetNote.FindStringSubmatch(lines[j]); n != nil {
					open.directive, open.directed, open.noteLine = strings.TrimSpace(n[1]), true, j+1
				}
			}
			continue
		}
		masked[i] = maskCodeSpans(line)
		if m := atxHeading.FindStringSubmatch(line); m != nil {
			doc.anchors[slugs.slug(headingText(m[1]))] = true
		} else if setextLine.MatchString(line) && i > 0 && isSetextTitle(masked[i-1]) {
			doc.anchors[slugs.slug(headingText(lines[i-1]))] = true
		}
	}
	if open != nil { // an unclosed fence runs to the end of the file
		doc.blocks = append(doc.blocks, *open)
	}
	prose := strings.Join(masked, "\n")
	for _, re := range []*regexp.Regexp{inlineLink, refLink, htmlLink} {
		for _, m := range re.FindAllStringSubmatchIndex(prose, -1) {
			dest := strings.TrimSuffix(strings.TrimPrefix(prose[m[2]:m[3]], "<"), ">")
			doc.links = append(doc.links, link{line: 1 + strings.Count(prose[:m[0]], "\n"), dest: dest})
		}
	}
	for _, m := range htmlAnchor.FindAllStringSubmatch(prose, -1) {
		doc.anchors[m[1]] = true
	}
	return doc
}

// closesFence reports whether line closes a block opened with fence: the
// same character, at least as many, and nothing after them.
func closesFence(line, fence string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return false
	}
	t = strings.TrimRight(t, " \t")
	return len(t) >= len(fence) && strings.Trim(t, fence[:1]) == ""
}

func previousNonBlank(lines []string, i int) int {
	for j := i - 1; j >= 0; j-- {
		if strings.TrimSpace(lines[j]) != "" {
			return j
		}
	}
	return -1
}

// isSetextTitle reports whether a line under "===" or "---" is a heading's
// text rather than nothing (a thematic break) or a table or list line.
func isSetextTitle(line string) bool {
	t := strings.TrimSpace(line)
	return t != "" && !strings.HasPrefix(t, "|") && !strings.HasPrefix(t, "#") &&
		!strings.HasPrefix(t, "- ") && !strings.HasPrefix(t, "* ") && !setextLine.MatchString(line)
}

// maskCodeSpans replaces every code span of line (backticks included) with
// spaces, so that the link patterns do not see it and offsets stay put.
func maskCodeSpans(line string) string {
	b := []byte(line)
	for i := 0; i < len(b); {
		if b[i] != '`' {
			i++
			continue
		}
		n := run(b, i)
		end := -1
		for j := i + n; j < len(b); {
			if b[j] != '`' {
				j++
				continue
			}
			if m := run(b, j); m == n {
				end = j + m
				break
			} else {
				j += m
			}
		}
		if end < 0 { // an unmatched run is literal backticks
			i += n
			continue
		}
		for k := i; k < end; k++ {
			b[k] = ' '
		}
		i = end
	}
	return string(b)
}

// run is the length of the run of backticks starting at b[i].
func run(b []byte, i int) int {
	n := 0
	for i+n < len(b) && b[i+n] == '`' {
		n++
	}
	return n
}

var (
	headingLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	htmlTag     = regexp.MustCompile(`<[^>]+>`)
)

// headingText is a heading's text as GitHub renders it, before the slug:
// links by their text, no tags, no emphasis marks, no code-span backticks.
func headingText(s string) string {
	s = headingLink.ReplaceAllString(s, "$1")
	s = htmlTag.ReplaceAllString(s, "")
	return strings.NewReplacer("`", "", "**", "", "*", "").Replace(s)
}
