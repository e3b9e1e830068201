package provenance

import (
	"errors"
	"io"
	"os"
	"strings"
	"sync"
)

// An interface value that only another package's functions made, given
// nothing that could carry the package's own type, is not one of the
// package's values: closing the file lock a repo holds does not call the
// repo's own Close, which takes the lock open holds (kubo's fsrepo).

var repoLock sync.Mutex

type Store interface {
	Close() error
	Path() string
}

type DiskRepo struct {
	path     string
	closed   bool
	lockfile io.Closer
}

func newDiskRepo(path string) (*DiskRepo, error) {
	if path == "" {
		return nil, errors.New("empty")
	}
	return &DiskRepo{path: path}, nil
}

func Open(path string) (Store, error) {
	return open(path)
}

func open(path string) (Store, error) {
	repoLock.Lock()
	defer repoLock.Unlock()
	r, err := newDiskRepo(path)
	if err != nil {
		return nil, err
	}
	if os.Getenv("WAIT") != "" {
		r.lockfile = io.NopCloser(strings.NewReader(r.path))
	} else {
		r.lockfile = io.NopCloser(strings.NewReader(r.path + "x"))
	}
	if err != nil {
		return nil, err
	}
	keep := false
	defer func() {
		if !keep {
			r.lockfile.Close()
		}
	}()
	if _, err := os.Stat(r.path); err != nil {
		return nil, err
	}
	keep = true
	return r, nil
}

func (r *DiskRepo) Path() string { return r.path }

func (r *DiskRepo) Close() error {
	repoLock.Lock()
	defer repoLock.Unlock()
	if r.closed {
		return errors.New("closed")
	}
	r.closed = true
	return r.lockfile.Close()
}
