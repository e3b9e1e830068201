// Package bug is rewritten from ethereum/go-ethereum, commit
// 92980746339dcaf397a0367dca0ddf3d27664d28, "eth/protocols/eth: prevent
// hanging dispatch".
//
// Each eth peer has a dispatcher goroutine that tracks in-flight requests.
// A requester (the syncer) sends a request and waits for the reply on its
// own sink channel. The peer's message loop, Handle, decodes a reply and
// calls dispatchResponse, which has the dispatcher match it to its request
// and then delivers it by sending on the request's sink, watching only the
// request's cancel channel. If the requester has already gone away without
// cancelling the request (here the syncer gives up when told to stop and
// the peer is dropped), nobody reads the sink and nobody closes cancel; the
// peer's term channel is closed but dispatchResponse does not look at it, so
// the message loop blocks forever on the sink. The fix adds term to that
// select.
package bug

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

var (
	errDisconnected     = errors.New("disconnected")
	errDanglingResponse = errors.New("response to non-existent request")
)

const (
	getBlockHeadersMsg = 0x03
	blockHeadersMsg    = 0x04
)

// Msg is one decoded protocol message.
type Msg struct {
	Code    uint64
	Payload json.RawMessage
}

// MsgReadWriter is the connection to the remote peer.
type MsgReadWriter interface {
	ReadMsg() (Msg, error)
	WriteMsg(code uint64, data interface{}) error
}

// Header is a block header.
type Header struct {
	Number uint64
}

// Request is an in-flight request and the sink its response goes to.
type Request struct {
	peer *Peer
	id   uint64

	sink   chan *Response
	cancel chan struct{}

	code uint64
	want uint64
	data interface{}
	Sent time.Time
}

// Close cancels the request so a late response is dropped.
func (r *Request) Close() error {
	op := &cancel{id: r.id, fail: make(chan error)}
	select {
	case r.peer.reqCancel <- op:
		if err := <-op.fail; err != nil {
			return err
		}
		close(r.cancel)
		return nil
	case <-r.peer.term:
		return errDisconnected
	}
}

type request struct {
	req  *Request
	fail chan error
}

type cancel struct {
	id   uint64
	fail chan error
}

// Response is a reply matched to its request.
type Response struct {
	id   uint64
	code uint64

	Req  *Request
	Res  interface{}
	Done chan error
}

type response struct {
	res  *Response
	fail chan error
}

// Peer is a remote node speaking the eth protocol.
type Peer struct {
	id string
	rw MsgReadWriter

	reqDispatch chan *request
	reqCancel   chan *cancel
	resDispatch chan *response

	nextID uint64
	term   chan struct{}
}

// NewPeer wraps rw and starts its request dispatcher.
func NewPeer(id string, rw MsgReadWriter) *Peer {
	p := &Peer{
		id:          id,
		rw:          rw,
		reqDispatch: make(chan *request),
		reqCancel:   make(chan *cancel),
		resDispatch: make(chan *response),
		term:        make(chan struct{}),
	}
	go p.dispatcher()
	return p
}

// Close stops the dispatcher; pending requests are abandoned.
func (p *Peer) Close() {
	close(p.term)
}

func (p *Peer) dispatchRequest(req *Request) error {
	op := &request{req: req, fail: make(chan error)}
	req.cancel = make(chan struct{})
	req.peer = p

	select {
	case p.reqDispatch <- op:
		return <-op.fail
	case <-p.term:
		return errDisconnected
	}
}

func (p *Peer) dispatchResponse(res *Response) error {
	op := &response{res: res, fail: make(chan error)}
	res.Done = make(chan error)

	select {
	case p.resDispatch <- op:
		if err := <-op.fail; err != nil {
			return nil
		}
		select {
		case <-res.Req.cancel:
			return nil
		default:
			select {
			case res.Req.sink <- res:
				return <-res.Done
			case <-res.Req.cancel:
				return nil
			}
		}
	case <-p.term:
		return errDisconnected
	}
}

func (p *Peer) dispatcher() {
	pending := make(map[uint64]*Request)
	for {
		select {
		case op := <-p.reqDispatch:
			req := op.req
			req.Sent = time.Now()
			err := p.rw.WriteMsg(req.code, req.data)
			op.fail <- err
			if err == nil {
				pending[req.id] = req
			}
		case op := <-p.reqCancel:
			delete(pending, op.id)
			op.fail <- nil
		case op := <-p.resDispatch:
			res := op.res
			res.Req = pending[res.id]
			switch {
			case res.Req == nil:
				op.fail <- errDanglingResponse
			case res.Req.want != res.code:
				op.fail <- fmt.Errorf("want code %d, have %d", res.Req.want, res.code)
			default:
				op.fail <- nil
				delete(pending, res.id)
			}
		case <-p.term:
			return
		}
	}
}

type getHeadersPacket struct {
	ID     uint64
	Origin uint64
	Amount uint64
}

type headersPacket struct {
	ID      uint64
	Headers []*Header
}

// RequestHeaders asks the peer for amount headers starting at origin.
func (p *Peer) RequestHeaders(origin, amount uint64, sink chan *Response) (*Request, error) {
	id := atomic.AddUint64(&p.nextID, 1)
	req := &Request{
		id:   id,
		sink: sink,
		code: getBlockHeadersMsg,
		want: blockHeadersMsg,
		data: &getHeadersPacket{ID: id, Origin: origin, Amount: amount},
	}
	if err := p.dispatchRequest(req); err != nil {
		return nil, err
	}
	return req, nil
}

// Handle is the message loop of the peer, run by the p2p server.
func Handle(p *Peer) error {
	for {
		msg, err := p.rw.ReadMsg()
		if err != nil {
			return err
		}
		if msg.Code != blockHeadersMsg {
			continue
		}
		var pkt headersPacket
		if err := json.Unmarshal(msg.Payload, &pkt); err != nil {
			return err
		}
		if err := p.dispatchResponse(&Response{id: pkt.ID, code: msg.Code, Res: pkt.Headers}); err != nil {
			return err
		}
	}
}

// StartPeer is what the p2p server does for a new eth connection.
func StartPeer(id string, rw MsgReadWriter) *Peer {
	p := NewPeer(id, rw)
	go Handle(p) // report: leakedgo
	return p
}

// fetchHeaders is the syncer side: it gives up when stop is closed, leaving
// the request to be torn down with the peer.
func fetchHeaders(p *Peer, origin, amount uint64, stop <-chan struct{}) ([]*Header, error) {
	sink := make(chan *Response)
	if _, err := p.RequestHeaders(origin, amount, sink); err != nil {
		return nil, err
	}
	select {
	case res := <-sink:
		res.Done <- nil
		return res.Res.([]*Header), nil
	case <-stop:
		return nil, errors.New("sync cancelled")
	}
}

// Sync fetches headers from p until stop is closed, then drops the peer.
func Sync(p *Peer, stop <-chan struct{}) {
	defer p.Close()
	var next uint64
	for {
		headers, err := fetchHeaders(p, next, 192, stop)
		if err != nil {
			return
		}
		next += uint64(len(headers))
	}
}
