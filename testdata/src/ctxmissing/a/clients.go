package a

import (
	"net/http"
	"time"

	"ctxmissing/b"
)

func fetch(url string) error {
	return b.Fetch(&http.Client{}, url) // want `b.Fetch can block forever: it passes its client to \(\*http.Client\).Get, with no deadline on its context, and the http.Client made at line 11 has no Timeout`
}

// Near misses.

func fetchTimeout(url string) error {
	return b.Fetch(&http.Client{Timeout: time.Minute}, url)
}

// A command made without a context has none to miss.
func makeAll() error { return b.Command("make").Run() }
