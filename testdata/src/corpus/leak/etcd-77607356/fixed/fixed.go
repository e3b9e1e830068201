// Package fixed is rewritten from etcd-io/etcd, commit
// 77607356d9b93c1802eed71fe4d3201cd54c7935, "[serverWatchStream] terminate
// recvLoop on sws.close()".
//
// Each Watch RPC gets a serverWatchStream with two goroutines: sendLoop
// (tracked by sws.wg) forwards watch events and control responses to the
// client, and recvLoop reads the client's requests, answering create and
// cancel requests through ctrlStream, a channel buffered by 16 that only
// sendLoop reads. Watch returns when recvLoop fails or the stream context
// is done, after sws.close() has closed closec and waited for sendLoop.
// recvLoop is not waited for and keeps reading. The create path sends on
// ctrlStream in a select that also watches closec, but the cancel path sent
// without it: once sendLoop is gone and the buffer is full, recvLoop blocks
// forever on that send. The fix puts the cancel response send in the same
// select on closec.
//
// This is the fixed twin: the cancel response is sent in a select that
// returns once closec is closed.
package fixed

import (
	"context"
	"errors"
	"io"
	"log"
	"sync"
)

const ctrlStreamBufLen = 16

type WatchID int64

const invalidWatchID WatchID = -1

type WatchCreateRequest struct {
	Key      []byte
	RangeEnd []byte
	WatchID  int64
	PrevKV   bool
}

type WatchCancelRequest struct{ WatchID int64 }

// WatchRequest carries exactly one of its fields.
type WatchRequest struct {
	Create *WatchCreateRequest
	Cancel *WatchCancelRequest
}

type WatchResponse struct {
	Revision int64
	WatchID  int64
	Created  bool
	Canceled bool
	Events   []string
}

// WatchServerStream is the server side of the gRPC stream.
type WatchServerStream interface {
	Context() context.Context
	Send(*WatchResponse) error
	Recv() (*WatchRequest, error)
}

type mvccResponse struct {
	WatchID  WatchID
	Revision int64
	Events   []string
}

// watchStream is the storage side: watchers and their event channel.
type watchStream struct {
	mu      sync.Mutex
	next    WatchID
	rev     int64
	ch      chan mvccResponse
	closed  bool
	watches map[WatchID]string
}

func newWatchStream() *watchStream {
	return &watchStream{ch: make(chan mvccResponse, 128), watches: make(map[WatchID]string)}
}

func (ws *watchStream) Chan() <-chan mvccResponse { return ws.ch }

func (ws *watchStream) Rev() int64 {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	return ws.rev
}

func (ws *watchStream) Watch(id WatchID, key []byte) (WatchID, error) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.closed {
		return invalidWatchID, errors.New("watch stream closed")
	}
	if id == 0 {
		ws.next++
		id = ws.next
	}
	ws.watches[id] = string(key)
	return id, nil
}

func (ws *watchStream) Cancel(id WatchID) error {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if _, ok := ws.watches[id]; !ok {
		return errors.New("watcher not found")
	}
	delete(ws.watches, id)
	return nil
}

func (ws *watchStream) Close() {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if !ws.closed {
		ws.closed = true
		close(ws.ch)
	}
}

type serverWatchStream struct {
	gRPCStream  WatchServerStream
	watchStream *watchStream
	ctrlStream  chan *WatchResponse

	mu     sync.RWMutex
	prevKV map[WatchID]bool

	// closec indicates the stream is closed.
	closec chan struct{}
	// wg waits for the send loop to complete.
	wg sync.WaitGroup
}

type watchServer struct{}

// Watch serves one watch stream.
func (ws *watchServer) Watch(stream WatchServerStream) (err error) {
	sws := serverWatchStream{
		gRPCStream:  stream,
		watchStream: newWatchStream(),
		ctrlStream:  make(chan *WatchResponse, ctrlStreamBufLen),
		prevKV:      make(map[WatchID]bool),
		closec:      make(chan struct{}),
	}

	sws.wg.Add(1)
	go func() {
		sws.sendLoop()
		sws.wg.Done()
	}()

	errc := make(chan error, 1)
	// recvLoop is not tracked by wg: Recv may keep blocking after the
	// stream's context is done.
	go func() {
		if rerr := sws.recvLoop(); rerr != nil {
			log.Printf("failed to receive watch request: %v", rerr)
			errc <- rerr
		}
	}()

	select {
	case err = <-errc:
		close(sws.ctrlStream)
	case <-stream.Context().Done():
		err = stream.Context().Err()
	}

	sws.close()
	return err
}

func (sws *serverWatchStream) recvLoop() error {
	for {
		req, err := sws.gRPCStream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}

		switch {
		case req.Create != nil:
			creq := req.Create
			if len(creq.Key) == 0 {
				creq.Key = []byte{0}
			}
			id, err := sws.watchStream.Watch(WatchID(creq.WatchID), creq.Key)
			if err == nil {
				sws.mu.Lock()
				if creq.PrevKV {
					sws.prevKV[id] = true
				}
				sws.mu.Unlock()
			} else {
				id = invalidWatchID
			}
			wr := &WatchResponse{
				Revision: sws.watchStream.Rev(),
				WatchID:  int64(id),
				Created:  true,
				Canceled: err != nil,
			}
			select {
			case sws.ctrlStream <- wr:
			case <-sws.closec:
				return nil
			}

		case req.Cancel != nil:
			id := req.Cancel.WatchID
			err := sws.watchStream.Cancel(WatchID(id))
			if err == nil {
				wr := &WatchResponse{
					Revision: sws.watchStream.Rev(),
					WatchID:  id,
					Canceled: true,
				}
				select {
				case sws.ctrlStream <- wr:
				case <-sws.closec:
					return nil
				}

				sws.mu.Lock()
				delete(sws.prevKV, WatchID(id))
				sws.mu.Unlock()
			}

		default:
			// An unknown request does not end the stream.
			continue
		}
	}
}

func (sws *serverWatchStream) sendLoop() {
	ids := make(map[WatchID]struct{})
	pending := make(map[WatchID][]*WatchResponse)

	defer func() {
		// Drain the event channel to clean up pending events.
		for range sws.watchStream.Chan() {
		}
	}()

	for {
		select {
		case wresp, ok := <-sws.watchStream.Chan():
			if !ok {
				return
			}
			wr := &WatchResponse{Revision: wresp.Revision, WatchID: int64(wresp.WatchID), Events: wresp.Events}
			if _, okID := ids[wresp.WatchID]; !okID {
				// Buffer until the creation has been announced.
				pending[wresp.WatchID] = append(pending[wresp.WatchID], wr)
				continue
			}
			if err := sws.gRPCStream.Send(wr); err != nil {
				log.Printf("failed to send watch response: %v", err)
				return
			}

		case c, ok := <-sws.ctrlStream:
			if !ok {
				return
			}
			if err := sws.gRPCStream.Send(c); err != nil {
				log.Printf("failed to send watch control response: %v", err)
				return
			}
			wid := WatchID(c.WatchID)
			if c.Canceled {
				delete(ids, wid)
				continue
			}
			if c.Created {
				ids[wid] = struct{}{}
				for _, v := range pending[wid] {
					if err := sws.gRPCStream.Send(v); err != nil {
						return
					}
				}
				delete(pending, wid)
			}
		}
	}
}

func (sws *serverWatchStream) close() {
	sws.watchStream.Close()
	close(sws.closec)
	sws.wg.Wait()
}
