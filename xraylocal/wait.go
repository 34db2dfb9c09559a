package xraylocal

import (
	"context"
	"errors"
	"fmt"
)

// Stats returns the counters.
func (s *Server) Stats() Stats {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return s.st.statsLocked()
}

// WaitFor waits until cond, called with the counters after every change,
// returns true, or until ctx is done or the server closed.
func (s *Server) WaitFor(ctx context.Context, cond func(Stats) bool) error {
	for {
		s.st.mu.Lock()
		st := s.st.statsLocked()
		ch := s.st.changed
		s.st.mu.Unlock()
		if cond(st) {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("xraylocal: %w while waiting; so far %d datagrams, %d documents accepted, %d discarded, %d rejected",
				ctx.Err(), st.Datagrams, st.Documents, st.Discarded, st.Rejected)
		case <-s.done:
			return errors.New("xraylocal: server closed while waiting")
		}
	}
}

// WaitDocuments waits until n documents in all have been accepted into
// traces, or until ctx is done.
func (s *Server) WaitDocuments(ctx context.Context, n int) error {
	return s.WaitFor(ctx, func(st Stats) bool { return st.Documents >= uint64(n) })
}
