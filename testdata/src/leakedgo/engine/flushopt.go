package engine

import "time"

// StatsOptions.Flush is filled by callers (tests) with channels they
// made: the reply channel the collector receives from it is theirs, not
// nil, and the collector sends on it only once it has one (coder's
// workspaceapps StatsCollector).
type StatsOptions struct {
	Interval time.Duration
	Flush    <-chan chan<- struct{}
}

type StatsCollector struct {
	opts StatsOptions
	done chan struct{}
}

func NewStatsCollector(opts StatsOptions) *StatsCollector {
	sc := &StatsCollector{opts: opts, done: make(chan struct{})}
	go sc.start()
	go sc.answer()
	return sc
}

func (sc *StatsCollector) Close() { close(sc.done) }

func (sc *StatsCollector) start() {
	t := time.NewTicker(sc.opts.Interval)
	defer t.Stop()
	var flushDone chan<- struct{}
	for {
		select {
		case <-sc.done:
			return
		case <-t.C:
		case flushDone = <-sc.opts.Flush:
		}
		sc.flush()
		if flushDone != nil {
			flushDone <- struct{}{}
			flushDone = nil
		}
	}
}

func (sc *StatsCollector) flush() {}

// answer replies on every channel a caller sends it.
func (sc *StatsCollector) answer() {
	for reply := range sc.opts.Flush {
		sc.flush()
		reply <- struct{}{}
	}
}

// A channel only nil reaches blocks whoever sends on it unguarded; a send
// a nil test guards never runs.
type reporter struct {
	replies chan chan reportAck // nothing sends a reply channel on it, only nil
	done    chan struct{}
}

func newReporter() *reporter {
	r := &reporter{replies: make(chan chan reportAck), done: make(chan struct{})}
	go r.run()
	go r.runUnguarded() // want `blocks forever sending on reply`
	return r
}

type reportAck struct{}

func (r *reporter) stop() { close(r.done) }

// poke asks for a report and wants no reply.
func (r *reporter) poke() {
	select {
	case r.replies <- nil:
	case <-r.done:
	}
}

func (r *reporter) run() {
	var reply chan reportAck
	for {
		select {
		case <-r.done:
			return
		case reply = <-r.replies:
		}
		if reply != nil {
			reply <- reportAck{}
		}
	}
}

func (r *reporter) runUnguarded() {
	var reply chan reportAck
	for {
		select {
		case <-r.done:
			return
		case reply = <-r.replies:
		}
		reply <- reportAck{}
	}
}
