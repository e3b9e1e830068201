// Package client is its twin for programs: its request is a program's,
// with no deadline.
package client

import "net/http"

type Cluster struct{ URL string }

// Healthy reports whether the cluster answers.
func (c *Cluster) Healthy() bool {
	resp, err := http.Get(c.URL + "/health") // want `http.Get can block forever: it uses no context, and http.DefaultClient has no Timeout`
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
