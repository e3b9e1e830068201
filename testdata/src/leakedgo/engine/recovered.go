package engine

import (
	"errors"
	"fmt"
)

// A send under if r := recover(); r != nil runs only on a way that
// panicked, where the sends after the panic do not: one send in all.

func archive(stream func() error, save func() error) error {
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("panic: %v", r)
			}
		}()
		err := stream()
		done <- err
	}()
	if err := save(); err != nil {
		return err
	}
	return <-done
}

// The twin: it sends before a call that can panic, and the recovery
// sends again.
func archiveTwice(stream func() error, save func() error) error {
	done := make(chan error, 1)
	go func() { // want `goroutine blocks forever on its second send on done`
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("panic: %v", r)
			}
		}()
		done <- errors.New("started")
		done <- stream()
	}()
	if err := save(); err != nil {
		return err
	}
	return <-done
}
