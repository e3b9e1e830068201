// Package decode is a decoder that decodes in a goroutine of its own,
// until Close stops it; IOReadCloser wraps it in a reader whose Close
// closes it too.
package decode

import "io"

type Decoder struct {
	in   io.Reader
	out  chan []byte
	quit chan struct{}
}

func NewDecoder(in io.Reader) (*Decoder, error) {
	d := &Decoder{in: in, out: make(chan []byte), quit: make(chan struct{})}
	go d.run()
	return d, nil
}

func (d *Decoder) run() {
	buf := make([]byte, 512)
	for {
		n, _ := d.in.Read(buf)
		select {
		case d.out <- buf[:n]:
		case <-d.quit:
			return
		}
	}
}

func (d *Decoder) Read(p []byte) (int, error) {
	return copy(p, <-d.out), nil
}

func (d *Decoder) Close() { close(d.quit) }

type closer struct{ d *Decoder }

func (c closer) Read(p []byte) (int, error) { return c.d.Read(p) }

func (c closer) Close() error {
	c.d.Close()
	return nil
}

func (d *Decoder) IOReadCloser() io.ReadCloser { return closer{d} }

func (d *Decoder) Reader() io.Reader { return d }
