package engine

// A producer that closes both its channels in deferred calls: they run
// once it is past every send. A consumer that returns when it finds
// either closed leaves nothing waiting, whichever it sees first (beats'
// utmp reader). In the near miss, the error channel is closed by another
// goroutine than the one sending records, which may still be sending.

import "errors"

type loginRecord struct{ user string }

type loginReader struct {
	files []string
	saved map[string]int
}

func (r *loginReader) save(f string) error {
	if f == "" {
		return errors.New("empty")
	}
	r.saved[f] = len(f)
	return nil
}

func (r *loginReader) readFile(out chan<- loginRecord, errs chan<- error, f string) {
	if f == "" {
		errs <- errors.New("empty")
		return
	}
	defer func() {
		if err := r.save(f); err != nil {
			errs <- err
		}
	}()
	for _, c := range f {
		if c == ' ' {
			errs <- errors.New("space")
			return
		}
		if c == '!' {
			errs <- errors.New("bang")
		}
		out <- loginRecord{user: string(c)}
	}
}

func (r *loginReader) ReadNew() (<-chan loginRecord, <-chan error) {
	out := make(chan loginRecord)
	errs := make(chan error)
	go func() {
		defer close(out)
		defer close(errs)
		for _, f := range r.files {
			r.readFile(out, errs, f)
		}
	}()
	return out, errs
}

type loginSet struct{ r *loginReader }

func (s *loginSet) Count(report func(loginRecord)) int {
	out, errs := s.r.ReadNew()
	n := 0
	for {
		select {
		case rec, ok := <-out:
			if !ok {
				return n
			}
			report(rec)
			n++
		case _, ok := <-errs:
			if !ok {
				return n
			}
		}
	}
}

type earlyReader struct{ files []string }

func (r *earlyReader) ReadEarly() (<-chan loginRecord, <-chan error) {
	out := make(chan loginRecord)
	errs := make(chan error)
	go func() { // want `goroutine blocks forever sending on out \(line \d+\) when CountEarly, which got it from ReadEarly at line \d+, returns at line \d+ through <-errs`
		defer close(out)
		for _, f := range r.files {
			for _, c := range f {
				out <- loginRecord{user: string(c)}
			}
		}
	}()
	go func() { // want `goroutine blocks forever sending on errs \(line \d+\) when CountEarly, which got it from ReadEarly at line \d+, returns at line \d+ through <-out`
		defer close(errs)
		for _, f := range r.files {
			if f == "" {
				errs <- errors.New("empty")
			}
		}
	}()
	return out, errs
}

func CountEarly(r *earlyReader, report func(loginRecord)) int {
	out, errs := r.ReadEarly()
	n := 0
	for {
		select {
		case rec, ok := <-out:
			if !ok {
				return n
			}
			report(rec)
			n++
		case _, ok := <-errs:
			if !ok {
				return n
			}
		}
	}
}
