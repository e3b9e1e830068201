package engine

import "time"

// A goroutine that ranges over a Ticker's channel never leaves its loop:
// a receive it feeds every tick is not left waiting by its return.

func sendAtRate(rate, total int, send func(int)) {
	tokens := make(chan int, rate)
	go func() { // want `goroutine never returns: its range over a ticker's channel \(line 12\) never ends`
		ticker := time.NewTicker(time.Second)
		for range ticker.C {
			for i := range rate {
				tokens <- i
			}
		}
	}()
	for n := 0; n < total; n++ {
		send(<-tokens)
	}
}

// The twin's feeder stops after ten ticks.

func sendAtRateFor(rate, total int, send func(int)) {
	tokens := make(chan int, rate)
	go func() {
		ticker := time.NewTicker(time.Second)
		defer ticker.Stop()
		for range 10 {
			<-ticker.C
			for i := range rate {
				tokens <- i
			}
		}
	}()
	for n := 0; n < total; n++ {
		send(<-tokens) // want `sendAtRateFor blocks forever receiving from tokens \(line 38\) when the goroutine sending on it \(line 27\) returns at line 36`
	}
}
