package shapes

import "io"

// --- A loop that ends when flags say both results came: its condition
// cannot end it before the receives that set them.

func copyStream(w io.WriteCloser, r io.Reader, done chan<- error) {
	_, err := io.Copy(w, r)
	if err != nil {
		done <- err
	}
	done <- w.Close()
}

func drainStream(r io.Reader, done chan<- error) {
	_, err := io.Copy(io.Discard, r)
	done <- err
}

// Correct on the normal way out: the loop ends only once it has received
// from both; the error returns leave at most the buffer's one value.
func pipeBoth(w io.WriteCloser, src, r io.Reader) error {
	writeCh := make(chan error, 2)
	readCh := make(chan error, 1)
	go copyStream(w, src, writeCh)
	go drainStream(r, readCh)
	writeDone, readDone := false, false
	for !(readDone && writeDone) {
		select {
		case err := <-readCh:
			if err != nil {
				return err
			}
			readDone = true
		case err := <-writeCh:
			if err != nil {
				return err
			}
			writeDone = true
		}
	}
	return nil
}

// The bug: with a buffer of one, the copier's second send blocks when the
// reader's error returns before anything was received from writeCh.
func pipeShort(w io.WriteCloser, src, r io.Reader) error {
	writeCh := make(chan error, 1)
	readCh := make(chan error, 1)
	go copyStream(w, src, writeCh) // want `goroutine blocks forever on its second send on writeCh in copyStream \(line \d+\): pipeShort receives none before it returns at line \d+`
	go drainStream(r, readCh)
	writeDone, readDone := false, false
	for !(readDone && writeDone) {
		select {
		case err := <-readCh:
			if err != nil {
				return err
			}
			readDone = true
		case err := <-writeCh:
			if err != nil {
				return err
			}
			writeDone = true
		}
	}
	return nil
}
