// Package perround fetches pages one at a time, each with its own reply
// channel, and gives up on a page when its timer fires first: that
// round's goroutine is left blocked on its send.
package perround

import (
	"errors"
	"time"
)

// get stands for the work: a page takes as long as its name says.
func get(page time.Duration) string {
	time.Sleep(page)
	return page.String()
}

func fetchAll(pages []time.Duration) ([]string, error) {
	var out []string
	for _, p := range pages {
		reply := make(chan string)
		go func() { reply <- get(p) }()
		select {
		case r := <-reply:
			out = append(out, r)
		case <-time.After(time.Second):
			return out, errors.New("timed out")
		}
	}
	return out, nil
}
