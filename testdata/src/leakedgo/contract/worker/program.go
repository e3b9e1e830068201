package worker

import "context"

// A Program runs handlers until its context ends, each closing its done
// channel as it returns, and watchers that wait for those channels.
type Program struct {
	ctx    context.Context
	cancel context.CancelFunc
	dones  []chan struct{}
}

func NewProgram() *Program {
	ctx, cancel := context.WithCancel(context.Background())
	return &Program{ctx: ctx, cancel: cancel}
}

func (p *Program) handle() chan struct{} {
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		<-p.ctx.Done()
	}()
	return ch
}

// watch starts a goroutine per handler that waits for it to end.
func (p *Program) watch() {
	for _, ch := range p.dones {
		go func() { <-ch }()
	}
}

// Run cancels on its way out what it started: the handlers end, and the
// watchers with them.
func (p *Program) Run() {
	defer p.cancel()
	p.dones = append(p.dones, p.handle())
	p.watch()
}

// Detach leaves them to Kill.
func (p *Program) Detach() {
	p.dones = append(p.dones, p.handle())
	p.watch()
}

func (p *Program) Kill() { p.cancel() }
