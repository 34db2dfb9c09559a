package xraylocal

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func TestTermSafe(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain name", "plain name"},
		{"café ├─ … µs", "café ├─ … µs"},
		{"a\x1b]0;pwned\x07b", `a\x1b]0;pwned\x07b`},
		{"\x1b[2J", `\x1b[2J`},
		{"x\ntrace 1-forged", `x\x0atrace 1-forged`},
		{"cr\rbs\bdel\x7ftab\t", `cr\x0dbs\x08del\x7ftab\x09`},
		{"c1 \u009b31m", `c1 \u009b31m`},
		{"bidi \u202egnp.exe\u202c", `bidi \u202egnp.exe\u202c`},
		{"\u2066\u2067\u2068\u2069\u200e\u200f\u061c", `\u2066\u2067\u2068\u2069\u200e\u200f\u061c`},
		{"zw\u200bj\ufeff", `zw\u200bj\ufeff`},
		{"ls\u2028ps\u2029", `ls\u2028ps\u2029`},
		{"bad \xff\xfe utf8 \xc3", `bad \xff\xfe utf8 \xc3`},
		{"tag \U000e0041", `tag \U000e0041`},
		{`back\slash`, `back\slash`},
	} {
		if got := termSafe(c.in); got != c.want {
			t.Errorf("termSafe(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// hostileStrings are JSON string contents that decode to what a terminal
// acts on.
var hostileStrings = []string{
	`\u001b]0;owned\u0007`,       // set the title
	`\u001b[2J\u001b[H`,          // clear the screen
	`\u001b]52;c;ZXZpbA==\u0007`, // write the clipboard
	`x\ntrace 1-00000000-000000000000000000000000  forged  1ms  1 span`, // forge a line
	`\r\b\u007f\u009b31m\u0085`,                                         // CR, backspace, DEL, C1
	`\u202egnp.exe\u202c\u2066\u200f\u061c`,                             // bidi
	`\u2028\u200b\ufeff`,
}

// hostileDatagrams put the strings everywhere the tree and the problem
// lines show text: names, URLs, exception messages, ids, trace ids,
// tables, queries, parent ids, and fields that break rules.
func hostileDatagrams() [][]byte {
	var out [][]byte
	for i, h := range hostileStrings {
		tid := fmt.Sprintf("1-5759e988-%024x", i+1)
		out = append(out,
			dg(`{"trace_id":"`+tid+`","name":"`+h+`","id":"a00000000000000`+fmt.Sprint(i%10)+`","start_time":1,"end_time":2,`+
				`"http":{"request":{"method":"`+h+`","url":"http://h/`+h+`"},"response":{"status":500}},"fault":true,`+
				`"cause":{"exceptions":[{"id":"1","type":"`+h+`","message":"`+h+`"}]},"origin":"`+h+`",`+
				`"subsegments":[{"name":"`+h+`","id":"b000000000000001","start_time":1,"end_time":2,"namespace":"aws","aws":{"operation":"`+h+`","table_name":"`+h+`"}},`+
				`{"name":"db","id":"b000000000000002","start_time":1,"end_time":2,"namespace":"remote","sql":{"sanitized_query":"`+h+`"}}],`+
				`"annotations":{"`+h+`":"`+h+`"},"`+h+`":1}`),
			dg(`{"trace_id":"`+tid+`","type":"subsegment","parent_id":"`+h+`","name":"`+h+`","id":"`+h+`","start_time":1,"end_time":2}`),
			dg(`{"trace_id":"`+h+`","name":"x","id":"c000000000000001","start_time":1,"end_time":2}`),
			[]byte(`{"format":"`+h+`","version":1}`+"\n{}"),
			[]byte("{\"format\":\"json\",\"version\":1}\n{\"trace_id\":\"t\",\"name\":\"\x1b[31m\xff\",\"id\":\"\x07\"}"),
		)
	}
	return out
}

// checkTerminalBytes fails if out holds a byte or rune a terminal acts
// on, other than the newlines xraylocal writes.
func checkTerminalBytes(t *testing.T, what string, out []byte) {
	t.Helper()
	if len(out) == 0 {
		t.Fatalf("no %s output", what)
	}
	if !utf8.Valid(out) {
		t.Errorf("%s output is not valid UTF-8", what)
	}
	for i, r := range string(out) {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) {
			t.Errorf("%s output holds %U at byte %d: %q", what, r, i, out[max(i-40, 0):min(i+40, len(out))])
			return
		}
	}
}

// checkLines fails unless every line of trees starts as the tree's lines
// do (a trace header, "(updated) ", or a branch), and every line of
// problems with "! ".
func checkLines(t *testing.T, trees, problems []byte, traces uint64) {
	t.Helper()
	var heads uint64
	for _, l := range strings.Split(strings.TrimRight(string(trees), "\n"), "\n") {
		switch {
		case l == "":
		case strings.HasPrefix(l, "trace ") || strings.HasPrefix(l, "(updated) trace "):
			heads++
		case strings.ContainsAny(l[:min(len(l), 12)], "├└│ "):
		default:
			t.Errorf("tree line not written by xraylocal: %q", l)
		}
	}
	if heads != traces {
		t.Errorf("%d trace header lines for %d traces reported", heads, traces)
	}
	for _, l := range strings.Split(strings.TrimRight(string(problems), "\n"), "\n") {
		if !strings.HasPrefix(l, "! ") {
			t.Errorf("problem line not written by xraylocal: %q", l)
		}
	}
}

// TestTerminalOutputEscaped sends hostile documents through Receive and
// checks the tree and problem output.
func TestTerminalOutputEscaped(t *testing.T) {
	var trees, problems bytes.Buffer
	s, clk := newTestServer(t, WithTraceOutput(&trees), WithProblemOutput(&problems))
	for _, d := range hostileDatagrams() {
		s.Receive(d)
	}
	clk.advance(time.Minute)
	s.checkComplete(clk.now)
	st := s.Stats()
	if st.Completed == 0 || st.Problems == 0 {
		t.Fatalf("nothing reported: %+v", st)
	}
	checkTerminalBytes(t, "tree", trees.Bytes())
	checkTerminalBytes(t, "problem", problems.Bytes())
	checkLines(t, trees.Bytes(), problems.Bytes(), st.Completed)
	if !bytes.Contains(trees.Bytes(), []byte(`\x1b]52;c;ZXZpbA==\x07`)) {
		t.Errorf("the escapes are not visible in the tree:\n%s", trees.Bytes())
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutine.
type lockedBuffer struct {
	mu chan struct{}
	b  bytes.Buffer
}

func newLockedBuffer() *lockedBuffer { return &lockedBuffer{mu: make(chan struct{}, 1)} }

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu <- struct{}{}
	defer func() { <-l.mu }()
	return l.b.Write(p)
}

func (l *lockedBuffer) Bytes() []byte {
	l.mu <- struct{}{}
	defer func() { <-l.mu }()
	return bytes.Clone(l.b.Bytes())
}

// TestTerminalOutputEscapedUDP sends them through a real UDP socket.
func TestTerminalOutputEscapedUDP(t *testing.T) {
	trees, problems := newLockedBuffer(), newLockedBuffer()
	srv, err := Start(WithUDPAddr("127.0.0.1:0"), WithTraceOutput(trees), WithProblemOutput(problems),
		WithSettle(0), WithOrphanTimeout(0), WithReadBuffer(4<<20))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	conn, err := net.Dial("udp", srv.UDPAddr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	dgs := hostileDatagrams()
	for _, d := range dgs {
		if _, err := conn.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.WaitFor(ctx, func(st Stats) bool {
		return st.Datagrams == uint64(len(dgs)) && st.Completed >= uint64(len(hostileStrings))
	}); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	checkTerminalBytes(t, "tree", trees.Bytes())
	checkTerminalBytes(t, "problem", problems.Bytes())
	checkLines(t, trees.Bytes(), problems.Bytes(), srv.Stats().Completed)
}
