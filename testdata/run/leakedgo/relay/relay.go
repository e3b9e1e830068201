// Package relay is the pipe closed by a defer: relay copies what arrives
// on a pipe into dst until its context is done, and its goroutine goes
// on writing dst after relay has returned.
package relay

import (
	"bytes"
	"context"
	"io"
)

func relay(ctx context.Context, dst *bytes.Buffer, pr *io.PipeReader) error {
	defer pr.Close()
	go func() {
		io.Copy(dst, pr)
	}()
	<-ctx.Done()
	return ctx.Err()
}
