// Package poller is ginkgo's status-code poller: a file whose one import
// is net/http, so the fix adds context and time in one import group.
package poller

import "net/http"

func StatusCodePoller(url string) func() int {
	return func() int {
		resp, err := http.Get(url) // want `http.Get can block forever: it uses no context, and http.DefaultClient has no Timeout`
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
}
