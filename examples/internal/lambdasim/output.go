package lambdasim

import (
	"bytes"
	"io"
	"sync"
)

// prefixer serializes the output of several processes onto one writer.
type prefixer struct {
	mu sync.Mutex
	w  io.Writer
}

// lines returns a writer that writes each complete line to p's writer,
// prefixed with prefix.
func (p *prefixer) lines(prefix string) io.Writer {
	return &lineWriter{p: p, prefix: prefix}
}

type lineWriter struct {
	p      *prefixer
	prefix string
	buf    []byte
}

func (l *lineWriter) Write(b []byte) (int, error) {
	l.buf = append(l.buf, b...)
	for {
		i := bytes.IndexByte(l.buf, '\n')
		if i < 0 {
			return len(b), nil
		}
		l.p.mu.Lock()
		_, err := io.WriteString(l.p.w, l.prefix+string(l.buf[:i+1]))
		l.p.mu.Unlock()
		l.buf = l.buf[i+1:]
		if err != nil {
			return len(b), err
		}
	}
}
