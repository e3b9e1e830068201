// Package cleanup runs functions when Clean is called, as gVisor's
// cleanup package does.
package cleanup

type Cleanup struct{ fns []func() }

func Make(f func()) Cleanup { return Cleanup{fns: []func(){f}} }

func (c *Cleanup) Clean() {
	for _, f := range c.fns {
		f()
	}
	c.fns = nil
}
