package engine

import "errors"

// A spawner that counts the goroutines it has started and the results it
// has received, and returns only when the count is back to zero: every
// result has been received by then.

type move struct{ id int }

type moveResult struct {
	m   move
	err error
}

func runMoves(moves []move, parallel int, run func(move) error) error {
	results := make(chan moveResult)
	running := 0
	var errs []error
	for {
		for running < parallel {
			m, ok := next(&moves)
			if !ok {
				break
			}
			running++
			go func() {
				results <- moveResult{m, run(m)}
			}()
		}
		if running == 0 {
			return errors.Join(errs...)
		}
		r := <-results
		running--
		if r.err != nil {
			errs = append(errs, r.err)
		}
	}
}

// The twin: it returns at the first failure, with others still running.
func runMovesFailFast(moves []move, parallel int, run func(move) error) error {
	results := make(chan moveResult)
	running := 0
	for {
		for running < parallel {
			m, ok := next(&moves)
			if !ok {
				break
			}
			running++
			go func() { // want `goroutine blocks forever sending on results`
				results <- moveResult{m, run(m)}
			}()
		}
		if running == 0 {
			return nil
		}
		r := <-results
		running--
		if r.err != nil {
			return r.err
		}
	}
}

func next(moves *[]move) (move, bool) {
	if len(*moves) == 0 {
		return move{}, false
	}
	m := (*moves)[0]
	*moves = (*moves)[1:]
	return m, true
}
