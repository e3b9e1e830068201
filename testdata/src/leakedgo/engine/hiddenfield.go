package engine

import "errors"

// The exported fields of an unexported type that no value carries out of
// the package: only the package reaches them. A tailer's reader goroutine
// sends each line on Lines, and the one function that takes them gives up
// on a quit signal (moby's journald log watcher, 79039720).

type tailer struct {
	Lines chan string
	Err   chan error
}

func startTail(src []string) *tailer {
	t := &tailer{Lines: make(chan string), Err: make(chan error, 1)}
	go t.read(src) // want `goroutine blocks forever sending on t.Lines \(line \d+\) when firstLines, which got it from startTail at line \d+, returns at line \d+ through <-quit`
	return t
}

func (t *tailer) read(src []string) {
	for _, l := range src {
		if l == "" {
			t.Err <- errors.New("empty line")
			return
		}
		t.Lines <- l
	}
	close(t.Lines)
}

func firstLines(src []string, n int, quit <-chan struct{}) []string {
	t := startTail(src)
	var out []string
	for len(out) < n {
		select {
		case l, ok := <-t.Lines:
			if !ok {
				return out
			}
			out = append(out, l)
		case <-t.Err:
			return out
		case <-quit:
			return out
		}
	}
	return out
}

// The twin's type leaves the package through an exported function: its
// callers may take the rest of the lines.

type exportedTailer struct {
	Lines chan string
}

func StartExportedTail(src []string) *exportedTailer {
	t := &exportedTailer{Lines: make(chan string)}
	go t.read(src)
	return t
}

func (t *exportedTailer) read(src []string) {
	for _, l := range src {
		t.Lines <- l
	}
	close(t.Lines)
}
