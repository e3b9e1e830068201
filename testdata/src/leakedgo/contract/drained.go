package contract

// A scan whose parse goroutines each send one result on a field channel
// that a later step receives: the function that owns the scanner drains
// what is left in a deferred loop, so an early return leaves no goroutine
// waiting to send. The twin's deferred function does something else.

type parsed struct {
	name string
	ok   bool
}

type scan struct {
	results   chan parsed
	remaining int
	files     []string
	done      []parsed
}

func (s *scan) parseAll(names []string) {
	for _, n := range names {
		s.remaining++
		go func() { s.results <- parse(n) }() // want `goroutine blocks forever sending on s.results \(line \d+\) when runScanLogged, which handed it to parseAll at line \d+, returns at line \d+`
	}
}

func (s *scan) collect() {
	for s.remaining > 0 {
		s.done = append(s.done, <-s.results)
		s.remaining--
	}
}

func parse(name string) parsed { return parsed{name: name, ok: name != ""} }

func cancelled() bool { return false }

func runScan(names []string) []parsed {
	s := scan{results: make(chan parsed)}
	defer func() {
		for s.remaining > 0 {
			<-s.results
			s.remaining--
		}
	}()
	if cancelled() {
		return nil
	}
	s.parseAll(names)
	if cancelled() {
		return nil
	}
	s.collect()
	return s.done
}

func runScanLogged(names []string, log func(string)) []parsed {
	s := scan{results: make(chan parsed)}
	defer func() { log("scan over") }()
	s.parseAll(names)
	if cancelled() {
		return nil
	}
	s.collect()
	return s.done
}
