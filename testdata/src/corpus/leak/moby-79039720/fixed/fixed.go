// Fixed twin: the code of ../bug with the upstream fix applied.
//
// Upstream: moby/moby, commit 79039720c8b7352691350bd56be3cc226d67f205,
// "journald/read: avoid being blocked on send".
//
// Reading a container's logs starts a reader goroutine that walks the
// journal and sends every entry on the LogWatcher's Msg channel (buffered,
// but much smaller than a journal can be), while the API handler consumes
// Msg and, when the client goes away or a write fails, returns and signals
// ConsumerGone. Following waits selected on ConsumerGone, but the send in
// drainJournal did not: once the consumer is gone and the buffer is full,
// the reader goroutine blocks forever on logWatcher.Msg <- msg. The fix
// sends in a select that also watches WatchConsumerGone and stops draining.
package fixed

import (
	"context"
	"io"
	"sync"
	"time"
)

const logWatcherBufferSize = 4096

type message struct {
	Line      []byte
	Source    string
	Timestamp time.Time
}

// logWatcher connects a log reader (producer) to a consumer.
type logWatcher struct {
	Msg          chan *message
	Err          chan error
	consumerOnce sync.Once
	consumerGone chan struct{}
}

func newLogWatcher() *logWatcher {
	return &logWatcher{
		Msg:          make(chan *message, logWatcherBufferSize),
		Err:          make(chan error, 1),
		consumerGone: make(chan struct{}),
	}
}

// ConsumerGone tells the producer that nobody reads Msg any more.
func (w *logWatcher) ConsumerGone() {
	w.consumerOnce.Do(func() { close(w.consumerGone) })
}

func (w *logWatcher) WatchConsumerGone() <-chan struct{} { return w.consumerGone }

// journald keeps the entries of one container and wakes followers when new
// ones are appended.
type journald struct {
	mu      sync.Mutex
	entries []*message
	wake    chan struct{}
}

func newJournald() *journald { return &journald{wake: make(chan struct{})} }

// log appends an entry and wakes the followers.
func (s *journald) log(m *message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = append(s.entries, m)
	close(s.wake)
	s.wake = make(chan struct{})
}

func (s *journald) ReadLogs(follow bool) *logWatcher {
	w := newLogWatcher()
	go s.readLogs(w, follow)
	return w
}

func (s *journald) readLogs(w *logWatcher, follow bool) {
	defer close(w.Msg)
	cursor := 0
	for {
		var done bool
		cursor, done = s.drainJournal(w, cursor)
		if done || !follow {
			return
		}
		s.mu.Lock()
		wake := s.wake
		s.mu.Unlock()
		select {
		case <-wake:
		case <-w.WatchConsumerGone():
			return
		}
	}
}

// drainJournal sends every entry from cursor on, and returns the new cursor.
func (s *journald) drainJournal(w *logWatcher, cursor int) (int, bool) {
	var done bool
	for {
		s.mu.Lock()
		if cursor >= len(s.entries) {
			s.mu.Unlock()
			break
		}
		m := s.entries[cursor]
		s.mu.Unlock()
		cursor++
		// Send the log message, unless the consumer is gone.
		select {
		case <-w.WatchConsumerGone():
			done = true // nobody will read anything any more
			return cursor, done
		case w.Msg <- &message{
			Line:      append([]byte(nil), m.Line...),
			Source:    m.Source,
			Timestamp: m.Timestamp.UTC(),
		}:
		}
	}
	return cursor, done
}

// containerLogs is the API side: it copies messages to out until the client
// goes away.
func containerLogs(ctx context.Context, s *journald, out io.Writer, follow bool) error {
	logs := s.ReadLogs(follow)
	defer logs.ConsumerGone()
	for {
		select {
		case err := <-logs.Err:
			return err
		case msg, ok := <-logs.Msg:
			if !ok {
				return nil
			}
			if _, err := out.Write(msg.Line); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
