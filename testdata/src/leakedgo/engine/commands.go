package engine

import "errors"

// A goroutine that serves commands, each carrying the channel to answer
// on, and returns only on the command that says so. Once a command is
// sent the loop has it, and it answers before it returns or takes another:
// Connect's command never takes the way that returns, and Disconnect's
// is answered first. The receives from resp wait for nobody else.

type cmdAction int

const (
	actConnect cmdAction = iota
	actDisconnect
	actQuery
	actDrop
)

type command struct {
	action cmdAction
	resp   chan error
	data   any
}

type cmdClient struct {
	cmds      chan command
	done      chan struct{}
	connected bool
}

var errClientClosed = errors.New("client closed")

func newCmdClient() *cmdClient {
	c := &cmdClient{cmds: make(chan command), done: make(chan struct{})}
	go c.loop()
	return c
}

func (c *cmdClient) loop() {
	defer close(c.done)
out:
	for cmd := range c.cmds {
		switch cmd.action {
		case actConnect:
			c.connect(cmd)
		case actDisconnect:
			c.connected = false
			cmd.resp <- nil
			break out
		case actQuery:
			cmd.data.(chan bool) <- c.connected
		case actDrop:
			break out
		}
	}
}

// connect answers on every way.
func (c *cmdClient) connect(cmd command) {
	if c.connected {
		cmd.resp <- errors.New("already connected")
		return
	}
	c.connected = true
	cmd.resp <- nil
}

func (c *cmdClient) Connect() error {
	resp := make(chan error, 1)
	select {
	case c.cmds <- command{action: actConnect, resp: resp}:
	case <-c.done:
		return errClientClosed
	}
	return <-resp
}

func (c *cmdClient) Disconnect() error {
	resp := make(chan error)
	select {
	case c.cmds <- command{action: actDisconnect, resp: resp}:
		return <-resp
	case <-c.done:
		return errClientClosed
	}
}

// The twin: the command that ends the loop is not answered.
func (c *cmdClient) Drop() error {
	resp := make(chan error)
	select {
	case c.cmds <- command{action: actDrop, resp: resp}:
		return <-resp // want `Drop blocks forever receiving from resp \(line \d+\) when the goroutine sending on it \(line \d+\) returns at line \d+`
	case <-c.done:
		return errClientClosed
	}
}

// The twin: the command may not have been sent (the loop is gone), and
// the reply is awaited all the same.
func (c *cmdClient) Ping() error {
	resp := make(chan error, 1)
	select {
	case c.cmds <- command{action: actConnect, resp: resp}:
	case <-c.done:
	}
	return <-resp // want `Ping blocks forever receiving from resp \(line \d+\) when the goroutine sending on it \(line \d+\) returns at line \d+`
}
