package shapes

import (
	"errors"
	"fmt"
)

func forgotToSignal(fail bool) error {
	done := make(chan struct{})
	go func() { // want `goroutine blocks forever receiving from done \(line 11\) when forgotToSignal returns at line 15 without sending on it or closing it`
		<-done
		fmt.Println("cleanup")
	}()
	if fail {
		return errors.New("fail")
	}
	close(done)
	return nil
}

// Near misses.

func signalled(fail bool) error {
	done := make(chan struct{})
	defer close(done)
	go func() {
		<-done
		fmt.Println("cleanup")
	}()
	if fail {
		return errors.New("fail")
	}
	return nil
}

func selectsToo(stop chan struct{}, fail bool) error {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-stop:
		}
	}()
	if fail {
		return errors.New("fail")
	}
	close(done)
	return nil
}

func semaphore(jobs []func()) {
	sem := make(chan bool, 3)
	for _, job := range jobs {
		sem <- true
		go func() {
			defer func() { <-sem }()
			job()
		}()
	}
}

func releaseAll(n int, work func()) {
	release := make(chan bool)
	done := make(chan bool)
	for range n {
		go func() {
			<-release
			work()
			done <- true
		}()
	}
	for range n {
		release <- true
	}
	for range n {
		<-done
	}
}

// The select may send on other instead, and the goroutine then waits
// forever.
func sendCase(other chan bool) {
	c := make(chan bool)
	go func() { <-c }() // want `goroutine blocks forever receiving from c \(line 84\) when sendCase returns at line 89 through other <- true`
	select {
	case c <- true:
	case other <- true:
	}
}
