package engine

import "errors"

// The decoder sets decodeErr only as it gives up and returns; once the
// replay loop stops early, a decodeErr seen set says the decoder has
// returned, and nothing is left for it to send. The loop's own error
// drains the channel first (prometheus's Head.loadWAL).

type record struct{ kind, n int }

func replay(recs []record, apply func(int) error) error {
	decoded := make(chan int)
	var decodeErr error
	go func() {
		defer close(decoded)
		for _, r := range recs {
			if r.kind < 0 {
				decodeErr = errors.New("corrupt record")
				return
			}
			decoded <- r.n
		}
	}()
	var applyErr error
	for n := range decoded {
		if err := apply(n); err != nil {
			applyErr = err
			break
		}
	}
	if decodeErr != nil {
		return decodeErr
	}
	if applyErr != nil {
		for range decoded {
		}
		return applyErr
	}
	return nil
}

// Twin: the decoder records a skipped record and goes on sending.

func replaySkipping(recs []record, apply func(int) error) error {
	decoded := make(chan int)
	var skipErr error
	go func() { // want `goroutine blocks forever sending on decoded \(line 55\) when replaySkipping returns at line 66`
		defer close(decoded)
		for _, r := range recs {
			if r.kind < 0 {
				skipErr = errors.New("skipped a record")
				continue
			}
			decoded <- r.n
		}
	}()
	var applyErr error
	for n := range decoded {
		if err := apply(n); err != nil {
			applyErr = err
			break
		}
	}
	if skipErr != nil {
		return skipErr
	}
	if applyErr != nil {
		for range decoded {
		}
		return applyErr
	}
	return nil
}
