// Package bench compares the cost of task.Group with errgroup, with conc's
// context pool, and with a bare sync.WaitGroup. It is a module of its own
// so that the runtime module stays free of dependencies. Run it with
//
//	go test -c -o bench.test
//	for i in $(seq 10); do ./bench.test -test.run='^$' -test.bench=. -test.benchmem; done | tee out.txt
//	benchstat -col /impl -row .name,/n out.txt
//
// one process per sample, not -count=10: -count repeats each
// implementation's benchmark in a row, so on a machine whose speed drifts
// (a shared VM) the implementations' samples are taken at different times,
// and the drift reads as a difference between them. Measured here: with
// -count=10, errgroup's ten samples of one row fell in a fast minute and
// came out 58% faster than task.Group's; run as above, 7% slower. Each
// process runs the implementations in a different order (rotated), so
// that none always runs right after the same other one.
//
// Timings on a loaded machine are noisy; the command cmd/spawnjoin counts
// instructions instead.
package bench
