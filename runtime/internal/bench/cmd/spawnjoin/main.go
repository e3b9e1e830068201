// Command spawnjoin runs one implementation of the SpawnJoin benchmarks a
// given number of times, for counting instructions, which unlike time does
// not depend on the load of the machine:
//
//	go build ./cmd/spawnjoin
//	count() { GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind \
//		--callgrind-out-file=/dev/null ./spawnjoin "$@" 2>&1 | sed -n 's/.*Collected : //p'; }
//	echo $(( ($(count -impl taskgroup -iters 20000) - $(count -impl taskgroup -iters 0)) / 20000 ))
//
// prints the instructions per spawn+join of one task. (Callgrind needs
// asynchronous preemption off: it cannot follow the signals.)
package main

import (
	"context"
	"flag"
	"log"

	"github.com/structlint/structlint/runtime/internal/bench"
)

func main() {
	impl := flag.String("impl", "taskgroup", "taskgroup, errgroup, conc or waitgroup")
	n := flag.Int("n", 1, "tasks per iteration")
	iters := flag.Int("iters", 1000, "iterations")
	useCtx := flag.Bool("ctx", false, "tasks poll ctx.Done(), as in BenchmarkSpawnJoinDone")
	flag.Parse()
	for _, im := range bench.Impls {
		if im.Name == *impl {
			run := im.Noop
			if *useCtx {
				run = im.Done
			}
			for range *iters {
				run(context.Background(), *n)
			}
			return
		}
	}
	log.Fatalf("no implementation %q", *impl)
}
