package engine

import (
	"context"
	"errors"
	"sync"
)

// A request that the caller got rather than built: Enqueue hands the
// pointer to a worker and then waits on the reply channel it carries. The
// worker can return (its context ends), but not between taking a request
// and answering it: the function it hands the request to answers on every
// way (mimir's query-frontend and its scheduler workers).

type frontendReq struct {
	query    string
	enqueued chan enqueueResult
}

type enqueueResult struct {
	ok  bool
	err error
}

func newFrontendReq(q string) *frontendReq {
	return &frontendReq{query: q, enqueued: make(chan enqueueResult, 1)}
}

type frontend struct {
	requests chan *frontendReq
	wg       sync.WaitGroup
}

func newFrontend(ctx context.Context) *frontend {
	f := &frontend{requests: make(chan *frontendReq)}
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		f.work(ctx)
	}()
	return f
}

func (f *frontend) work(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case req := <-f.requests:
			if err := f.forward(req); err != nil {
				return
			}
		}
	}
}

func schedule(string) (bool, error) { return true, nil }

// forward answers req on every way.
func (f *frontend) forward(req *frontendReq) error {
	ok, err := schedule(req.query)
	if err != nil {
		req.enqueued <- enqueueResult{err: err}
		return err
	}
	if !ok {
		req.enqueued <- enqueueResult{}
		return errors.New("refused")
	}
	req.enqueued <- enqueueResult{ok: true}
	return nil
}

func (f *frontend) Enqueue(ctx context.Context, q string) error {
	return f.enqueue(ctx, newFrontendReq(q))
}

func (f *frontend) enqueue(ctx context.Context, req *frontendReq) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case f.requests <- req:
		res := <-req.enqueued
		return res.err
	}
}

// The same with one more level: the worker's handler passes the request on
// to a helper that answers it.

type dispatchReq struct {
	name  string
	reply chan error
}

type dispatcher struct {
	queue chan *dispatchReq
	wg    sync.WaitGroup
}

func newDispatcher(ctx context.Context) *dispatcher {
	d := &dispatcher{queue: make(chan *dispatchReq)}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.loop(ctx)
	}()
	return d
}

func (d *dispatcher) loop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case r := <-d.queue:
			if err := d.handle(r); err != nil {
				return
			}
		}
	}
}

var errNoName = errors.New("no name")

func (d *dispatcher) handle(r *dispatchReq) error {
	if r.name == "" {
		reject(r)
		return errNoName // answered: the loop may stop
	}
	d.accept(r)
	return nil
}

func reject(r *dispatchReq) { r.reply <- errNoName }

func (d *dispatcher) accept(r *dispatchReq) { r.reply <- nil }

func (d *dispatcher) Submit(ctx context.Context, name string) error {
	return d.submit(ctx, &dispatchReq{name: name, reply: make(chan error, 1)})
}

func (d *dispatcher) submit(ctx context.Context, r *dispatchReq) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case d.queue <- r:
		return <-r.reply
	}
}

// The answer in a deferred closure: the handler answers on every way out.

type pingReq struct {
	host  string
	reply chan bool
}

type hostPinger struct {
	in chan *pingReq
	wg sync.WaitGroup
}

func newHostPinger(ctx context.Context) *hostPinger {
	p := &hostPinger{in: make(chan *pingReq)}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.run(ctx)
	}()
	return p
}

func (p *hostPinger) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case r := <-p.in:
			if err := p.ping(r); err != nil {
				return
			}
		}
	}
}

func probe(string) error { return nil }

func (p *hostPinger) ping(r *pingReq) (err error) {
	up := false
	defer func() { r.reply <- up }()
	if err = probe(r.host); err != nil {
		return err
	}
	up = true
	return nil
}

func (p *hostPinger) Ping(ctx context.Context, host string) bool {
	return p.send(ctx, &pingReq{host: host, reply: make(chan bool, 1)})
}

func (p *hostPinger) send(ctx context.Context, r *pingReq) bool {
	select {
	case <-ctx.Done():
		return false
	case p.in <- r:
		return <-r.reply
	}
}

// Near miss: the handler can return without answering a request it took,
// and the worker then returns too, leaving the caller waiting.

type keyReq struct {
	key    string
	answer chan string
}

type keyLookups struct {
	in chan *keyReq
}

func newKeyLookups(ctx context.Context) *keyLookups {
	l := &keyLookups{in: make(chan *keyReq)}
	go l.serve(ctx)
	return l
}

func (l *keyLookups) serve(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case r := <-l.in:
			if err := l.lookup(r); err != nil {
				return
			}
		}
	}
}

func (l *keyLookups) lookup(r *keyReq) error {
	if r.key == "" {
		return errors.New("empty key") // no answer
	}
	r.answer <- r.key
	return nil
}

func (l *keyLookups) Get(ctx context.Context, key string) string {
	return l.get(ctx, &keyReq{key: key, answer: make(chan string, 1)})
}

func (l *keyLookups) get(ctx context.Context, r *keyReq) string {
	select {
	case <-ctx.Done():
		return ""
	case l.in <- r:
		return <-r.answer // want `get blocks forever receiving from r.answer \(line 260\) when the goroutine sending on it \(line 226\) returns at line 237`
	}
}
