package locks

import "sync"

// --- A lock its receiver takes before the channel exists, or before it
// publishes the channel where senders find it, cannot hold up a sender
// on that channel: only what it takes between publishing and receiving
// counts.

type job struct {
	done chan error
}

type scheduler struct {
	mu      sync.Mutex
	pending []*job
	version int
}

// schedule runs with s.mu held, and completes the jobs it finds.
func (s *scheduler) schedule() {
	for _, j := range s.pending {
		j.done <- nil
	}
	s.pending = nil
}

func (s *scheduler) Tick() {
	s.mu.Lock()
	s.schedule()
	s.mu.Unlock()
}

func (s *scheduler) newJobs(n int) []*job {
	s.mu.Lock()
	v := s.version
	s.mu.Unlock()
	jobs := make([]*job, 0, n+v-v)
	for range n {
		jobs = append(jobs, &job{done: make(chan error)})
	}
	return jobs
}

// Run takes s.mu to make its jobs and to publish them, then waits for
// them without it, round after round.
func (s *scheduler) Run(rounds, n int) error {
	for range rounds {
		jobs := s.newJobs(n)
		s.mu.Lock()
		s.pending = append(s.pending, jobs...)
		s.mu.Unlock()
		for _, j := range jobs {
			if err := <-j.done; err != nil {
				return err
			}
		}
	}
	return nil
}

// The same with a receiver that takes the lock after publishing, before
// it receives: a Tick that holds mu and blocks sending to it waits for it
// forever.

type loggedJob struct{ done chan error }

type loggedScheduler struct {
	mu      sync.Mutex
	pending []*loggedJob
	rounds  int
}

func (s *loggedScheduler) Tick() {
	s.mu.Lock()
	for _, j := range s.pending {
		j.done <- nil // want `Tick blocks forever sending on j.done \(line \d+\) while it holds s.mu \(locked at line \d+\)`
	}
	s.pending = nil
	s.mu.Unlock()
}

func (s *loggedScheduler) Run(n int) error {
	jobs := make([]*loggedJob, 0, n)
	for range n {
		jobs = append(jobs, &loggedJob{done: make(chan error)})
	}
	s.mu.Lock()
	s.pending = append(s.pending, jobs...)
	s.mu.Unlock()
	for _, j := range jobs {
		s.mu.Lock()
		s.rounds++
		s.mu.Unlock()
		if err := <-j.done; err != nil {
			return err
		}
	}
	return nil
}
