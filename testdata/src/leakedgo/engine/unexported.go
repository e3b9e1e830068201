package engine

import (
	"io"
	"sync"
	"sync/atomic"
)

// A channel kept in an unexported field of the package's own type stays
// the package's when the value goes to other code (a reader handed to an
// upload as an io.Reader): that code reaches the field only through the
// type's methods, which the analysis sees. Here nothing closes it, so the
// collector's range never ends.

type countingReader struct {
	r    io.Reader
	read chan int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.read <- int64(n)
	return n, err
}

type uploader struct{ upload func(io.Reader) error }

func (u *uploader) pushAll(bodies []io.Reader) int64 {
	var total atomic.Int64
	counts := make(chan int64, len(bodies))
	go func() { // want `goroutine never returns: its loop \(line \d+\) has no way out, so nothing can stop it`
		for n := range counts {
			total.Add(n)
		}
	}()
	var wg sync.WaitGroup
	for _, body := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u.upload(&countingReader{r: body, read: counts})
		}()
	}
	wg.Wait()
	return total.Load()
}

// The twins: one closes the channel once the uploads are done, and one
// keeps it in an exported field, which other code may close.

type tallyReader struct {
	r    io.Reader
	read chan int64
}

func (c *tallyReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.read <- int64(n)
	return n, err
}

func (u *uploader) pushAllClosed(bodies []io.Reader) {
	var total atomic.Int64
	counts := make(chan int64, len(bodies))
	go func() {
		for n := range counts {
			total.Add(n)
		}
	}()
	var wg sync.WaitGroup
	for _, body := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u.upload(&tallyReader{r: body, read: counts})
		}()
	}
	wg.Wait()
	close(counts)
}

type PublicReader struct {
	R    io.Reader
	Read chan int64
}

func (u *uploader) pushPublic(body io.Reader, report func(*PublicReader)) {
	counts := make(chan int64, 1)
	go func() {
		for range counts {
		}
	}()
	report(&PublicReader{R: body, Read: counts})
}
