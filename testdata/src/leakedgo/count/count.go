package count

// --- A loop that counts down its answers: it ends when the count says
// every goroutine has answered, whichever channel each answered on.

func fetch(url string, out chan<- []string, errs chan<- error) {
	errs <- nil
	out <- []string{url}
}

// Correct: each of the four goroutines sends on errs, then on its out
// channel; the loop takes all eight, and an error stops nothing early.
func listAll(a, b, c, d string) ([]string, []string) {
	var left, right []string
	leftCh, rightCh := make(chan []string), make(chan []string)
	errs := make(chan error, 4)
	go fetch(a, leftCh, errs)
	go fetch(b, leftCh, errs)
	go fetch(c, rightCh, errs)
	go fetch(d, rightCh, errs)
	pending := 4
	for {
		select {
		case v := <-leftCh:
			pending--
			left = append(left, v...)
		case v := <-rightCh:
			pending--
			right = append(right, v...)
		}
		if pending == 0 {
			break
		}
	}
	return left, right
}

// The bug: the first error returns, and the goroutines not yet received
// from block on their sends.
func listFirstError(a, b, c, d string) ([]string, []string, error) {
	var left, right []string
	leftCh, rightCh := make(chan []string), make(chan []string)
	errs := make(chan error)
	go fetchOrFail(a, leftCh, errs)  // want `goroutine blocks forever sending on errs \(line \d+\) when listFirstError returns at line 53 through <-errs`
	go fetchOrFail(b, leftCh, errs)  // want `goroutine blocks forever sending on errs \(line \d+\) when listFirstError returns at line 53 through <-errs`
	go fetchOrFail(c, rightCh, errs) // want `goroutine blocks forever sending on errs \(line \d+\) when listFirstError returns at line 53 through <-errs`
	go fetchOrFail(d, rightCh, errs) // want `goroutine blocks forever sending on errs \(line \d+\) when listFirstError returns at line 53 through <-errs`
	pending := 4
	for {
		select {
		case err := <-errs:
			if err != nil {
				return nil, nil, err
			}
			continue
		case v := <-leftCh:
			pending--
			left = append(left, v...)
		case v := <-rightCh:
			pending--
			right = append(right, v...)
		}
		if pending == 0 {
			break
		}
	}
	return left, right, nil
}

func fetchOrFail(url string, out chan<- []string, errs chan<- error) {
	errs <- nil
	out <- []string{url}
}
