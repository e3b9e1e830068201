// Package dropped pins the context a function was given and drops: a
// fresh context.Background() where a ctx parameter (or a request's
// context) is in scope, a request or command made without one, a context
// kept from setup; and what is deliberate detachment, not a drop.
package dropped

import (
	"bytes"
	"context"
	"crypto/tls"
	"database/sql"
	"net"
	"net/http"
	"os"
	"os/exec"
	"time"
)

type remote struct {
	client  *http.Client
	timeout time.Duration
}

func newRemote() *remote {
	return &remote{client: &http.Client{}, timeout: time.Minute}
}

// The deadline is set on a fresh context: the caller's cancellation is
// lost.
func (r *remote) store(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://remote/write", bytes.NewReader(body))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	resp, err := r.client.Do(req.WithContext(ctx)) // want `\(\*http.Client\).Do drops ctx, the context store was given: its request's context comes from context.Background\(\) at line 35; a deadline is set on the way, but cancelling ctx does not stop the call: derive the deadline from ctx`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func count(ctx context.Context, db *sql.DB) (n int, err error) {
	err = db.QueryRowContext(context.TODO(), "SELECT count(*) FROM t").Scan(&n) // want `\(\*sql.DB\).QueryRowContext can block forever: its context comes from context.TODO\(\) at line 45, and no deadline is set on the way; it drops ctx, the context count was given: pass ctx on`
	return n, err
}

func (r *remote) get(ctx context.Context, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := r.client.Do(req) // want `\(\*http.Client\).Do can block forever: its request's context comes from http.NewRequest at line 50 \(context.Background\(\)\), no deadline is set on the way, and the http.Client made at line 25 has no Timeout \(it is kept in field client\); it drops ctx, the context get was given: pass ctx on`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (r *remote) head(ctx context.Context, url string) error {
	resp, err := r.client.Head(url) // want `\(\*http.Client\).Head can block forever: it uses no context, and the http.Client made at line 25 has no Timeout \(it is kept in field client\); it drops ctx, the context head was given: pass ctx on`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func build(ctx context.Context, dir string) ([]byte, error) {
	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = dir
	return cmd.CombinedOutput() // want `\(\*exec.Cmd\).CombinedOutput drops ctx, the context build was given: its command has no context: exec.Command at line 70 makes it without one; cancelling ctx does not stop the call: pass ctx on`
}

func dialAndShake(ctx context.Context, addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	return handshake(ctx, conn)
}

func handshake(ctx context.Context, conn net.Conn) error {
	tc := tls.Client(conn, &tls.Config{})
	return tc.Handshake() // want `\(\*tls.Conn\).Handshake can block forever: it uses no context, and the connection has no deadline; it drops ctx, the context handshake was given`
}

func proxy(w http.ResponseWriter, r *http.Request) {
	out, err := http.NewRequest(r.Method, "http://backend"+r.URL.Path, r.Body)
	if err != nil {
		return
	}
	resp, err := http.DefaultClient.Do(out) // want `it drops r.Context\(\), the context proxy was given: pass r.Context\(\) on`
	if err != nil {
		return
	}
	resp.Body.Close()
}

// A server keeps the context it was started with, and uses it for every
// request instead of the request's.
type server struct {
	ctx context.Context
	db  *sql.DB
}

func (s *server) start(ctx context.Context) { s.ctx = ctx }

func (s *server) lookup(ctx context.Context, id int) error {
	_, err := s.db.ExecContext(s.ctx, "SELECT * FROM t WHERE id = $1", id) // want `\(\*sql.DB\).ExecContext drops ctx, the context lookup was given: its context comes from field ctx, kept from setup; cancelling ctx does not stop the call: pass ctx on`
	return err
}

// A module keeps the context of its setup, of a type that embeds one, and
// sends every request with it instead of the request's own.
type appContext struct{ context.Context }

type module struct{ ctx appContext }

func (m *module) provision(ctx appContext) { m.ctx = ctx }

func (m *module) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(m.ctx, http.MethodGet, "http://upstream/", nil)
	if err != nil {
		return
	}
	resp, err := http.DefaultClient.Do(req) // want `\(\*http.Client\).Do drops r.Context\(\), the context ServeHTTP was given: its request's context comes from field ctx, kept from setup; cancelling r.Context\(\) does not stop the call: pass r.Context\(\) on`
	if err != nil {
		return
	}
	resp.Body.Close()
}

// ctx no longer holds the context reassigned was given: the fix is a
// deadline.
func reassigned(ctx context.Context, db *sql.DB) error {
	ctx = nil
	_, err := db.ExecContext(context.Background(), "VACUUM") // want `it drops ctx, the context reassigned was given`
	return err
}

// Near misses.

// Deliberate detachment: the cleanup outlives the caller's cancellation,
// under a deadline of its own.
func detach(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	_, err := db.ExecContext(ctx, "DELETE FROM sessions")
	return err
}

// Cleanup in a defer runs with a context of its own, bounded.
func deferred(ctx context.Context, db *sql.DB) error {
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		db.ExecContext(ctx, "UNLOCK")
	}()
	_, err := db.ExecContext(ctx, "LOCK")
	return err
}

// A goroutine that outlives the call runs with a context of its own.
func background(ctx context.Context, db *sql.DB) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		db.ExecContext(ctx, "ANALYZE")
	}()
}

// In a goroutine, a context with no deadline is reported as such: the
// fix is a deadline, not the caller's context.
func backgroundForever(ctx context.Context, db *sql.DB) {
	go func() {
		db.ExecContext(context.Background(), "ANALYZE") // want `\(\*sql.DB\).ExecContext can block forever: its context comes from context.Background\(\) at line 177, and no deadline is set on the way$`
	}()
}

