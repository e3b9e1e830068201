// Package readme2 holds the README's second ctxmissing example, a context
// dropped, as a user would write it (see analyzer's TestExamples).
package readme2

import (
	"context"
	"net/http"
	"time"
)

type Client struct {
	client  *http.Client
	timeout time.Duration
}

func NewClient(timeout time.Duration) *Client {
	return &Client{client: &http.Client{}, timeout: timeout}
}

func (c *Client) Store(ctx context.Context, req *http.Request) error {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	resp, err := c.client.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
