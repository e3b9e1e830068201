// Package giveup holds leaks that happen only on a path where the
// function has already given up: a test that reported its failure, a
// program that exits. The leak is one symptom of what was reported; the
// paths that return normally must still release what they owe.
package giveup

import (
	"log"
	"testing"
	"time"
)

type answer struct{ n int }

func compute() answer { return answer{42} }

// The send is stranded only if the test times out, and then it has
// failed.
func TestAnswer(t *testing.T) {
	resp := make(chan answer)
	go func() {
		resp <- compute()
	}()
	select {
	case a := <-resp:
		if a.n != 42 {
			t.Errorf("got %d", a.n)
		}
	case <-time.After(100 * time.Millisecond):
		t.Errorf("timed out")
	}
}

type reply struct{ err error }

// A program that cannot go on exits: nothing is left to leak into.
func mainLoop(timeout time.Duration) {
	done := make(chan reply)
	go func() {
		done <- reply{}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			log.Fatal(r.err)
		}
	case <-time.After(timeout):
		log.Fatalf("no reply in %v", timeout)
	}
}

type result struct{ ok bool }

// Giving up quietly is a way out like any other: the goroutine is left
// blocked and nothing says why.
func TestQuietTimeout(t *testing.T) {
	res := make(chan result)
	go func() { // want `goroutine blocks forever sending on res`
		res <- result{true}
	}()
	select {
	case r := <-res:
		if !r.ok {
			t.Errorf("not ok")
		}
	case <-time.After(100 * time.Millisecond):
		t.Log("timed out, moving on")
	}
}
