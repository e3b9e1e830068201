package skipped

import (
	"errors"
	"sync"
)

// A switch's default that an earlier check rules out: validKind is true
// only for the two kinds the switch lists, so the return in its default
// ("should not happen") is no way out, and every way that is waits for
// the goroutine (mimir's compactor executor).

type jobKind int

const (
	kindCompact jobKind = iota + 1
	kindPlan
	kindSplit
)

func validKind(k jobKind) bool {
	switch k {
	case kindCompact, kindPlan:
		return true
	}
	return false
}

func keepAlive(stop chan struct{}) { <-stop }

func runJob(k jobKind) error {
	if !validKind(k) {
		return errors.New("unsupported job kind")
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		keepAlive(stop)
	}()
	switch k {
	case kindCompact:
		close(stop)
		wg.Wait()
		return nil
	case kindPlan:
		close(stop)
		wg.Wait()
		return nil
	default:
		return errors.New("unsupported job kind") // should not happen
	}
}

// Other names, the check one call deeper and written with ifs, and the
// cases as ifs too.

type mode string

func knownMode(m mode) bool { return isReadMode(m) || m == "write" }

func isReadMode(m mode) bool { return m == "read" }

func serveMode(m mode) error {
	if !knownMode(m) {
		return errors.New("unknown mode")
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	if m == "read" {
		wg.Wait()
		return nil
	}
	if m == "write" {
		wg.Wait()
		return nil
	}
	return errors.New("unknown mode")
}

// Near miss: the check admits a kind the switch does not list, so its
// default can be taken.

func validAny(k jobKind) bool {
	return k == kindCompact || k == kindPlan || k == kindSplit
}

func runAny(k jobKind) error {
	if !validAny(k) {
		return errors.New("unsupported job kind")
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	switch k {
	case kindCompact, kindPlan:
		wg.Wait()
		return nil
	default:
		return errors.New("not yet") // want `runAny returns without waiting for the goroutines wg\.Add counts \(line 97\): call wg\.Wait first`
	}
}

// Near miss: a check that can also be true for other values (it has a way
// to true that tests nothing) rules nothing out.

func looseKind(k jobKind, strict bool) bool {
	if !strict {
		return true
	}
	return k == kindCompact
}

func runLoose(k jobKind, strict bool) error {
	if !looseKind(k, strict) {
		return errors.New("unsupported job kind")
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	if k == kindCompact {
		wg.Wait()
		return nil
	}
	return errors.New("not compact") // want `runLoose returns without waiting for the goroutines wg\.Add counts \(line 125\): call wg\.Wait first`
}
