package contract

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

func newTable() *table {
	t := &table{}
	t.feed = newBroadcaster() // want `newBroadcaster starts a goroutine that only its Close ends, but newTable keeps it in field feed, on which nothing in the package calls Close`
	return t
}

// Twins: an owner whose Close (through a helper) closes the field, and a
// field other packages can reach, whose Close is theirs.

type Store struct{ events *broadcaster }

func NewStore() *Store { return &Store{events: newBroadcaster()} }

func (s *Store) Close()    { s.shutdown() }
func (s *Store) shutdown() { ev := s.events; ev.Close() }

type Bus struct{ Events *broadcaster }

func NewBus() *Bus { return &Bus{Events: newBroadcaster()} }
