// Package webinit sets http.DefaultClient's Timeout: its http.Get calls
// are bounded.
package webinit

import (
	"io"
	"net/http"
	"time"
)

func init() {
	http.DefaultClient.Timeout = time.Minute
}

func get(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
