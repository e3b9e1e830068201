package outlives

import "context"

// An announcement delivers peers on a channel until it is closed: closing
// it is how its reader is told to stop.
type announcement interface {
	Peers() <-chan []string
	Close() error
}

// consume reads an announcement on a goroutine and closes it when ctx is
// done: the deferred Close ends the goroutine's range, as a connection's
// Close ends a Read.
func consume(ctx context.Context, a announcement, add func([]string)) error {
	defer a.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ps := range a.Peers() {
			add(ps)
		}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-done:
		return nil
	}
}

// A cursor is pulled, not pushed: a Next after Close reads a closed
// cursor.
type cursor interface {
	Next() ([]string, bool)
	Close() error
}

func pull(ctx context.Context, c cursor, add func([]string)) error {
	defer c.Close()
	done := make(chan struct{})
	go func() { // want `goroutine may still use c \(line \d+\) after pull returns and its defer c.Close\(\) closes it`
		defer close(done)
		for {
			ps, ok := c.Next()
			if !ok {
				return
			}
			add(ps)
		}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-done:
		return nil
	}
}

// An acknowledged announcement is told about each peer handled: the
// goroutine does more with it than read its events, and an Ack after the
// Close is a use of a closed announcement.
type ackedAnnouncement interface {
	announcement
	Ack(peer string) error
}

func consumeAcked(ctx context.Context, a ackedAnnouncement, add func([]string)) error {
	defer a.Close()
	done := make(chan struct{})
	go func() { // want `goroutine may still use a \(line \d+\) after consumeAcked returns and its defer a.Close\(\) closes it`
		defer close(done)
		for ps := range a.Peers() {
			add(ps)
			a.Ack(ps[0])
		}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-done:
		return nil
	}
}
