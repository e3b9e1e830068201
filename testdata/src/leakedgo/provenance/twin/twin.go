package twin

import (
	"io"
	"os"
	"strings"
	"sync"
)

// The twin's field may also hold the parent repo: closing it is the
// repo's own Close, which takes the lock open2 holds.
var repoLock2 sync.Mutex

type DiskRepo2 struct {
	closed   bool
	lockfile io.Closer
}

func open2(path string, parent *DiskRepo2) (*DiskRepo2, error) {
	repoLock2.Lock()
	defer repoLock2.Unlock()
	r := &DiskRepo2{lockfile: io.NopCloser(strings.NewReader(path))}
	if parent != nil {
		r.lockfile = parent
	}
	keep := false
	defer func() {
		if !keep {
			r.lockfile.Close()
		}
	}()
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	keep = true
	return r, nil
}

func (r *DiskRepo2) Close() error {
	repoLock2.Lock() // want `Close blocks forever locking repoLock2 \(line 40\): its callers hold it already`
	defer repoLock2.Unlock()
	r.closed = true
	return nil
}
