// Package header reads the first of two values a goroutine sends, and
// leaves it blocked on the second.
package header

import "strings"

// split stands for a response: a status line, then a body.
func split(resp string) (string, string) {
	status, body, _ := strings.Cut(resp, "\n")
	return status, body
}

func status(resp string) string {
	parts := make(chan string)
	go func() {
		status, body := split(resp)
		parts <- status
		parts <- body
	}()
	return <-parts
}
