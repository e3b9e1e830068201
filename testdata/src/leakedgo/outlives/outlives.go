package outlives

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
)

func copyFile(w io.Writer, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	go io.Copy(w, f) // want `goroutine may still use f \(line 18\) after copyFile returns and its defer f.Close\(\) closes it; join the goroutine first`
	return nil
}

func stream(w io.Writer, url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	go func() { // want `goroutine may still use resp.Body \(line 29\) after stream returns and its defer resp.Body.Close\(\) closes it`
		io.Copy(w, resp.Body)
	}()
	return nil
}

func notify(ctx context.Context, event string) error { return ctx.Err() }

func fireAndForget(ctx context.Context, event string) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { // reported in strict mode only
		notify(ctx, event)
	}()
}

type Store struct {
	mu    sync.Mutex
	items []string
}

func (s *Store) Add(item string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	go func() { // want `goroutine touches s.items \(line 53\) without the lock, which Add's defer s.mu.Unlock\(\) releases when it returns`
		s.items = append(s.items, item)
	}()
}

// Near misses.

func joined(w io.Writer, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		io.Copy(w, f)
	}()
	<-done
	return nil
}

func closer(ctx context.Context, f *os.File) {
	defer f.Close()
	go func() {
		<-ctx.Done()
		f.Close() // unblocks a read on cancellation
	}()
}

func watches(ctx context.Context, work func()) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		<-ctx.Done() // stops when the spawner returns: the point of the cancel
	}()
	work()
}

func hedged(ctx context.Context, mirrors []string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, len(mirrors))
	for _, m := range mirrors {
		go func() { errc <- notify(ctx, m) }()
	}
	return <-errc // the first answer wins; cancel stops the rest
}

func (s *Store) Refresh() {
	s.mu.Lock()
	defer s.mu.Unlock()
	go func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.items = nil
	}()
}

func acceptLoop(ln net.Listener, handle func(net.Conn), wait func()) {
	defer ln.Close() // closing the listener is how the accept loop stops
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			handle(c)
		}
	}()
	wait()
}

type Client struct {
	sync.Mutex
	name    string // set once by New
	pending int
}

func (c *Client) Reset(notify func(string)) {
	c.Lock()
	defer c.Unlock()
	c.pending = 0
	go func() {
		notify(c.name) // read-only configuration: not what the lock guards
	}()
}

func (c *Client) Report(notify func(int)) {
	c.Lock()
	defer c.Unlock()
	c.pending++
	go func() { // want `goroutine touches c.pending \(line 145\) without the lock, which Report's defer c.Unlock\(\) releases when it returns`
		notify(c.pending)
	}()
}

type resolver struct {
	mu      sync.Mutex
	childMu sync.Mutex
	child   string
	state   int
}

func (r *resolver) update(rebuild func() string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.state++
	go func() {
		r.childMu.Lock() // its own lock for its own fields
		defer r.childMu.Unlock()
		r.child = rebuild()
	}()
}

// The goroutine waits on src, which closing f does not end: joining it
// could block record until src ends, so there is no fix.
func record(src func() (string, error), name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	go func() { // want `goroutine may still use f \(line 181\) after record returns and its defer f.Close\(\) closes it; join the goroutine first`
		for {
			line, err := src()
			if err != nil {
				return
			}
			f.WriteString(line)
		}
	}()
	return nil
}

// A goroutine that waits for the cancellation, then reads its cause and
// wakes the others, does nothing the cancel can cut short: it is the
// goroutine's designed way out. One that does work under the context
// before it is done is still reported.

type waiters struct{ cond *sync.Cond }

func (w *waiters) wakeOnCancel(ctx context.Context) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(io.EOF)
	go func() {
		<-ctx.Done()
		if context.Cause(ctx) != io.EOF {
			w.cond.Broadcast()
		}
	}()
	w.cond.L.Lock()
	w.cond.Wait()
	w.cond.L.Unlock()
}

func (w *waiters) wakeOnSelect(ctx context.Context, stop <-chan struct{}) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(io.EOF)
	go func() {
		select {
		case <-stop:
		case <-ctx.Done():
			if context.Cause(ctx) != io.EOF {
				w.cond.Broadcast()
			}
		}
	}()
	w.cond.L.Lock()
	w.cond.Wait()
	w.cond.L.Unlock()
}

func (w *waiters) notifyFirst(ctx context.Context) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(io.EOF)
	go func() { // reported in strict mode only
		notify(ctx, "waiting")
		<-ctx.Done()
	}()
	w.cond.L.Lock()
	w.cond.Wait()
	w.cond.L.Unlock()
}

type logKey struct{}

// logger only reads a value from its context: the cancel changes nothing
// for a goroutine that uses the context only to find its logger.
func logger(ctx context.Context) string {
	s, _ := ctx.Value(logKey{}).(string)
	return s
}

func logsInBackground(ctx context.Context, lines chan string) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		prefix := logger(ctx)
		for l := range lines {
			println(prefix, l)
		}
	}()
}


// A goroutine whose function only waits on the context's Done to stop is
// stopped by the cancel, as it is meant to be; one whose function does
// work under the context is still reported.

type notifier struct{ in chan string }

func (n *notifier) forward(ctx context.Context, w io.Writer) {
	for {
		select {
		case s := <-n.in:
			io.WriteString(w, s)
		case <-ctx.Done():
			return
		}
	}
}

func (n *notifier) fetch(ctx context.Context, url string) {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
}

func (n *notifier) serve(ctx context.Context, w io.Writer, r io.Reader) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go n.forward(ctx, w)
	_, err := io.Copy(w, r)
	return err
}

func (n *notifier) prefetch(ctx context.Context, url string) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go n.fetch(ctx, url) // reported in strict mode only
}

// A goroutine counted on a WaitGroup of the function around its spawner,
// which the spawner waits on before its deferred Close runs.

func relay(conn net.Conn, body io.ReadCloser, in io.Reader, out io.Writer) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		io.Copy(out, in)
	}()
	go func() {
		defer conn.Close()
		defer body.Close()
		wg.Add(1)
		go func() {
			io.Copy(conn, body)
			wg.Done()
		}()
		wg.Wait()
	}()
}

// The same, where the inner goroutine is not counted: Wait returns
// without it.

func relayUncounted(conn net.Conn, body io.ReadCloser, in io.Reader, out io.Writer) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		io.Copy(out, in)
	}()
	go func() {
		defer conn.Close()
		defer body.Close()
		go func() { // want `goroutine may still use body \(line \d+\) after the enclosing function literal returns and its defer body\.Close\(\) closes it`
			io.Copy(conn, body)
		}()
		wg.Wait()
	}()
}
