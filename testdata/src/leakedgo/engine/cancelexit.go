package engine

import "context"

// A goroutine that cancels a context as the last thing it does: the
// spawner's return through that context's Done comes when the goroutine
// is past all its sends (podman's ContainerLogs, evaluation set 25).

func streamLines(out chan<- string, lines []string) error {
	for _, l := range lines {
		out <- l
	}
	return nil
}

func followLogs(lines []string, write func(string)) error {
	var err error
	out := make(chan string)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		err = streamLines(out, lines)
		cancel()
	}()
	for {
		select {
		case <-ctx.Done():
			return err
		case l := <-out:
			write(l)
		}
	}
}

// The same with the cancel deferred, in a method.

type follower struct{ out chan string }

func newFollower() *follower { return &follower{out: make(chan string)} }

func (f *follower) stream(cancel context.CancelFunc, lines []string) {
	defer cancel()
	for _, l := range lines {
		f.out <- l
	}
}

func (f *follower) follow(lines []string, write func(string)) {
	ctx, cancel := context.WithCancel(context.Background())
	go f.stream(cancel, lines)
	for {
		select {
		case <-ctx.Done():
			return
		case l := <-f.out:
			write(l)
		}
	}
}

// The twin cancels before its last send: a return through Done can leave
// that send blocked.

func followEarly(write func(string)) {
	out := make(chan string)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { // want `goroutine blocks forever sending on out \(line \d+\) when followEarly returns at line \d+ through <-ctx.Done\(\)`
		out <- "first"
		cancel()
		out <- "second"
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case l := <-out:
			write(l)
		}
	}
}
