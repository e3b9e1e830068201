package engine

func NewRelay(stop <-chan struct{}) *Relay {
	r := &Relay{in: make(chan int)}
	go r.run(stop)
	return r
}

func (r *Relay) run(stop <-chan struct{}) {
	for {
		select {
		case v := <-r.in:
			_ = v
		case <-stop:
			return
		}
	}
}
