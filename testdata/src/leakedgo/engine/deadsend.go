package engine

import (
	"errors"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// A send that comes after something that never returns is never made. A
// ptpDaemon's routines each report on fail when they end, but none can end:
// a worker loop with no way out, a loop on a condition that is always
// true, a range over a channel os/signal.Notify fills (nothing closes
// it). So nobody is left blocked on fail, and Run, waiting on done or
// fail, can only return through done: its terminator is not abandoned
// either (facebook/time's ptp4u Server.Start).

type ptpDaemon struct {
	workers int
	every   time.Duration
}

func (d *ptpDaemon) poll() {}

func (d *ptpDaemon) serveForever() {
	for {
		d.poll()
	}
}

func (d *ptpDaemon) reloadOnHangup() {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	for range hup {
		d.poll()
	}
}

func waitTerm() {
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	<-term
}

func (d *ptpDaemon) Run() error {
	done := make(chan bool)
	fail := make(chan bool)
	for range d.workers {
		go func() {
			d.serveForever()
			fail <- true
		}()
	}
	go func() {
		for ; true; <-time.After(d.every) {
			d.poll()
		}
		fail <- true
	}()
	go func() {
		d.reloadOnHangup()
		fail <- true
	}()
	go func() {
		waitTerm()
		done <- true
	}()
	select {
	case <-done:
		return nil
	case <-fail:
		return errors.New("a routine ended")
	}
}

// The workers are the daemon's own, which has no Close or Stop: they
// loop as long as the process holds it (see endless/package.go).

// Listen waits for its pollers to fail, which they never do: it blocks
// for good, and says why nothing releases it.
func (d *ptpDaemon) Listen(conns int) {
	fail := make(chan bool)
	for range conns {
		go func() { // want `goroutine never returns: its loop \(line \d+\) has no way out`
			for ; true; <-time.After(d.every) {
				d.poll()
			}
			fail <- true
		}()
	}
	<-fail // want `Listen blocks forever receiving from fail \(line \d+\): its send at line \d+ never runs, as it comes after code that never returns`
}

// Serve's workers loop forever and go/ssa drops their sends already: it
// blocks for good on fail, and the finding names who would send.
func (d *ptpDaemon) Serve(conns int) {
	fail := make(chan bool)
	for range conns {
		go func() { // want `goroutine blocks forever in its call of serveForever`
			d.serveForever()
			fail <- true
		}()
	}
	<-fail // want `Serve blocks forever receiving from fail \(line \d+\): the goroutine given it \(line \d+\) never returns`
}

// Start's listener waits on readers that never return: it loops through
// them, for the daemon, which has no end (see endless/package.go).
func (d *ptpDaemon) Start() error {
	go d.listenAll()
	return nil
}

func (d *ptpDaemon) listenAll() {
	fail := make(chan bool)
	for range 2 {
		go func() {
			d.serveForever()
			fail <- true
		}()
	}
	<-fail
}

// Its twin's worker can end: a failed poll returns, so fail is sent on,
// and a second failure, or the terminator, is left blocked once Run has
// returned.

func (d *ptpDaemon) pollErr() error {
	if d.workers == 0 {
		return errors.New("no workers")
	}
	return nil
}

func (d *ptpDaemon) serveUntilError() {
	for {
		if err := d.pollErr(); err != nil {
			return
		}
	}
}

func (d *ptpDaemon) RunFallible() error {
	done := make(chan bool)
	fail := make(chan bool)
	for range d.workers {
		go func() { // want `goroutine blocks forever sending on fail \(line \d+\) when RunFallible returns at line \d+ through <-done`
			d.serveUntilError()
			fail <- true
		}()
	}
	go func() { // want `goroutine blocks forever sending on done \(line \d+\) when RunFallible returns at line \d+ through <-fail`
		waitTerm()
		done <- true
	}()
	select {
	case <-done:
		return nil
	case <-fail:
		return errors.New("a routine ended")
	}
}
