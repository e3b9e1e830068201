package clients

import (
	"fmt"
	"net/http"
)

// A mock server, kept for tests outside a test file: the tests bound it.
type mockServer struct{ port string }

func (m *mockServer) ready() bool {
	req, err := http.NewRequest(http.MethodGet, fmt.Sprintf("http://localhost:%s", m.port), nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
