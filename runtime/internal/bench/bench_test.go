package bench

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkSpawnJoin starts n tasks that do nothing and waits for them.
func BenchmarkSpawnJoin(b *testing.B) {
	benchmark(b, func(im Impl) func(context.Context, int) { return im.Noop })
}

// BenchmarkSpawnJoinDone starts n tasks that each poll ctx.Done(), as tasks
// that do I/O would, and waits for them: the group's context is used.
func BenchmarkSpawnJoinDone(b *testing.B) {
	benchmark(b, func(im Impl) func(context.Context, int) { return im.Done })
}

func benchmark(b *testing.B, pick func(Impl) func(context.Context, int)) {
	ctx := context.Background()
	for _, n := range []int{1, 100, 10000} {
		for _, impl := range Impls {
			run := pick(impl)
			b.Run(fmt.Sprintf("impl=%s/n=%d", impl.Name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					run(ctx, n)
				}
			})
		}
	}
}
