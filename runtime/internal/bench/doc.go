// Package bench compares the cost of task.Group with errgroup and with a
// bare sync.WaitGroup. It is a module of its own so that the runtime module
// stays free of dependencies. Run it with
//
//	go test -run='^$' -bench=. -count=10 | tee out.txt
//	benchstat -col /impl out.txt
//
// Timings on a loaded machine are noisy; the command cmd/spawnjoin counts
// instructions instead.
package bench
