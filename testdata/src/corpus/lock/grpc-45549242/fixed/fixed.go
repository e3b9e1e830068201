// Package fixed is the twin of package bug with the upstream fix of
// grpc/grpc-go 45549242f79aacb850de77336a76777bef8bbe01 applied:
// switchBalancer releases cc.mu while the old balancer wrapper closes, and
// the resolver wrapper serialises its incoming calls with incomingMu.
package fixed

import (
	"errors"
	"strings"
	"sync"
)

var errConnClosing = errors.New("grpc: the client connection is closing")

// event is a one-shot signal.
type event struct {
	once sync.Once
	c    chan struct{}
}

func newEvent() *event { return &event{c: make(chan struct{})} }

func (e *event) Fire() { e.once.Do(func() { close(e.c) }) }

func (e *event) Done() <-chan struct{} { return e.c }

func (e *event) HasFired() bool {
	select {
	case <-e.c:
		return true
	default:
		return false
	}
}

// unbounded is a queue whose Put never blocks: one item waits in c, the
// rest in backlog.
type unbounded struct {
	c       chan interface{}
	mu      sync.Mutex
	backlog []interface{}
}

func newUnbounded() *unbounded { return &unbounded{c: make(chan interface{}, 1)} }

func (b *unbounded) Put(t interface{}) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.backlog) == 0 {
		select {
		case b.c <- t:
			return
		default:
		}
	}
	b.backlog = append(b.backlog, t)
}

func (b *unbounded) Load() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.backlog) > 0 {
		select {
		case b.c <- b.backlog[0]:
			b.backlog = b.backlog[1:]
		default:
		}
	}
}

func (b *unbounded) Get() <-chan interface{} { return b.c }

// SubConn, Balancer and BalancerClientConn are the load-balancing API.
type SubConn interface{ Connect() }

type BalancerClientConn interface {
	NewSubConn(addrs []string) (SubConn, error)
	RemoveSubConn(sc SubConn)
}

type Balancer interface {
	UpdateAddresses(addrs []string)
	UpdateSubConnState(sc SubConn, ready bool)
	Close()
}

type Builder interface {
	Name() string
	Build(cc BalancerClientConn) Balancer
}

type addrConn struct {
	cc    *ClientConn
	addrs []string
	mu    sync.Mutex
	acbw  *acBalancerWrapper
}

func (ac *addrConn) tearDown(err error) {}

type acBalancerWrapper struct {
	mu sync.Mutex
	ac *addrConn
}

func (acbw *acBalancerWrapper) Connect() {}

func (acbw *acBalancerWrapper) getAddrConn() *addrConn {
	acbw.mu.Lock()
	defer acbw.mu.Unlock()
	return acbw.ac
}

type scStateUpdate struct {
	sc    SubConn
	ready bool
}

// ccBalancerWrapper sits between the ClientConn and the balancer and calls
// the balancer from one goroutine only.
type ccBalancerWrapper struct {
	cc         *ClientConn
	balancerMu sync.Mutex
	balancer   Balancer
	updateCh   *unbounded
	closed     *event
	done       *event

	mu       sync.Mutex
	subConns map[*acBalancerWrapper]struct{}
}

func newCCBalancerWrapper(cc *ClientConn, b Builder) *ccBalancerWrapper {
	ccb := &ccBalancerWrapper{
		cc:       cc,
		updateCh: newUnbounded(),
		closed:   newEvent(),
		done:     newEvent(),
		subConns: make(map[*acBalancerWrapper]struct{}),
	}
	go ccb.watcher()
	ccb.balancer = b.Build(ccb)
	return ccb
}

func (ccb *ccBalancerWrapper) watcher() {
	for {
		select {
		case t := <-ccb.updateCh.Get():
			ccb.updateCh.Load()
			if ccb.closed.HasFired() {
				break
			}
			switch u := t.(type) {
			case *scStateUpdate:
				ccb.balancerMu.Lock()
				ccb.balancer.UpdateSubConnState(u.sc, u.ready)
				ccb.balancerMu.Unlock()
			case *acBalancerWrapper:
				ccb.mu.Lock()
				if ccb.subConns != nil {
					delete(ccb.subConns, u)
					ccb.cc.removeAddrConn(u.getAddrConn(), errConnClosing)
				}
				ccb.mu.Unlock()
			}
		case <-ccb.closed.Done():
		}

		if ccb.closed.HasFired() {
			ccb.balancerMu.Lock()
			ccb.balancer.Close()
			ccb.balancerMu.Unlock()
			ccb.mu.Lock()
			scs := ccb.subConns
			ccb.subConns = nil
			ccb.mu.Unlock()
			ccb.done.Fire()
			for acbw := range scs {
				ccb.cc.removeAddrConn(acbw.getAddrConn(), errConnClosing)
			}
			return
		}
	}
}

func (ccb *ccBalancerWrapper) close() {
	ccb.closed.Fire()
	<-ccb.done.Done()
}

func (ccb *ccBalancerWrapper) updateAddresses(addrs []string) {
	ccb.balancerMu.Lock()
	defer ccb.balancerMu.Unlock()
	ccb.balancer.UpdateAddresses(addrs)
}

func (ccb *ccBalancerWrapper) NewSubConn(addrs []string) (SubConn, error) {
	if len(addrs) == 0 {
		return nil, errors.New("grpc: cannot create SubConn with empty address list")
	}
	ccb.mu.Lock()
	defer ccb.mu.Unlock()
	if ccb.subConns == nil {
		return nil, errors.New("grpc: balancer wrapper was closed")
	}
	ac, err := ccb.cc.newAddrConn(addrs)
	if err != nil {
		return nil, err
	}
	acbw := &acBalancerWrapper{ac: ac}
	ac.mu.Lock()
	ac.acbw = acbw
	ac.mu.Unlock()
	ccb.subConns[acbw] = struct{}{}
	return acbw, nil
}

