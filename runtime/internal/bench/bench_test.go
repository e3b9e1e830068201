package bench

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/structlint/structlint/runtime/task"
	"golang.org/x/sync/errgroup"
)

// BenchmarkSpawnJoin starts n tasks that do nothing and waits for them.
func BenchmarkSpawnJoin(b *testing.B) {
	ctx := context.Background()
	impls := []struct {
		name string
		run  func(n int)
	}{
		{"taskgroup", func(n int) {
			g := task.NewGroup(ctx)
			for range n {
				g.Go(func(context.Context) error { return nil })
			}
			g.Wait()
		}},
		{"errgroup", func(n int) {
			g, _ := errgroup.WithContext(ctx)
			for range n {
				g.Go(func() error { return nil })
			}
			g.Wait()
		}},
		{"waitgroup", func(n int) {
			var wg sync.WaitGroup
			for range n {
				wg.Add(1)
				go func() { wg.Done() }()
			}
			wg.Wait()
		}},
	}
	for _, n := range []int{1, 100, 10000} {
		for _, impl := range impls {
			b.Run(fmt.Sprintf("impl=%s/n=%d", impl.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					impl.run(n)
				}
			})
		}
	}
}
