package cross

import "leakedgo/cross/lib"

// A helper of another package that fails before it starts its goroutine
// started nothing when it fails: returning its error leaves nobody
// waiting.

func measure(src string) (int, error) {
	out := make(chan int)
	if err := lib.Measure(src, out); err != nil {
		return 0, err
	}
	return <-out, nil
}

// The twin's helper starts its goroutine before it can fail.

func measureLate(src string) (int, error) {
	out := make(chan int)
	if err := lib.MeasureLate(src, out); err != nil { // want `the goroutine lib.MeasureLate starts blocks forever sending on out in lib.MeasureLate when measureLate returns at line 22`
		return 0, err
	}
	return <-out, nil
}
