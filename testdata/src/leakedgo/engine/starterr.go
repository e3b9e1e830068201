package engine

// A method that fails after it started a goroutine leaves that goroutine
// to whoever tears the value down, when the value stays where its callers
// can reach it: a cluster's Setup of a member fails once the member's
// process runs, and the cluster's exported Teardown takes the process's
// exit later.

type member struct {
	exit chan error
}

func (m *member) Setup(run func() error, healthy func() bool, connect func() error) error {
	m.exit = make(chan error)
	go func() {
		m.exit <- run()
		close(m.exit)
	}()
	for range 10 {
		if healthy() {
			return connect() // a failure here leaves the process running
		}
		select {
		case err := <-m.exit:
			return err
		default:
		}
	}
	return <-m.exit
}

func (m *member) TearDown() error { return <-m.exit }

func newMember() *member { return &member{} }

type cluster struct{ m *member }

func (c *cluster) StartMember(run func() error, healthy func() bool, connect func() error) error {
	c.m = newMember()
	if err := c.m.Setup(run, healthy, connect); err != nil {
		return err
	}
	return nil
}

func (c *cluster) Teardown() error { return c.m.TearDown() }

// The twin keeps the member only when its Setup succeeds: on a failure
// nothing can reach it again, so its process's exit is never taken.

type lossyMember struct {
	exit chan error
}

func (m *lossyMember) Setup(run func() error, healthy func() bool, connect func() error) error {
	m.exit = make(chan error)
	go func() { // want `goroutine blocks forever sending on m.exit \(line 58\) when StartMember, which got it from Setup at line 82, returns at line 83`
		m.exit <- run()
		close(m.exit)
	}()
	for range 10 {
		if healthy() {
			return connect()
		}
		select {
		case err := <-m.exit:
			return err
		default:
		}
	}
	return <-m.exit
}

func (m *lossyMember) TearDown() error { return <-m.exit }

func newLossyMember() *lossyMember { return &lossyMember{} }

type lossyCluster struct{ m *lossyMember }

func (c *lossyCluster) StartMember(run func() error, healthy func() bool, connect func() error) error {
	m := newLossyMember()
	if err := m.Setup(run, healthy, connect); err != nil {
		return err
	}
	c.m = m
	return nil
}

func (c *lossyCluster) Teardown() error { return c.m.TearDown() }
