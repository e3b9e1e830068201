package engine

import "io"

// A uploadUploadProgress reader handed to other code as an io.Reader: that code
// reaches the channel in its unexported field only through Read, which
// sends on it. Nothing closes the channel, so the range never ends.
type uploadUploadProgress struct {
	r  io.Reader
	ch chan int
}

func (p *uploadUploadProgress) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.ch <- n
	return n, err
}

func countUpload(upload func(io.Reader) error, src io.Reader) error {
	ch := make(chan int, 16)
	total := 0
	go func() { // want `goroutine never returns`
		for n := range ch {
			total += n
		}
	}()
	return upload(&uploadUploadProgress{r: src, ch: ch})
}

// The twin's channel is in an exported field: the code it is handed to
// may close it.
type UploadProgress struct {
	R io.Reader
	C chan int
}

func (p *UploadProgress) Read(b []byte) (int, error) {
	n, err := p.R.Read(b)
	p.C <- n
	return n, err
}

func countUploadExported(upload func(io.Reader) error, src io.Reader) error {
	ch := make(chan int, 16)
	total := 0
	go func() {
		for n := range ch {
			total += n
		}
	}()
	return upload(&UploadProgress{R: src, C: ch})
}
