// Package drain feeds a consumer goroutine over a channel it never
// closes.
package drain

func feed(items []string, consume func(string)) {
	ch := make(chan string)
	go func() {
		for it := range ch {
			consume(it)
		}
	}()
	for _, it := range items {
		ch <- it
	}
}
