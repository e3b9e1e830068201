// want package:"drivers net"

// Package facts pins the Summary facts that carry contexts, and requests
// and commands that carry them, to callers in other packages.
package facts

import (
	"context"
	"net/http"
	"os/exec"
	"time"

	"google.golang.org/grpc"
)

func Send(req *http.Request) (*http.Response, error) { // want Send:`summary\(param0: reaches \(\*http.Client\).Do\)`
	return http.DefaultClient.Do(req)
}

func Run(cmd *exec.Cmd) error { // want Run:`summary\(param0: reaches \(\*exec.Cmd\).Run\)` Run:`locks\(acquires param0.9\*.2\)`
	return cmd.Run()
}

func NewRequest(url string) (*http.Request, error) { // want NewRequest:`summary\(returns a fresh value; returns a request or command with no context\)`
	return http.NewRequest(http.MethodGet, url, nil)
}

func Command(ctx context.Context, name string) *exec.Cmd { // want Command:`summary\(param0: observes cancellation; returns a fresh value; returns param0's context\)`
	return exec.CommandContext(ctx, name)
}

// The client may have a Timeout: nothing to say.
func SendWith(c *http.Client, req *http.Request) (*http.Response, error) {
	return c.Do(req)
}

type Client interface {
	Call(ctx context.Context, in string) error // want Call:`summary\(param1: reaches grpc.ClientConnInterface.Invoke\)`
	Stream(ctx context.Context) error
}

type client struct{ cc grpc.ClientConnInterface }

func (c *client) Call(ctx context.Context, in string) error { // want Call:`summary\(param1: reaches grpc.ClientConnInterface.Invoke\)`
	return c.cc.Invoke(ctx, "/s/Call", in, nil)
}

func (c *client) Stream(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return c.cc.Invoke(ctx, "/s/Stream", nil, nil)
}

// Other has an implementation that does not reach a sink: no fact on its
// methods but that it ignores its context.
type Other interface {
	Call(ctx context.Context, in string) error
}

type fake struct{}

func (fake) Call(ctx context.Context, in string) error { return nil } // want Call:`summary\(param1: values only\)`

// Wrapper forwards to the Client it embeds: it does not count against the
// facts on Client's methods.
type Wrapper struct {
	Client
	name string
}

// Only the client's Timeout could bound the request, which takes no
// context: the client is its callers' business.
func Get(c *http.Client, url string) (*http.Response, error) { // want Get:`summary\(param0: reaches \(\*http.Client\).Get\)`
	return c.Get(url)
}

func Cmd(name string) *exec.Cmd { // want Cmd:`summary\(returns a fresh value; returns a request or command with no context\)`
	return exec.Command(name)
}

func NewClient() *http.Client { // want NewClient:`summary\(returns an http\.Client with no Timeout; returns a fresh value\)`
	return &http.Client{Transport: newTransport()}
}

func newTransport() *http.Transport { return &http.Transport{MaxIdleConns: 10} } // want newTransport:`summary\(returns a fresh value\)`

// The Timeout bounds every exchange: nothing to say.
func NewTimedClient() *http.Client { // want NewTimedClient:`summary\(returns a fresh value\)`
	return &http.Client{Timeout: time.Minute, Transport: newTransport()}
}

func Detached() context.Context { // want Detached:`summary\(returns a fresh value; returns a context with no deadline\)`
	ctx, cancel := context.WithCancel(context.Background())
	_ = cancel
	return ctx
}

// Stoppable's context is cancelled by the stop signal of the goroutine
// it starts: nothing to say.
func Stoppable(stop <-chan struct{}) context.Context { // want Stoppable:`summary\(param0: receive \(spawned\); returns a fresh value\)`
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-stop
		cancel()
	}()
	return ctx
}
