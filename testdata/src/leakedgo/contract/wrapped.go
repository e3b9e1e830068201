package contract

import (
	"io"

	"leakedgo/contract/decode"
)

// A value's method that returns a closer wrapping it hands the duty to
// stop it to that closer: closing the wrapper closes the decoder.

func extract(in io.Reader, out io.Writer) error {
	zr, err := decode.NewDecoder(in)
	if err != nil {
		return err
	}
	rc := zr.IOReadCloser()
	defer rc.Close()
	_, err = io.Copy(out, rc)
	return err
}

// The twin's reader has no Close: nothing stops the decoder.

func extractLeaky(in io.Reader, out io.Writer) error {
	zr, err := decode.NewDecoder(in) // want `decode.NewDecoder starts a goroutine that only zr.Close ends, but extractLeaky returns at line \d+ without calling it`
	if err != nil {
		return err
	}
	_, err = io.Copy(out, zr.Reader())
	return err
}