// RemoveSubConn is handled on the watcher goroutine.
func (ccb *ccBalancerWrapper) RemoveSubConn(sc SubConn) {
	ccb.updateCh.Put(sc)
}

type ClientConn struct {
	builders map[string]Builder

	mu              sync.RWMutex
	conns           map[*addrConn]struct{}
	curBalancerName string
	balancerWrapper *ccBalancerWrapper
}

func (cc *ClientConn) newAddrConn(addrs []string) (*addrConn, error) {
	ac := &addrConn{cc: cc, addrs: addrs}
	cc.mu.Lock()
	if cc.conns == nil {
		cc.mu.Unlock()
		return nil, errConnClosing
	}
	cc.conns[ac] = struct{}{}
	cc.mu.Unlock()
	return ac, nil
}

func (cc *ClientConn) removeAddrConn(ac *addrConn, err error) {
	cc.mu.Lock()
	if cc.conns == nil {
		cc.mu.Unlock()
		return
	}
	delete(cc.conns, ac)
	cc.mu.Unlock()
	ac.tearDown(err)
}

// switchBalancer closes the current balancer and builds the named one.
//
// Caller must hold cc.mu.
func (cc *ClientConn) switchBalancer(name string) {
	if strings.EqualFold(cc.curBalancerName, name) {
		return
	}
	if cc.balancerWrapper != nil {
		// Don't hold cc.mu while closing the balancers. The balancers may
		// call methods that require cc.mu (e.g. cc.NewSubConn()). Holding
		// the mutex would cause a deadlock in that case.
		cc.mu.Unlock()
		cc.balancerWrapper.close()
		cc.mu.Lock()
	}
	builder, ok := cc.builders[name]
	if !ok {
		builder = cc.builders["pick_first"]
	}
	cc.curBalancerName = builder.Name()
	cc.balancerWrapper = newCCBalancerWrapper(cc, builder)
}

type serviceConfig struct {
	lbPolicy string
}

func (cc *ClientConn) applyServiceConfigAndBalancer(sc *serviceConfig, addrs []string) {
	name := "pick_first"
	if sc != nil && sc.lbPolicy != "" {
		name = sc.lbPolicy
	}
	cc.switchBalancer(name)
}

func (cc *ClientConn) updateResolverState(addrs []string, sc *serviceConfig) error {
	cc.mu.Lock()
	if cc.conns == nil {
		cc.mu.Unlock()
		return nil
	}
	cc.applyServiceConfigAndBalancer(sc, addrs)
	bw := cc.balancerWrapper
	cc.mu.Unlock()
	bw.updateAddresses(addrs)
	return nil
}

// ccResolverWrapper is how the name resolver reports to the ClientConn.
type ccResolverWrapper struct {
	cc   *ClientConn
	done *event

	incomingMu sync.Mutex // Synchronizes all the incoming calls.
}

func (ccr *ccResolverWrapper) UpdateState(addrs []string, sc *serviceConfig) error {
	ccr.incomingMu.Lock()
	defer ccr.incomingMu.Unlock()
	if ccr.done.HasFired() {
		return nil
	}
	return ccr.cc.updateResolverState(addrs, sc)
}

// pickFirst connects to the first address and drops its SubConn on Close.
type pickFirstBuilder struct{}

func (pickFirstBuilder) Name() string { return "pick_first" }

func (pickFirstBuilder) Build(cc BalancerClientConn) Balancer { return &pickFirst{cc: cc} }

type pickFirst struct {
	cc BalancerClientConn
	sc SubConn
}

func (b *pickFirst) UpdateAddresses(addrs []string) {
	if b.sc != nil {
		b.cc.RemoveSubConn(b.sc)
	}
	sc, err := b.cc.NewSubConn(addrs[:1])
	if err != nil {
		return
	}
	b.sc = sc
	sc.Connect()
}

func (b *pickFirst) UpdateSubConnState(sc SubConn, ready bool) {}

func (b *pickFirst) Close() {
	if b.sc != nil {
		b.cc.RemoveSubConn(b.sc)
	}
}

// roundRobin opens one SubConn per address, and on Close opens a last
// SubConn to drain in-flight work.
type roundRobinBuilder struct{}

func (roundRobinBuilder) Name() string { return "round_robin" }

func (roundRobinBuilder) Build(cc BalancerClientConn) Balancer { return &roundRobin{cc: cc} }

type roundRobin struct {
	cc    BalancerClientConn
	addrs []string
	scs   []SubConn
}

func (b *roundRobin) UpdateAddresses(addrs []string) {
	b.addrs = addrs
	for _, sc := range b.scs {
		b.cc.RemoveSubConn(sc)
	}
	b.scs = nil
	for _, a := range addrs {
		if sc, err := b.cc.NewSubConn([]string{a}); err == nil {
			b.scs = append(b.scs, sc)
		}
	}
}

func (b *roundRobin) UpdateSubConnState(sc SubConn, ready bool) {}

func (b *roundRobin) Close() {
	if len(b.addrs) > 0 {
		if sc, err := b.cc.NewSubConn(b.addrs[:1]); err == nil {
			b.cc.RemoveSubConn(sc)
		}
	}
}

func Dial() (*ClientConn, *ccResolverWrapper) {
	cc := &ClientConn{
		builders: map[string]Builder{"pick_first": pickFirstBuilder{}, "round_robin": roundRobinBuilder{}},
		conns:    make(map[*addrConn]struct{}),
	}
	return cc, &ccResolverWrapper{cc: cc, done: newEvent()}
}
