package engine

// A count of started goroutines that is zero says none was started,
// whatever else the test that reads it asks, and a helper that then takes
// as many results as were started takes them all.

type result struct {
	err  error
	must bool
}

type gatherer struct{ n, must int }

func (g gatherer) wait(results chan result) []error {
	var errs []error
	got, musts := 0, 0
	if g.n < 1 {
		return nil
	}
	for r := range results {
		got++
		if r.must {
			musts++
		}
		if r.err != nil {
			errs = append(errs, r.err)
		}
		if got == g.n {
			break
		}
	}
	return errs
}

func stopAll(hosts map[string]func() error, skip map[string]bool, primary string) ([]error, bool) {
	results := make(chan result)
	fill := func(h string, must bool) {
		var r result
		defer func() { results <- r }()
		r.must = must
		r.err = hosts[h]()
	}
	started, musts := 0, 0
	for h := range hosts {
		if skip[h] {
			continue
		}
		must := h == primary
		if must {
			musts++
		}
		started++
		go fill(h, must)
	}
	if started == 0 && len(hosts) > 0 {
		return nil, false
	}
	return gatherer{n: started, must: musts}.wait(results), true
}

// The twin gives up when a host was skipped, after starting the others.

func stopEvery(hosts map[string]func() error, skip map[string]bool) []error {
	results := make(chan result)
	fill := func(h string) {
		var r result
		defer func() { results <- r }()
		r.err = hosts[h]()
	}
	started := 0
	for h := range hosts {
		if skip[h] {
			continue
		}
		started++
		go fill(h) // want `goroutine blocks forever sending on results \(line 67\) when stopEvery returns at line 79`
	}
	if started < len(hosts) {
		return nil
	}
	return gatherer{n: started}.wait(results)
}
