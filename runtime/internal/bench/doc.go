// Package bench compares the cost of task.Group with errgroup, with conc's
// context pool, and with a bare sync.WaitGroup. It is a module of its own
// so that the runtime module stays free of dependencies. Run it with
//
//	go test -run='^$' -bench=. -count=10 | tee out.txt
//	benchstat -col /impl -row .name,/n out.txt
//
// Each call of a benchmark function runs the implementations in a rotated
// order, so that with -count no implementation always runs in the same
// place, right after the same other one.
//
// Timings on a loaded machine are noisy; the command cmd/spawnjoin counts
// instructions instead.
package bench
