package dogstatsd

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Buffer holds the metrics of one unit of work (a Lambda invocation),
// packed into datagrams as they are added, until Flush. It is safe for
// concurrent use.
type Buffer struct {
	c       *Client
	mu      sync.Mutex
	data    []byte
	ends    []int // where each full datagram ends in data
	counts  []int // metrics in each datagram, the last one open
	cur     int   // where the open datagram starts
	flushed bool
	// Room for a typical invocation's metrics without allocating again.
	first  [512]byte
	count0 [1]int
}

// Buffer returns an empty buffer that flushes to c.
func (c *Client) Buffer() *Buffer {
	b := &Buffer{c: c}
	b.data, b.counts = b.first[:0], b.count0[:]
	return b
}

// ErrFlushed is what Add returns once the buffer has been flushed.
var ErrFlushed = errors.New("dogstatsd: the metric came after its buffer was flushed")

// Add encodes m (see [Sanitize]), with the client's tags, into the buffer.
// A metric that is invalid, too large for a datagram, beyond the buffer's
// bound, or late is dropped, counted in Stats, and its error returned.
func (b *Buffer) Add(m Metric) error {
	m, err := sanitize(m, b.c.tag)
	if err != nil {
		b.c.stats.invalid.Add(1)
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.flushed {
		b.c.stats.late.Add(1)
		return ErrFlushed
	}
	start := len(b.data)
	sep := start > b.cur
	if sep {
		b.data = append(b.data, '\n')
	}
	b.data = appendSanitized(b.data, m, b.c.extra)
	line := len(b.data) - start
	if sep {
		line--
	}
	switch {
	case line > b.c.max:
		b.data = b.data[:start]
		b.c.stats.tooLarge.Add(1)
		return fmt.Errorf("dogstatsd: the metric %q is %d bytes encoded, more than a datagram holds (%d)", m.Name, line, b.c.max)
	case len(b.data) > b.c.buffered:
		b.data = b.data[:start]
		b.c.stats.full.Add(1)
		return fmt.Errorf("dogstatsd: the buffer holds %d bytes already; the metric %q is dropped", b.c.buffered, m.Name)
	}
	if len(b.data)-b.cur > b.c.max {
		// It does not fit the open datagram: it opens the next one.
		copy(b.data[start:], b.data[start+1:])
		b.data = b.data[:len(b.data)-1]
		b.ends = append(b.ends, start)
		b.counts = append(b.counts, 0)
		b.cur = start
	}
	b.counts[len(b.counts)-1]++
	return nil
}

// Len returns the number of metrics in the buffer.
func (b *Buffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, c := range b.counts {
		n += c
	}
	return n
}

// Flush writes the buffer's datagrams within the client's write timeout
// (or ctx's deadline, if sooner) and empties it; metrics added later are
// dropped as late. Refusals (nothing listens) are counted, not returned;
// other write errors are counted and returned.
func (b *Buffer) Flush(ctx context.Context) error {
	b.mu.Lock()
	data, ends, counts := b.data, b.ends, b.counts
	b.data, b.ends, b.counts, b.cur, b.flushed = nil, nil, []int{0}, 0, true
	b.mu.Unlock()
	if len(data) == 0 {
		return nil
	}
	b.c.deadline(ctx)
	var errs []error
	from := 0
	// Datagram i runs from the end of the one before to ends[i]; the last
	// one to the end of data.
	for i, end := range append(ends, len(data)) {
		if err := b.c.write(data[from:end], counts[i]); err != nil {
			errs = append(errs, err)
		}
		from = end
	}
	return errors.Join(errs...)
}
