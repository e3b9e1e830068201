// Package web calls http.Get, which uses no context, with a client that
// has no Timeout; once as a declaration, once as an assignment.
package web

import (
	"io"
	"net/http"
)

func get(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func status(url string) (code int, err error) {
	var resp *http.Response
	resp, err = http.Get(url)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
