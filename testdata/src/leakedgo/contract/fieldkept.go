package contract

import "leakedgo/contract/worker"

// A value whose goroutine only its Close ends, kept in a field of the
// package's type: the field takes on the duty to stop it, and a Close of
// the owner that never calls the field's Close drops it (moby's
// NetworkDB, whose Close forgot its broadcaster).

type broadcaster struct{ stop chan struct{} }

func newBroadcaster() *broadcaster {
	b := &broadcaster{stop: make(chan struct{})}
	go b.run()
	return b
}

func (b *broadcaster) run()   { <-b.stop }
func (b *broadcaster) Close() { close(b.stop) }

type NetworkDB struct {
	name   string
	events *broadcaster
}

func NewNetworkDB(name string) *NetworkDB {
	return &NetworkDB{name: name, events: newBroadcaster()} // want `newBroadcaster starts a goroutine that only its Close ends, but NewNetworkDB keeps it in field events, on which nothing in the package calls Close`
}

func (db *NetworkDB) Close() { db.name = "" }

// The same, set after the owner is made.
type table struct{ feed *broadcaster }

func NewTable() *table {
	t := &table{}
	t.feed = newBroadcaster() // want `newBroadcaster starts a goroutine that only its Close ends, but NewTable keeps it in field feed, on which nothing in the package calls Close, not even \(\*contract.table\).Stop`
	return t
}

func (t *table) Stop() {}

// Near misses: an owner with no end of its own (no Close, Stop or the
// like) keeps the value as long as the process keeps the owner: nothing
// was meant to stop it, as for a loop working for such a value (strict
// mode reports them). So is one a dependency injector's constructor
// returns inside an unnamed struct.
type index struct{ feed *broadcaster }

func NewIndex() *index {
	ix := &index{}
	ix.feed = newBroadcaster()
	return ix
}

type Registry struct{ events *broadcaster }

type Out struct{}

func NewRegistry() (out struct {
	Out
	*Registry
}) {
	out.Registry = &Registry{events: newBroadcaster()}
	return out
}

// Twins: an owner whose Close (through a helper) closes the field, and a
// field other packages can reach, whose Close is theirs.

type Store struct{ events *broadcaster }

func NewStore() *Store { return &Store{events: newBroadcaster()} }

func (s *Store) Close()    { s.shutdown() }
func (s *Store) shutdown() { ev := s.events; ev.Close() }

type Bus struct{ Events *broadcaster }

func NewBus() *Bus { return &Bus{Events: newBroadcaster()} }

// A value the owner makes into its field and starts from there is the
// value it made: the field is another name for it. Nothing calls Stop on
// the field, not even the owner's Close (the go-plugin server, whose Stop
// forgot its broker).
type crew struct {
	w    *worker.Worker
	name string
}

func (p *crew) Start() {
	p.w = worker.New()
	p.w.Start() // want `p.w.Start starts a goroutine that only its Stop ends, but Start keeps it in field w, on which nothing in the package calls Stop, not even \(\*contract.crew\).Close`
}

func (p *crew) Close() { p.name = "" }

// Twins: the owner's Close stops the field; a stop deferred through the
// field; a field set from the caller's value.
type stoppedCrew struct{ w *worker.Worker }

func (p *stoppedCrew) Start() {
	p.w = worker.New()
	p.w.Start()
}

func (p *stoppedCrew) Close() { p.w.Stop() }

type checkedCrew struct{ w *worker.Worker }

func runChecked(jobs []func()) {
	var p checkedCrew
	p.w = worker.New()
	p.w.Start()
	defer p.w.Stop()
	for _, j := range jobs {
		p.w.Do(j)
	}
}

type givenCrew struct{ w *worker.Worker }

func (p *givenCrew) Start(w *worker.Worker) {
	p.w = w
	p.w.Start()
}
