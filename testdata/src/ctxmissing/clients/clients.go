// Package clients pins http.Clients as real code keeps them: passed to
// helpers, kept in struct fields, made by constructors, around transports
// that do or do not bound the wait for a response.
package clients

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"time"
)

// download leaves its client to its callers.
func download(c *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func fetch(url string) ([]byte, error) {
	c := &http.Client{}
	return download(c, url) // want `clients.download can block forever: it passes its client to \(\*http.Client\).Do, with a request whose context comes from http.NewRequest at line 16 \(context.Background\(\)\), and the http.Client made at line 29 has no Timeout`
}

// head passes its client on, through download: its callers decide.
func head(c *http.Client, url string) error {
	_, err := download(c, url)
	return err
}

func viaTwo(url string) error {
	return head(http.DefaultClient, url) // want `clients.head can block forever: it passes its client to \(\*http.Client\).Do, .* and http.DefaultClient has no Timeout`
}

// A store keeps its client in a field, made by its constructor.
type store struct {
	client *http.Client
	base   string
}

func newStore(base string) *store {
	return &store{client: &http.Client{}, base: base}
}

func (s *store) get(key string) error {
	resp, err := s.client.Get(s.base + key) // want `\(\*http.Client\).Get can block forever: it uses no context, and the http.Client made at line 50 has no Timeout \(it is kept in field client\)`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// newClient makes the client its callers use.
func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
}

func post(url string, body io.Reader) error {
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		return err
	}
	hc := newClient()
	resp, err := hc.Do(req) // want `\(\*http.Client\).Do can block forever: its request's context comes from http.NewRequest at line 67 \(context.Background\(\)\), no deadline is set on the way, and the http.Client made at line 63 has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A discoverer calls its helper through a function field.
type discoverer struct {
	client *http.Client
	fetch  func(c *http.Client, url string) ([]byte, error)
}

func newDiscoverer(rt http.RoundTripper) *discoverer {
	return &discoverer{client: &http.Client{Transport: rt}, fetch: download}
}

func (d *discoverer) refresh(url string) ([]byte, error) {
	return d.fetch(d.client, url) // want `clients.download can block forever: it passes its client to \(\*http.Client\).Do, .* and the http.Client made at line 86 has no Timeout \(it is kept in field client\)`
}

// A service holds the context of its setup, and queries with it.
type service struct {
	ctx    context.Context
	cancel context.CancelFunc
	db     *sql.DB
}

func newService(db *sql.DB) *service {
	ctx, cancel := context.WithCancel(context.Background())
	return &service{ctx: ctx, cancel: cancel, db: db}
}

func (s *service) count() (n int, err error) {
	err = s.db.QueryRowContext(s.ctx, "SELECT count(*) FROM t").Scan(&n) // want `\(\*sql.DB\).QueryRowContext can block forever: its context \(field ctx\) comes from context.Background\(\) at line 101, and no deadline is set on the way`
	return n, err
}

// Near misses.

func fetchTimeout(url string) ([]byte, error) {
	return download(&http.Client{Timeout: time.Minute}, url)
}

// The caller's client: its callers decide.
func fetchWith(c *http.Client, url string) ([]byte, error) {
	return download(c, url)
}

// The Timeout is set after the constructor.
type timed struct{ client *http.Client }

func newTimed() *timed {
	t := &timed{client: &http.Client{}}
	t.client.Timeout = time.Minute
	return t
}

func (t *timed) get(url string) error {
	resp, err := t.client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The client is handed out: anyone may set its Timeout.
type handed struct{ client *http.Client }

func newHanded() *handed { return &handed{client: &http.Client{}} }

func (h *handed) Client() *http.Client { return h.client }

func (h *handed) get(url string) error {
	resp, err := h.client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Other packages may store into an exported field of an exported type.
type Config struct {
	HTTPClient *http.Client
}

func NewConfig() *Config { return &Config{HTTPClient: &http.Client{}} }

func (c *Config) get(url string) error {
	resp, err := c.HTTPClient.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The client comes from the constructor's caller.
type given struct{ client *http.Client }

func newGiven(c *http.Client) *given { return &given{client: c} }

func (g *given) get(url string) error {
	resp, err := g.client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The transport bounds the wait for the response's headers.
func headerTimeout(url string) error {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = 10 * time.Second
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A transport of the package whose RoundTrip derives a deadline.
type deadlineTransport struct{ base http.RoundTripper }

func (t deadlineTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(r.Context(), time.Minute)
	defer cancel()
	return t.base.RoundTrip(r.WithContext(ctx))
}

func bounded(url string) error {
	c := &http.Client{Transport: deadlineTransport{http.DefaultTransport}}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A context stored from the constructor's caller is the caller's.
type worker struct {
	ctx context.Context
	db  *sql.DB
}

func newWorker(ctx context.Context, db *sql.DB) *worker { return &worker{ctx: ctx, db: db} }

func (w *worker) ping() error { return w.db.PingContext(w.ctx) }
