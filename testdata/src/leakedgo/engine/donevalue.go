package engine

import "sync"

// Done handed on as a method value: whoever gets it may call it, as the
// index's reconfiguration does once it is done.

type reconfigurer interface {
	Reconfigure(cfg string, done func()) error
}

func reconfigureAll(ixs []reconfigurer, cfg string, ready func()) error {
	var wg sync.WaitGroup
	for _, ix := range ixs {
		wg.Add(1)
		if err := ix.Reconfigure(cfg, wg.Done); err != nil {
			return err
		}
	}
	go func() {
		wg.Wait()
		ready()
	}()
	return nil
}

// The same, handing on Wait instead: nothing calls Done.

func reconfigureWaiting(ixs []reconfigurer, cfg string, ready func()) error {
	var wg sync.WaitGroup
	for _, ix := range ixs {
		wg.Add(1)
		if err := ix.Reconfigure(cfg, wg.Wait); err != nil {
			return err
		}
	}
	go func() { // want `goroutine blocks forever in wg\.Wait \(line \d+\): nothing calls wg\.Done`
		wg.Wait()
		ready()
	}()
	return nil
}
