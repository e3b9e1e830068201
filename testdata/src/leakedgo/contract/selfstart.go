package contract

// A method that starts, as goroutines of its own, both the loop and the
// method whose close ends it: the start carries its own stop, and callers
// owe nothing.
type walker struct {
	found chan string
}

func newWalker() *walker { return &walker{found: make(chan string)} }

func (w *walker) scan(names []string) {
	for _, n := range names {
		w.found <- n
	}
	close(w.found)
}

func (w *walker) walk(names []string) chan string {
	out := make(chan string)
	go w.scan(names)
	go func() {
		for f := range w.found {
			out <- f
		}
		close(out)
	}()
	return out
}

func (w *walker) walkSorted(names []string) chan string {
	out := make(chan string)
	go w.scan(names)
	go func() {
		for f := range w.found {
			out <- f + "/"
		}
		close(out)
	}()
	return out
}

func Walk(names []string) chan string { return newWalker().walk(names) }

func WalkSorted(names []string) chan string { return newWalker().walkSorted(names) }
