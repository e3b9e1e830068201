package engine

// Reload hands package main the channel on which the handler's reload
// requests arrive; main answers each one (prometheus's web.Handler). The
// reply receive waits for code outside the package.

type reloadReply struct{ err error }

type Handler struct {
	reloadCh chan chan reloadReply
}

func NewHandler() *Handler { return &Handler{reloadCh: make(chan chan reloadReply)} }

// Reload returns the channel that reload requests arrive on.
func (h *Handler) Reload() <-chan chan reloadReply { return h.reloadCh }

func (h *Handler) reload() error {
	rc := make(chan reloadReply)
	h.reloadCh <- rc
	return (<-rc).err
}

// Twin: requests on a channel nothing else can reach, which nothing
// answers.

type syncReply struct{ err error }

type reqSyncer struct {
	requests chan chan syncReply
}

func newReqSyncer() *reqSyncer { return &reqSyncer{requests: make(chan chan syncReply, 1)} }

func (s *reqSyncer) refresh() error {
	rc := make(chan syncReply)
	s.requests <- rc
	return (<-rc).err // want `refresh blocks forever receiving from rc`
}
