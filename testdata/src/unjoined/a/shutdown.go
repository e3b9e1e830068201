package a

import (
	"context"
	"errors"

	"golang.org/x/sync/errgroup"
)

// A manager's tasks end only when its context is done, and then say so
// with context.Canceled, or return nil; one is made by a method that
// returns it. Nothing but the shutdown comes out of Wait: dropping it
// loses no failure (gatekeeper's watch.Manager.Start).

type watchManager struct {
	stopped chan struct{}
	events  chan int
}

func (wm *watchManager) Start(ctx context.Context) error {
	grp, ctx := errgroup.WithContext(ctx)
	grp.Go(func() error {
		<-ctx.Done()
		close(wm.stopped)
		return context.Canceled
	})
	grp.Go(wm.replayLoop(ctx))
	_ = grp.Wait()
	return nil
}

func (wm *watchManager) replayLoop(ctx context.Context) func() error {
	return func() error {
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-wm.events:
			}
		}
	}
}

// Twin: the loop a method makes can fail on its own.

var errReplay = errors.New("replay failed")

func (wm *watchManager) StartChecked(ctx context.Context) error {
	grp, ctx := errgroup.WithContext(ctx)
	grp.Go(func() error {
		<-ctx.Done()
		return context.Canceled
	})
	grp.Go(wm.failingLoop(ctx))
	_ = grp.Wait() // want `the error of grp.Wait is dropped, so a failing task goes unnoticed \(the task at line 54 can fail\)`
	return nil
}

func (wm *watchManager) failingLoop(ctx context.Context) func() error {
	return func() error {
		for {
			select {
			case <-ctx.Done():
				return nil
			case e := <-wm.events:
				if e < 0 {
					return errReplay
				}
			}
		}
	}
}
