package waitgroup

import "sync"

type socket struct {
	in, out chan string
	done    chan struct{}
}

func (s *socket) readPump(wg *sync.WaitGroup) {
	defer wg.Done()
	for range s.in {
	}
}

// writePump counts a pinger of its own before it starts it: the pinger's
// Done is matched by that Add, and writePump's own Done by its caller's.
func (s *socket) writePump(wg *sync.WaitGroup) {
	defer wg.Done()
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-s.done
	}()
	for range s.out {
	}
}

// Two goroutines for Add(2), each calling Done once for itself (k6's
// websockets).
func (s *socket) serve() {
	wg := new(sync.WaitGroup)
	wg.Add(2)
	go s.readPump(wg)
	go s.writePump(wg)
	wg.Wait()
}

// Its bug twin's second pump calls Done only for its pinger.
func (s *socket) writePumpNoDone(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-s.done
	}()
	for range s.out {
	}
}

func (s *socket) serveBroken() {
	wg := new(sync.WaitGroup)
	wg.Add(2) // want `wg.Add\(2\) counts 2 goroutines, but 1 goroutine calling wg.Done is started after it: wg.Wait \(line \d+\) waits forever`
	go s.readPump(wg)
	go s.writePumpNoDone(wg)
	wg.Wait()
}

// A goroutine that starts workers without counting them itself: the Add
// before it counts them all, so its Done and theirs make Add(1+n) (go-libp2p's
// muxer test suite).
const streams = 10

func (s *socket) openAll() {
	var wg sync.WaitGroup
	wg.Add(1 + streams)
	go func() {
		defer wg.Done()
		for range streams {
			go func() {
				defer wg.Done()
				<-s.done
			}()
		}
	}()
	wg.Wait()
}

// startPinger starts a goroutine that calls Done when s is done; whoever
// calls it has counted that goroutine.
func (s *socket) startPinger(wg *sync.WaitGroup) {
	go func() {
		defer wg.Done()
		<-s.done
	}()
}

// writePumpHelper counts its pinger, which a helper starts, as writePump
// does: its own Done is still the one its caller's Add counts
// (telepresence's dialer and its WriteLoop).
func (s *socket) writePumpHelper(wg *sync.WaitGroup) {
	defer wg.Done()
	wg.Add(1)
	s.startPinger(wg)
	for range s.out {
	}
}

func (s *socket) serveHelper() {
	wg := new(sync.WaitGroup)
	wg.Add(2)
	go s.readPump(wg)
	go s.writePumpHelper(wg)
	wg.Wait()
}

// Its bug twin's pump counts and starts its pinger through the helper but
// never calls Done for itself.
func (s *socket) writePumpHelperNoDone(wg *sync.WaitGroup) {
	wg.Add(1)
	s.startPinger(wg)
	for range s.out {
	}
}

func (s *socket) serveHelperBroken() {
	wg := new(sync.WaitGroup)
	wg.Add(2) // want `wg.Add\(2\) counts 2 goroutines, but 1 goroutine calling wg.Done is started after it`
	go s.readPump(wg)
	go s.writePumpHelperNoDone(wg)
	wg.Wait()
}
