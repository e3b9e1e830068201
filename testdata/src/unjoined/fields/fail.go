package fields

// fail stops the pipe on a goroutine: the return and the Wait the message
// names are in another file, so it names the file.
func (p *pipe) fail() {
	go p.Stop() // want `goroutine can return at once.go:\d+ without calling p.pending.Done, and p.pending.Wait \(once.go:\d+\) then waits forever`
}
