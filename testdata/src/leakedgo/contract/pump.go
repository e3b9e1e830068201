package contract

// A copier whose run starts its consumer and, through a helper, the pump
// that feeds and then closes what the consumer ranges over: the pump is
// part of run, not a method run's callers must call.
type copyName struct{ s string }

type copier struct{ files chan copyName }

func (c *copier) run(names []string) {
	go c.consume()
	c.startPump(names)
}

func (c *copier) startPump(names []string) { go c.pump(names) }

func (c *copier) pump(names []string) {
	for _, n := range names {
		c.files <- copyName{n}
	}
	close(c.files)
}

func (c *copier) consume() {
	for n := range c.files {
		_ = n
	}
}

func copyAll(names []string) {
	c := &copier{files: make(chan copyName)}
	c.run(names)
}

// A feeder whose Start starts only the consumer: the caller must call
// Finish to end it.
type feedName struct{ s string }

type feeder struct{ files chan feedName }

func (f *feeder) Start() { go f.consume() }

func (f *feeder) consume() {
	for n := range f.files {
		_ = n
	}
}

func (f *feeder) Finish() { close(f.files) }

func feedNothing() {
	f := &feeder{files: make(chan feedName)}
	f.Start() // want `f.Start starts a goroutine that only f.Finish ends, but feedNothing returns at line \d+ without calling it`
}
