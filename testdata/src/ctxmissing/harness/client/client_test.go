package client

import "testing"

// A test of the package does not make it a harness: only what it exports
// outside its test files does.
func TestHealthy(t *testing.T) {
	c := &Cluster{URL: "http://localhost:1"}
	if c.Healthy() {
		t.Error("Healthy = true with nothing listening")
	}
}

func HelperForTests(t *testing.T) {}
