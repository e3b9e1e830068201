package count

import "runtime"

// A capacity that is a sum covers a loop over one of its terms when the
// other cannot be negative: a semaphore made with room for the workers
// plus one more token per chunk that may be split, filled with one token
// per worker before anything takes one (gnark-crypto's multi-exponent).

type msmConfig struct{ tasks int }

func spread(cfg msmConfig, chunks uint64) {
	if cfg.tasks >= runtime.NumCPU() {
		return
	}
	sem := make(chan struct{}, cfg.tasks+int(chunks))
	for range cfg.tasks {
		sem <- struct{}{}
	}
	defer close(sem)
	for range chunks {
		<-sem
		go func() { sem <- struct{}{} }()
	}
}

// Other names: lengths on both sides, the loop over the first.

func collectAll(jobs, retries []string) chan error {
	errs := make(chan error, len(jobs)+len(retries))
	for range jobs {
		errs <- nil
	}
	return errs
}

// Near miss: the other term is a plain int, which can be negative, and
// nothing takes from the channel before the loop fills it.

func fillShort(n, k int) chan int {
	slots := make(chan int, n+k)
	for i := range n {
		slots <- i // want `fillShort blocks forever sending on slots \(line \d+\): no other goroutine can have it yet \(made at line \d+\), and the loop can send more than its buffer holds`
	}
	return slots
}
