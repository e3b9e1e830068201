package model

import "testing"

func TestIsHarness(t *testing.T) {
	for path, want := range map[string]bool{
		"example.com/x/internal/testutil":          true,
		"example.com/x/test/e2e":                   true,
		"example.com/x/e2etest":                    true,
		"example.com/x/e2e/framework":              true,
		"example.com/x/endtoend/framework":         true,
		"example.com/x/e2ee":                       false,
		"example.com/x/integration_test/db":        true,
		"example.com/x/testhelpers":                true,
		"net/http/httptest":                        true,
		"example.com/x/latest":                     false,
		"example.com/x/cli/attest":                 false,
		"example.com/x/contest":                    false,
		"example.com/x/server":                     false,
		"example.com/x/internal/mocks":             true,
		"example.com/x/fakeclient":                 true,
		"example.com/x/flight_integration":         true,
		"example.com/x/integration/cluster":        true,
		"example.com/x/integrations/slack":         false,
		"example.com/x/resource/deploy/deploytest": true,
		"example.com/x/deploytest":                 false,
		"example.com/dgraph/v25/dgraphtest":        true,
		"example.com/x/systest/bulk/common":        true,
		"example.com/x/sys/unix":                   false,
		"example.com/x/la/latest":                  false,
		"example.com/x/l/ltest":                    false,
	} {
		if got := IsHarness(path); got != want {
			t.Errorf("IsHarness(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestIsMock(t *testing.T) {
	for name, want := range map[string]bool{
		"/src/integration/rqlite_mock_server.go": true,
		"/src/mock.go":                           true,
		"/src/fake_client.go":                    true,
		"/src/client-fake.go":                    true,
		"/src/hammock.go":                        false,
		"/src/client.go":                         false,
	} {
		if got := IsMock(name); got != want {
			t.Errorf("IsMock(%q) = %v, want %v", name, got, want)
		}
	}
}
