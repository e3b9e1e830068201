package engine

import "time"

// A goroutine that tests a field its spawner used before starting it
// finds it set: nothing sets it to nil before the message it guards is
// taken.

type process interface {
	Start() error
	Wait() error
	Kill()
}

type cmd struct{ p process }

func (c *cmd) Start() error { return c.p.Start() }
func (c *cmd) Wait() error  { return c.p.Wait() }
func (c *cmd) Kill()        { c.p.Kill() }

type daemon struct {
	proc *cmd
	exit chan error
}

func (d *daemon) Setup(p process) error {
	d.proc = &cmd{p: p}
	if err := d.proc.Start(); err != nil {
		return err
	}
	d.exit = make(chan error)
	go func() {
		if d.proc != nil {
			d.exit <- d.proc.Wait()
			close(d.exit)
		}
	}()
	return nil
}

func (d *daemon) TearDown() error {
	if d.proc == nil || d.exit == nil {
		return nil
	}
	select {
	case err := <-d.exit:
		d.proc = nil
		return err
	case <-time.After(time.Second):
		d.proc.Kill()
		err := <-d.exit
		d.proc = nil
		return err
	}
}

// The twin lets another method forget the process before its exit is
// taken.

type flakyDaemon struct {
	proc *cmd
	exit chan error
}

func (d *flakyDaemon) Setup(p process) error {
	d.proc = &cmd{p: p}
	if err := d.proc.Start(); err != nil {
		return err
	}
	d.exit = make(chan error)
	go func() {
		if d.proc != nil {
			d.exit <- d.proc.Wait()
			close(d.exit)
		}
	}()
	return nil
}

func (d *flakyDaemon) Forget() { d.proc = nil }

func (d *flakyDaemon) TearDown() error {
	if d.exit == nil {
		return nil
	}
	return <-d.exit // want `TearDown blocks forever receiving from d.exit`
}
