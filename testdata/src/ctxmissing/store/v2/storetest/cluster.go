// Package storetest is the test package of the store module it lies in,
// as httptest is net/http's, though not of its parent directory (v2):
// tests start a cluster and ask it questions, and a test's deadline bounds
// its requests.
package storetest

import (
	"net/http"
	"testing"
)

type Cluster struct{ URL string }

func Start(t testing.TB, url string) *Cluster {
	t.Helper()
	return &Cluster{URL: url}
}

// Healthy reports whether the cluster answers.
func (c *Cluster) Healthy() bool {
	resp, err := http.Get(c.URL + "/health")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
