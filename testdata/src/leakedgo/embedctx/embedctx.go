package embedctx

import (
	"context"
	"time"

	"leakedgo/embedctx/lib"
)

// A module kept with the context it was provisioned with: another
// package's struct that embeds context.Context. Whoever made it cancels it,
// even if this package also makes one from context.Background() (a
// test's, say), so a goroutine that returns on its Done can be stopped
// (caddy's active health checker).
type Handler struct {
	ctx      lib.Context
	interval time.Duration
}

func (h *Handler) Provision(ctx lib.Context) {
	h.ctx = ctx
	go h.checker()
}

func (h *Handler) check() {}

func (h *Handler) checker() {
	ticker := time.NewTicker(h.interval)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			h.check()
		case <-h.ctx.Done():
			return
		}
	}
}

func newForTest() *Handler {
	ctx, cancel := lib.NewContext(lib.Context{Context: context.Background()})
	defer cancel()
	return &Handler{ctx: ctx}
}

// Its bug twin keeps a context of its own, from context.Background(),
// which nothing cancels: the Done case never fires.
type Poller struct {
	ctx      context.Context
	interval time.Duration
}

// Close marks the poller done, which its loop never looks at.
func (p *Poller) Close() { p.interval = 0 }

func NewPoller() *Poller {
	p := &Poller{ctx: context.Background()}
	go p.poll() // want `goroutine never returns: its loop \(line \d+\) has no way out`
	return p
}

func (p *Poller) poll() {
	ticker := time.NewTicker(p.interval)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
		case <-p.ctx.Done():
			return
		}
	}
}