// After a failure, cleanup runs under a context of its own: the given one
// may be what failed.
func markFailed(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		db.ExecContext(cctx, "UPDATE t SET failed = true")
		return err
	}
	return nil
}

func onCancel(ctx context.Context, db *sql.DB) error {
	select {
	case <-ctx.Done():
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := db.ExecContext(cctx, "DELETE FROM locks")
		return err
	default:
		return nil
	}
}

// Once ctx is done, cleanup needs a context of its own.
func untilDone(ctx context.Context, db *sql.DB) error {
	<-ctx.Done()
	cctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := db.ExecContext(cctx, "DELETE FROM sessions")
	return err
}

// An ignored parameter is not a context given to use.
func ignored(_ context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return db.PingContext(ctx)
}

// The client's Timeout bounds the request, which takes no context: not an
// explicit drop.
func bounded(ctx context.Context, url string) error {
	c := &http.Client{Timeout: time.Minute}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A command made without a context, where none was given.
func version() ([]byte, error) {
	return exec.Command("go", "version").Output()
}

// A helper builds the request per call, with the context it was given,
// and returns it inside a struct it makes afresh: the request carries the
// caller's context, not one kept from setup (pomerium's bundle download).
type bundleRequest struct {
	*http.Request
	etag string
}

func newBundleRequest(ctx context.Context, url string) (*bundleRequest, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return &bundleRequest{Request: req, etag: "v1"}, nil
}

func download(ctx context.Context, url string) error {
	req, err := newBundleRequest(ctx, url)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req.Request)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The twin: the helper builds the request without a context.
func newPlainRequest(url string) *bundleRequest {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	b := new(bundleRequest)
	b.Request = req
	return b
}

func downloadPlain(ctx context.Context, url string) error {
	resp, err := http.DefaultClient.Do(newPlainRequest(url).Request) // want `\(\*http.Client\).Do can block forever: its request's context comes from http.NewRequest at line \d+ \(context.Background\(\)\), no deadline is set on the way, and http.DefaultClient has no Timeout; it drops ctx, the context downloadPlain was given: pass ctx on`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A field read back right after the function stored it holds what was
// stored: here a context derived from the one Start was given (alloy's
// query sampler).
type sampler struct {
	db     *sql.DB
	ctx    context.Context
	cancel context.CancelFunc
}

func (s *sampler) Start(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	s.ctx = ctx
	s.cancel = cancel
	if err := s.bookmark(s.ctx); err != nil {
		return err
	}
	go func() { // a literal that captures s: s is kept in a cell
		<-s.ctx.Done()
		s.cancel()
	}()
	return nil
}

func (s *sampler) bookmark(ctx context.Context) error {
	return s.db.QueryRowContext(ctx, "SELECT 1").Err()
}

// The twin: a call between the store and the load may store anything.
func (s *sampler) Restart(ctx context.Context) error {
	s.ctx = ctx
	s.reset()
	return s.bookmark(s.ctx) // want `\(\*dropped.sampler\).bookmark drops ctx, the context Restart was given: it passes its context to \(\*sql.DB\).QueryRowContext; the context comes from field ctx, kept from setup`
}

func (s *sampler) reset() { s.ctx = context.Background() }

// A helper that calls a function literal with the context its caller
// passed it gives the literal that context: a literal handed c.Ctx that
// uses c.Ctx drops nothing (waypoint's DoApp).
type cli struct {
	Ctx  context.Context
	db   *sql.DB
	apps []string
}

func newCLI(ctx context.Context, db *sql.DB) *cli { return &cli{Ctx: ctx, db: db} }

func (c *cli) doApp(ctx context.Context, f func(context.Context, string) error) error {
	for _, a := range c.apps {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := f(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

func (c *cli) list() error {
	return c.doApp(c.Ctx, func(ctx context.Context, app string) error {
		_, err := c.db.ExecContext(c.Ctx, "SELECT name FROM apps WHERE name = $1", app)
		return err
	})
}

// The twin: the literal is handed the caller's own context and still
// uses the field.
func (c *cli) listWith(ctx context.Context) error {
	return c.doApp(ctx, func(ctx context.Context, app string) error {
		_, err := c.db.ExecContext(c.Ctx, "SELECT name FROM apps WHERE name = $1", app) // want `\(\*sql.DB\).ExecContext drops ctx, the context the enclosing function literal was given: its context comes from field Ctx, kept from setup`
		return err
	})
}

// A command kept in a struct (here embedded), made without a context, and
// ended by the function that waits for it: it signals the command, then
// kills it after a while. Its context would add nothing: the function
// ends the command itself (luci's apigen, on shutdown).
type killable struct{ *exec.Cmd }

func start(name string) (*killable, error) {
	cmd := &killable{exec.Command(name)}
	return cmd, cmd.Start()
}

func (cmd *killable) kill(ctx context.Context) {
	_ = ctx.Value(0)
	_ = cmd.Process.Signal(os.Interrupt)
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-finished:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
		}
	}()
	_ = cmd.Wait()
}

// The twin: nothing ends it but the command itself.
func (cmd *killable) wait(ctx context.Context) error {
	_ = ctx.Value(0)
	return cmd.Wait() // want `\(\*exec.Cmd\).Wait drops ctx, the context wait was given: its command has no context: exec.Command at line \d+ makes it without one; cancelling ctx does not stop the call: pass ctx on`
}
