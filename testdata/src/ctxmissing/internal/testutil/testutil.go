// Package testutil is a test harness kept out of test files: its requests
// go to servers the tests start, and the tests bound them.
package testutil

import "net/http"

// Ready reports whether the test server at url answers.
func Ready(url string) bool {
	resp, err := http.Get(url + "/healthz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
