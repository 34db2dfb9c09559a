package docscheck

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// markdownFiles lists the .md files under root, as slash paths relative to
// it, in the folders that are not skipped.
func markdownFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if skipped(root, p, d) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".md") {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// skipped reports whether the walk of root leaves out the folder p: hidden
// folders (.git, .ci, ...) and testdata, where files are data.
func skipped(root, p string, d fs.DirEntry) bool {
	return d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata")
}

var (
	hasScheme  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
	lineAnchor = regexp.MustCompile(`^L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?$`)
)

// linkChecker resolves the relative links of the Markdown files under root.
type linkChecker struct {
	root    string
	anchors map[string]map[string]bool // by slash path; read once per file
}

func newLinkChecker(root string) *linkChecker {
	return &linkChecker{root: root, anchors: map[string]map[string]bool{}}
}

// check returns one problem for each link of doc (the file rel) that does
// not resolve, "README.md:12: link docs/x.md: ..." with what to do.
func (c *linkChecker) check(rel string, doc document) []string {
	c.anchors[rel] = doc.anchors
	var problems []string
	for _, l := range doc.links {
		if err := c.resolve(rel, l.dest); err != nil {
			problems = append(problems, fmt.Sprintf("%s:%d: link %s: %v", rel, l.line, l.dest, err))
		}
	}
	return problems
}

// resolve checks one destination written in the file rel. Absolute URLs
// (http:, https:, mailto:, //host) are not checked: that needs a network.
func (c *linkChecker) resolve(rel, dest string) error {
	if dest == "" {
		return fmt.Errorf("empty destination")
	}
	if hasScheme.MatchString(dest) || strings.HasPrefix(dest, "//") {
		return nil
	}
	target, frag, _ := strings.Cut(dest, "#")
	target, _, _ = strings.Cut(target, "?")
	target, err := url.PathUnescape(target)
	if err != nil {
		return fmt.Errorf("bad escape in the path: %v", err)
	}
	switch {
	case target == "":
		target = rel
	case strings.HasPrefix(target, "/"): // GitHub reads these from the repository's root
		target = path.Clean(strings.TrimPrefix(target, "/"))
	default:
		target = path.Join(path.Dir(rel), target)
	}
	if target == ".." || strings.HasPrefix(target, "../") {
		if strings.Contains(dest, "shared/") {
			return fmt.Errorf("the shared docs are not in the repository: link a page under docs/ or drop the link")
		}
		return fmt.Errorf("points outside the repository (resolved to %s)", target)
	}
	info, err := os.Stat(filepath.Join(c.root, filepath.FromSlash(target)))
	if err != nil {
		return fmt.Errorf("no such file or folder %s: fix the path, or add the file", target)
	}
	if frag == "" {
		return nil
	}
	frag, err = url.PathUnescape(frag)
	if err != nil {
		return fmt.Errorf("bad escape in the anchor: %v", err)
	}
	switch {
	case info.IsDir():
		return fmt.Errorf("an anchor on a folder: link the file (%s/README.md#%s)", target, frag)
	case !strings.EqualFold(path.Ext(target), ".md"):
		if lineAnchor.MatchString(frag) {
			return nil
		}
		return fmt.Errorf("anchor #%s on %s, which is not Markdown: only #L<line> anchors are known", frag, target)
	}
	anchors, err := c.anchorsOf(target)
	if err != nil {
		return err
	}
	if !anchors[frag] {
		return fmt.Errorf("%s has no heading with the anchor #%s (anchors: %s)", target, frag, anchorList(anchors))
	}
	return nil
}

func (c *linkChecker) anchorsOf(target string) (map[string]bool, error) {
	if a, ok := c.anchors[target]; ok {
		return a, nil
	}
	src, err := os.ReadFile(filepath.Join(c.root, filepath.FromSlash(target)))
	if err != nil {
		return nil, err
	}
	c.anchors[target] = parseMarkdown(string(src)).anchors
	return c.anchors[target], nil
}

func anchorList(anchors map[string]bool) string {
	list := make([]string, 0, len(anchors))
	for a := range anchors {
		list = append(list, "#"+a)
	}
	sort.Strings(list)
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, " ")
}
