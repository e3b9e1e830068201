package engine

// The collector closes initialDone at the end of its first pass and
// clears the flag that says it is still in it: on every way to a return,
// the flag was cleared, so the channel was closed (cilium's ctmap GC,
// initialScanComplete).

func startCollector(signals <-chan bool, collect func() bool) <-chan struct{} {
	var (
		initialPass = true
		initialDone = make(chan struct{})
	)
	go func() {
		for {
			collect()
			if initialPass {
				close(initialDone)
				initialPass = false
			}
			if _, ok := <-signals; !ok {
				return
			}
		}
	}()
	return initialDone
}

func waitFirstPass(signals <-chan bool, collect func() bool) {
	done := startCollector(signals, collect)
	<-done
}

// The same with the flag the goroutine's own.

func startCollector3(signals <-chan bool, collect func() bool) <-chan struct{} {
	initialDone := make(chan struct{})
	go func() {
		first := true
		for {
			collect()
			if first {
				close(initialDone)
				first = false
			}
			if _, ok := <-signals; !ok {
				return
			}
		}
	}()
	return initialDone
}

func waitFirstPass3(signals <-chan bool, collect func() bool) {
	<-startCollector3(signals, collect)
}

// Twin: the flag is cleared by a collection that fails too, without the
// close.

func startCollector2(signals <-chan bool, collect func() bool) <-chan struct{} {
	var (
		initialPass = true
		initialDone = make(chan struct{})
	)
	go func() {
		for {
			if !collect() {
				initialPass = false
			}
			if initialPass {
				close(initialDone)
				initialPass = false
			}
			if _, ok := <-signals; !ok {
				return
			}
		}
	}()
	return initialDone
}

func waitFirstPass2(signals <-chan bool, collect func() bool) {
	done := startCollector2(signals, collect)
	<-done // want `waitFirstPass2 blocks forever receiving from done`
}
