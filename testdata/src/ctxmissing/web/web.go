// Package web pins net/http: requests carry contexts, clients carry
// timeouts, and http.Get and friends use neither.
package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

func get(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `http.Get can block forever: it uses no context, and http.DefaultClient has no Timeout`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func post(url string, body io.Reader) error {
	resp, err := http.Post(url, "application/json", body) // want `http.Post can block forever`
	if err != nil {
		return fmt.Errorf("posting: %w", err)
	}
	return resp.Body.Close()
}

func postForm(addr string, form url.Values) (int, error) {
	c := &http.Client{}
	resp, err := c.PostForm(addr, form) // want `\(\*http.Client\).PostForm can block forever: it uses no context, and the http.Client made at line 32 has no Timeout`
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func newRequest(url string) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req) // want `\(\*http.Client\).Do can block forever: its request's context comes from http.NewRequest at line 42 \(context.Background\(\)\), no deadline is set on the way, and http.DefaultClient has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func withContext(url string) error {
	req, err := http.NewRequestWithContext(context.Background(), "GET", url, nil)
	if err != nil {
		return err
	}
	var c http.Client
	resp, err := c.Do(req) // want `\(\*http.Client\).Do can block forever: its request's context comes from context.Background\(\) at line 54, no deadline is set on the way, and the http.Client made at line 58 has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func literal(u *url.URL) error {
	req := &http.Request{Method: "GET", URL: u}
	resp, err := http.DefaultClient.Do(req) // want `its request's context comes from the http.Request literal at line 67 \(context.Background\(\)\)`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func zeroTimeout(url string) error {
	c := &http.Client{Timeout: 0}
	resp, err := c.Get(url) // want `\(\*http.Client\).Get can block forever: it uses no context, and the http.Client made at line 76 has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// send leaves the request's context to its callers.
func send(req *http.Request) (*http.Response, error) {
	return http.DefaultClient.Do(req)
}

func callsSend(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := send(req) // want `web.send can block forever: it passes its request to \(\*http.Client\).Do; the request's context comes from http.NewRequest at line 90 \(context.Background\(\)\), and no deadline is set on the way`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// No fix: the response leaves the function, and a deferred cancel would
// cut its body off.
func returnsResponse(url string) (*http.Response, error) {
	return http.Get(url) // want `http.Get can block forever`
}

// No fix: no error check to repeat for the request.
func noCheck(url string) {
	resp, _ := http.Head(url) // want `http.Head can block forever`
	resp.Body.Close()
}

// Near misses.

func clientTimeout(url string) error {
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func requestDeadline(url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The client is the caller's, and may have a Timeout.
func clientParam(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// configure may set a Timeout.
func clientHandedOver(url string) error {
	c := &http.Client{}
	configure(c)
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func configure(c *http.Client) { c.Timeout = time.Minute }

// A server's request carries the client's context: the caller's business.
func proxy(w http.ResponseWriter, r *http.Request) {
	out, err := http.NewRequestWithContext(r.Context(), r.Method, "http://backend"+r.URL.Path, r.Body)
	if err != nil {
		return
	}
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

// The Transport may bound the exchange (here, the wait for headers).
func clientTransport(url string) error {
	c := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: time.Minute}}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func deferredClose(url string) error {
	resp, err := http.Get(url) // want `http.Get can block forever`
	if err != nil {
		return err
	}
	defer func() { resp.Body.Close() }()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// No fix: a goroutine reads the body after the function returns.
func drainLater(url string) error {
	resp, err := http.Get(url) // want `http.Get can block forever`
	if err != nil {
		return err
	}
	go func() {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	return nil
}

// The assignment form gets the same fix: err is declared in the
// statement's block, so the request reuses it.
func assigned(url string) (n int64, err error) {
	var resp *http.Response
	resp, err = http.Get(url) // want `http.Get can block forever`
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return io.Copy(io.Discard, resp.Body)
}

// Here err is the enclosing block's: the request must not declare one of
// its own, which would hide it.
func assignedInner(urls []string) (err error) {
	var resp *http.Response
	if len(urls) > 0 {
		resp, err = http.Get(urls[0]) // want `http.Get can block forever`
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return err
}
