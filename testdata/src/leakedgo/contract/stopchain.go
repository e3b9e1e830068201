package contract

import "leakedgo/contract/worker"

// Correct: Run's deferred cancel ends its handlers, whose ends release
// the watchers it started.
func runProgram() {
	worker.NewProgram().Run()
}

func detachProgram() {
	p := worker.NewProgram()
	p.Detach() // want `p\.Detach starts a goroutine that only p\.Kill ends, but detachProgram returns at line \d+ without calling it`
}
