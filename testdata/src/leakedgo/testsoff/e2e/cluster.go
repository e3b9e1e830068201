// Package e2e is a test harness kept out of test files, under a directory
// that says so: its findings are left to -leakedgo.tests, as those of tests
// are.
package e2e

// waitReady waits for a process's first word, or gives up; the process
// then blocks on a send nobody takes.
func waitReady(start func() string, ready func() bool) bool {
	out := make(chan string)
	go func() {
		out <- start()
	}()
	if !ready() {
		return false
	}
	return <-out != ""
}
