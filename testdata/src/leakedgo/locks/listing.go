package locks

import "sync"

// A listing locked while its objects are in flight and kept by id in a
// sync.Map: the worker that finishes the listing finds it there and
// unlocks it, and a purge waits on the lock. A listing with objects is
// left locked on purpose, for them. The near miss keeps the listing
// nowhere, so nothing can unlock it.

type listing struct {
	mu      sync.Mutex
	objects []string
}

type lister struct {
	listings sync.Map // id -> *listing
	work     chan string
}

func newLister() *lister { return &lister{work: make(chan string, 64)} }

func (l *lister) list(id int, objects []string) {
	ls := &listing{objects: objects}
	ls.mu.Lock()
	l.listings.Store(id, ls)
	if len(objects) == 0 {
		ls.mu.Unlock()
		return
	}
	for _, o := range objects {
		l.work <- o
	}
}

// finish unlocks listing id once its objects are done.
func (l *lister) finish(id int) {
	if v, ok := l.listings.Load(id); ok {
		v.(*listing).mu.Unlock()
	}
}

// purge waits for listing id to finish, then forgets it.
func (l *lister) purge(id int) {
	if v, ok := l.listings.Load(id); ok {
		v.(*listing).mu.Lock()
		l.listings.Delete(id)
	}
}

type quietLister struct {
	last *listing
	work chan string
}

func newQuietLister() *quietLister { return &quietLister{work: make(chan string, 64)} }

func (l *quietLister) list(objects []string) {
	ls := &listing{objects: objects}
	ls.mu.Lock() // want `list returns at line \d+ with ls\.mu still locked`
	if len(objects) == 0 {
		ls.mu.Unlock()
		return
	}
	for _, o := range objects {
		l.work <- o
	}
}

func (l *quietLister) purge() {
	if l.last != nil {
		l.last.mu.Lock()
		l.last = nil
	}
}
