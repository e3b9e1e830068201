package engine

import (
	"context"
	"sync"
	"time"
)

// askAll asks each peer at most once, with a deadline: a peer that does
// not answer in time sends nothing. After the WaitGroup, it takes exactly
// what is in the buffer, len(answers), and being the channel's only
// receiver, it always finds that many (telepresence's DNS lookup over its
// agents).
func askAll(ctx context.Context, peers []string, lookup func(string) <-chan string) []string {
	answers := make(chan string, len(peers))
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(len(peers))
	for _, p := range peers {
		go func() {
			defer wg.Done()
			select {
			case <-ctx.Done():
			case a := <-lookup(p):
				answers <- a
			}
		}()
	}
	wg.Wait()
	n := len(answers)
	out := make([]string, n)
	for i := 0; i < n; i++ {
		out[i] = <-answers
	}
	return out
}

// askAllDrained drains it with a test of len(answers) before each
// receive, through a helper.
func askAllDrained(ctx context.Context, peers []string, lookup func(string) <-chan string) []string {
	answers := make(chan string, len(peers))
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(len(peers))
	for _, p := range peers {
		go func() {
			defer wg.Done()
			select {
			case <-ctx.Done():
			case a := <-lookup(p):
				answers <- a
			}
		}()
	}
	wg.Wait()
	return drained(answers)
}

func drained(answers chan string) []string {
	var out []string
	for len(answers) > 0 {
		out = append(out, <-answers)
	}
	return out
}

// askAllCounted is the bug twin: it takes one answer per peer, but a peer
// that timed out sent none.
func askAllCounted(ctx context.Context, peers []string, lookup func(string) <-chan string) []string {
	answers := make(chan string, len(peers))
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(len(peers))
	for _, p := range peers {
		go func() {
			defer wg.Done()
			select {
			case <-ctx.Done():
			case a := <-lookup(p):
				answers <- a
			}
		}()
	}
	wg.Wait()
	out := make([]string, len(peers))
	for i := range out {
		out[i] = <-answers // want `askAllCounted blocks forever receiving from answers`
	}
	return out
}

// askAllShared is a twin too: another goroutine takes answers as well, so
// what len(answers) counted may be gone by the receive.
func askAllShared(ctx context.Context, peers []string, lookup func(string) <-chan string, taken chan<- string) []string {
	answers := make(chan string, len(peers))
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(len(peers))
	for _, p := range peers {
		go func() {
			defer wg.Done()
			select {
			case <-ctx.Done():
			case a := <-lookup(p):
				answers <- a
			}
		}()
	}
	go func() { // want `goroutine ranges over answers`
		for a := range answers {
			taken <- a
		}
	}()
	wg.Wait()
	n := len(answers)
	out := make([]string, n)
	for i := 0; i < n; i++ {
		out[i] = <-answers // want `askAllShared blocks forever receiving from answers`
	}
	return out
}
