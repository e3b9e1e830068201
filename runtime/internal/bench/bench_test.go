package bench

import (
	"context"
	"fmt"
	"os"
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
	impls := rotated()
	for _, n := range []int{1, 100, 10000} {
		for _, impl := range impls {
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

// BenchmarkNewGroupWaitParallel creates and waits for groups on every P at
// once, with no task (n=0) or one, so that whatever the groups share across
// the process, such as the live tree, is measured under contention.
func BenchmarkNewGroupWaitParallel(b *testing.B) {
	ctx := context.Background()
	impls := rotated()
	for _, n := range []int{0, 1} {
		for _, impl := range impls {
			b.Run(fmt.Sprintf("impl=%s/n=%d", impl.Name, n), func(b *testing.B) {
				b.ReportAllocs()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						impl.Noop(ctx, n)
					}
				})
			})
		}
	}
}

// BenchmarkSharedGroupParallel starts tasks that do nothing in one group
// from every P at once, while they return, and then waits for the group:
// starting a task and a task's return contend on the group's count of
// running tasks.
func BenchmarkSharedGroupParallel(b *testing.B) {
	ctx := context.Background()
	for _, impl := range rotated() {
		b.Run("impl="+impl.Name, func(b *testing.B) {
			b.ReportAllocs()
			spawn, wait := impl.Open(ctx)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					spawn()
				}
			})
			wait()
		})
	}
}

// rotation counts the calls of rotated, from a start that differs between
// processes.
var rotation = os.Getpid()

// rotated returns Impls rotated by one place more on each call, so that
// over the calls that -count makes, every implementation runs in every
// place: effects of the place (what ran just before) become noise, not bias.
func rotated() []Impl {
	r := rotation % len(Impls)
	rotation++
	return append(append([]Impl(nil), Impls[r:]...), Impls[:r]...)
}
