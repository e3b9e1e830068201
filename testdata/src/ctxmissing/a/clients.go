package a

import (
	"context"
	"net/http"
	"time"

	"ctxmissing/b"
)

func fetch(url string) error {
	return b.Fetch(&http.Client{}, url) // want `b.Fetch can block forever: it passes its client to \(\*http.Client\).Get, with no deadline on its context, and the http.Client made at line 12 has no Timeout`
}

func build(ctx context.Context) error {
	return b.Command("make").Run() // want `\(\*exec.Cmd\).Run drops ctx, the context build was given: its command has no context: b.Command at line 16 makes it without one`
}

func get(url string) error {
	resp, err := b.NewClient().Get(url) // want `\(\*http.Client\).Get can block forever: it uses no context, and the http.Client from b.NewClient\(\) at line 20 has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Near misses.

func fetchTimeout(url string) error {
	return b.Fetch(&http.Client{Timeout: time.Minute}, url)
}

// No context was given to drop.
func makeAll() error { return b.Command("make").Run() }
