// Package pubsub has subscriptions that count their goroutine on the
// caller's WaitGroup.
package pubsub

import (
	"errors"
	"sync"
)

type PubSub struct {
	mu   sync.Mutex
	subs []chan string
	max  int
}

// Subscribe checks the limit, then counts the goroutine that feeds out on
// wg: when it fails, it has counted nothing.
func (ps *PubSub) Subscribe(out chan<- string, done <-chan struct{}, wg *sync.WaitGroup) error {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if len(ps.subs) >= ps.max {
		return errors.New("too many subscribers")
	}
	ch := make(chan string, 16)
	ps.subs = append(ps.subs, ch)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			case s := <-ch:
				out <- s
			}
		}
	}()
	return nil
}

// SubscribeLate counts the goroutine first and may fail after.
func (ps *PubSub) SubscribeLate(out chan<- string, done <-chan struct{}, wg *sync.WaitGroup) error {
	ch := make(chan string, 16)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			case s := <-ch:
				out <- s
			}
		}
	}()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if len(ps.subs) >= ps.max {
		return errors.New("too many subscribers")
	}
	ps.subs = append(ps.subs, ch)
	return nil
}
