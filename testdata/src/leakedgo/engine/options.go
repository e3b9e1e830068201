package engine

// An exported option the package only reads holds what its callers put
// there: a stop channel they close when they shut down.

type QueueOpt struct {
	GracefulStop <-chan struct{}
	Every        func()
}

func StartQueue(opt QueueOpt) {
	go func() {
		<-opt.GracefulStop
		opt.Every()
	}()
}

// The same option, overwritten by the package with a channel of its own
// that it never closes.

type PoolOpt struct {
	GracefulStop <-chan struct{}
	Every        func()
}

func StartPool(opt PoolOpt) {
	opt.GracefulStop = make(chan struct{})
	go func() { // want `goroutine blocks forever receiving from opt\.GracefulStop \(line \d+\): nothing sends on it or closes it`
		<-opt.GracefulStop
		opt.Every()
	}()
}
