package engine

// Fields selected through a defined pointer type (type netStackPtr
// *netStack) are the fields of the struct it points to.

type netStack struct {
	onClose func()
	ch      chan int
}

type netStackPtr *netStack

func newNetStack() netStackPtr {
	return &netStack{onClose: func() {}, ch: make(chan int)}
}

func closeNetStack(p netStackPtr) {
	p.onClose()
	<-p.ch // want `closeNetStack blocks forever receiving from p.ch \(line \d+\): nothing sends on it or closes it`
}
