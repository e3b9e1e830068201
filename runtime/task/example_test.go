//go:build go1.22

package task_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/structlint/structlint/runtime/task"
)

// Fan out one task per URL. The first failure cancels the group's context,
// so the other fetches stop; they return ctx.Err(), which is an echo of the
// cancellation, not a failure of their own, so only the real error is
// reported.
func Example_fanOut() {
	fetch := func(ctx context.Context, url string) error {
		if url == "https://b.example" {
			return fmt.Errorf("fetch %s: 503 Service Unavailable", url)
		}
		<-ctx.Done() // the other servers are slow
		return ctx.Err()
	}

	urls := []string{"https://a.example", "https://b.example", "https://c.example"}
	err := task.Run(context.Background(), func(ctx context.Context, g *task.Group) error {
		for _, url := range urls {
			g.Go(func(ctx context.Context) error { return fetch(ctx, url) })
		}
		return nil
	})
	fmt.Println(err)
	// Output: fetch https://b.example: 503 Service Unavailable
}

// Two calls take 5 s each. A 4 s deadline on each call fails both, but one
// 8 s deadline over both calls, made concurrently, leaves each the time it
// needs: a timeout belongs to the work as a whole, not to each step.
func Example_oneDeadline() {
	// call stands in for a remote call that takes 5 s. Like a server that
	// reads its caller's deadline, it fails at once when the deadline leaves
	// it too little time, so this example does not need to wait.
	call := func(ctx context.Context, name string) error {
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < 5*time.Second {
			return fmt.Errorf("%s: %w", name, context.DeadlineExceeded)
		}
		return nil
	}
	bothCalls := func(ctx context.Context, call func(ctx context.Context, name string) error) error {
		return task.Run(ctx, func(ctx context.Context, g *task.Group) error {
			g.Go(func(ctx context.Context) error { return call(ctx, "a") })
			g.Go(func(ctx context.Context) error { return call(ctx, "b") })
			return nil
		})
	}

	// A 4 s timeout on each call.
	err := bothCalls(context.Background(), func(ctx context.Context, name string) error {
		return task.Timeout(ctx, 4*time.Second, func(ctx context.Context) error { return call(ctx, name) })
	})
	failures := err.(interface{ Unwrap() []error }).Unwrap()
	slices.SortFunc(failures, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	fmt.Println("4 s on each call:", failures)

	// One 8 s timeout over both.
	err = task.Timeout(context.Background(), 8*time.Second, func(ctx context.Context) error {
		return bothCalls(ctx, call)
	})
	fmt.Println("8 s over both:", err)
	// Output:
	// 4 s on each call: [a: context deadline exceeded b: context deadline exceeded]
	// 8 s over both: <nil>
}

// A task hands the group to the functions it calls, which start more tasks
// in it. Wait waits for all of them, however deep the recursion goes.
func Example_handOff() {
	links := map[string][]string{"/": {"/a", "/b"}, "/a": {"/a/1", "/a/2"}}
	var mu sync.Mutex
	var seen []string

	var crawl func(g *task.Group, page string)
	crawl = func(g *task.Group, page string) {
		g.Go(func(ctx context.Context) error {
			mu.Lock()
			seen = append(seen, page)
			mu.Unlock()
			for _, next := range links[page] {
				crawl(g, next) // a child that starts its own tasks in g
			}
			return nil
		})
	}

	g := task.NewGroup(context.Background())
	crawl(g, "/")
	err := g.Wait()
	slices.Sort(seen)
	fmt.Println(seen, err)
	// Output: [/ /a /a/1 /a/2 /b] <nil>
}

// Spawn returns a Future for a task's result.
func ExampleSpawn() {
	err := task.Run(context.Background(), func(ctx context.Context, g *task.Group) error {
		price := task.Spawn(g, func(ctx context.Context) (int, error) { return 40, nil })
		shipping := task.Spawn(g, func(ctx context.Context) (int, error) { return 2, nil })
		p, err := price.Result()
		if err != nil {
			return err
		}
		s, err := shipping.Result()
		if err != nil {
			return err
		}
		fmt.Println("total:", p+s)
		return nil
	})
	fmt.Println(err)
	// Output:
	// total: 42
	// <nil>
}

// Start runs a server as a task of the group and returns once it is ready
// to serve, with the address it signaled; clients can then be started.
// Here the server is a channel.
func ExampleStart() {
	err := task.Run(context.Background(), func(ctx context.Context, g *task.Group) error {
		requests, err := task.Start(g, func(ctx context.Context, ready func(chan<- string)) error {
			requests := make(chan string)
			ready(requests)
			for {
				select {
				case r := <-requests:
					fmt.Println("served", r)
				case <-ctx.Done():
					return ctx.Err()
				}
			}
		})
		if err != nil {
			return err
		}
		requests <- "GET /"
		return errors.New("done") // stops the server
	})
	fmt.Println(err)
	// Output:
	// served GET /
	// done
}

// An idle timeout: the deadline moves forward with every message, and the
// scope times out when none arrives for 10 ms.
func ExampleWithDeadline() {
	messages := make(chan string, 3)
	messages <- "a"
	messages <- "b"
	messages <- "c"

	const idle = 10 * time.Millisecond
	err := task.WithDeadline(context.Background(), time.Now().Add(idle), func(ctx context.Context, d *task.Deadline) error {
		for {
			select {
			case m := <-messages:
				fmt.Println("got", m)
				d.Reschedule(time.Now().Add(idle))
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	})
	fmt.Println(errors.Is(err, task.ErrTimeout))
	// Output:
	// got a
	// got b
	// got c
	// true
}

// Cancel stops a group that has done its job: here, the first worker to
// find the answer stops the others. Their ctx.Err() is an echo of the
// cancellation, so Wait returns nil.
func ExampleGroup_Cancel() {
	g := task.NewGroup(context.Background())
	found := make(chan int, 1)
	for worker := range 4 {
		g.Go(func(ctx context.Context) error {
			if worker == 2 { // the one that finds it
				found <- 42
				g.Cancel()
				return nil
			}
			<-ctx.Done() // the others search until canceled
			return ctx.Err()
		})
	}
	err := g.Wait()
	fmt.Println(<-found, err)
	// Output: 42 <nil>
}

// MoveOnAfter gives work a time budget whose expiry is not an error: here,
// collecting results for as long as 20 ms allows, then moving on with
// what arrived.
func ExampleMoveOnAfter() {
	results := make(chan string, 2)
	results <- "a"
	results <- "b" // and nothing more arrives in time
	var got []string
	expired, err := task.MoveOnAfter(context.Background(), 20*time.Millisecond, func(ctx context.Context) error {
		for {
			select {
			case r := <-results:
				got = append(got, r)
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	})
	fmt.Println(got, expired, err)
	// Output: [a b] true <nil>
}

// Shield runs cleanup that must finish although the caller was canceled,
// under a deadline of its own.
func ExampleShield() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the request was canceled; its session must still be closed

	closeSession := func(ctx context.Context) error {
		if err := ctx.Err(); err != nil {
			return err // what an unshielded call would see
		}
		fmt.Println("session closed")
		return nil
	}
	fmt.Println("unshielded:", closeSession(ctx))
	fmt.Println("shielded:", task.Shield(ctx, 5*time.Second, closeSession))
	// Output:
	// unshielded: context canceled
	// session closed
	// shielded: <nil>
}

// WriteTree shows where each group and named task sits, for instance when
// the program is stuck.
func ExampleWriteTree() {
	task.Run(context.Background(), func(ctx context.Context, g *task.Group) error {
		g.GoNamed("janitor", func(ctx context.Context) error {
			<-ctx.Done()
			return nil
		})
		task.WriteTree(os.Stdout)
		return errors.New("stop")
	})
}
