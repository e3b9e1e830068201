package engine

import "errors"

// Functions that share a goroutine's body each own the channels they make
// and hand to it: each answers for its own goroutines, and is named for
// them.

type feed struct{ name string }

func openFeed(name string) (*feed, error) {
	if name == "" {
		return nil, errors.New("no name")
	}
	return &feed{name}, nil
}

func (f *feed) pump() {}

func pumpOnStart(f *feed, start chan struct{}) {
	<-start
	f.pump()
}

// StartFeeds opens every feed, then starts them together.
func StartFeeds(names []string) error {
	start := make(chan struct{})
	for _, n := range names {
		f, err := openFeed(n)
		if err != nil {
			return err
		}
		go pumpOnStart(f, start) // want `goroutine blocks forever receiving from start \(line 21\) when StartFeeds returns at line 31`
	}
	close(start)
	return nil
}

// RestartFeeds does the same for feeds opened again.
func RestartFeeds(names []string) error {
	start := make(chan struct{})
	for _, n := range names {
		f, err := openFeed("re-" + n)
		if err != nil {
			return err
		}
		go pumpOnStart(f, start) // want `goroutine blocks forever receiving from start \(line 21\) when RestartFeeds returns at line 45`
	}
	close(start)
	return nil
}

// Twin: an owner that releases its goroutines on every path.

// StartAll starts every feed it can open.
func StartAll(names []string) {
	start := make(chan struct{})
	defer close(start)
	for _, n := range names {
		f, err := openFeed(n)
		if err != nil {
			return
		}
		go pumpOnStart(f, start)
	}
}
