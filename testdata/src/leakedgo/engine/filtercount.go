package engine

// A buffer sized by a first loop that counts, over the same elements and
// under the same tests, what a second loop sends (prow's PartitionActive
// sorts jobs by state into three channels). The second loop sends no more
// than the first counted, so the sends never wait: there is no receiver
// yet.

type jobState string

const (
	jobPending   jobState = "pending"
	jobTriggered jobState = "triggered"
	jobAborted   jobState = "aborted"
)

type jobStatus struct{ state jobState }

type queuedJob struct {
	name   string
	status jobStatus
}

func (j *queuedJob) done() bool { return j.name == "" }

func partitionJobs(jobs []queuedJob) (pending, triggered, aborted chan queuedJob) {
	pendingN, triggeredN, abortedN := 0, 0, 0
	for _, j := range jobs {
		switch j.status.state {
		case jobPending:
			pendingN++
		case jobTriggered:
			triggeredN++
		case jobAborted:
			abortedN++
		}
	}
	pending = make(chan queuedJob, pendingN)
	triggered = make(chan queuedJob, triggeredN)
	aborted = make(chan queuedJob, abortedN)
	for _, j := range jobs {
		switch j.status.state {
		case jobPending:
			pending <- j
		case jobTriggered:
			triggered <- j
		case jobAborted:
			if !j.done() { // a further test sends for fewer
				aborted <- j
			}
		}
	}
	close(pending)
	close(triggered)
	close(aborted)
	return pending, triggered, aborted
}

// The same with ifs, indexes, and the collection in a field.
type jobBoard struct{ jobs []*queuedJob }

func (b *jobBoard) pendingOnly() chan *queuedJob {
	n := 0
	for i := 0; i < len(b.jobs); i++ {
		if b.jobs[i].status.state != jobPending {
			continue
		}
		n++
	}
	out := make(chan *queuedJob, n)
	for _, j := range b.jobs {
		if j.status.state == jobPending {
			out <- j
		}
	}
	close(out)
	return out
}

// Twins. The second loop sends for more states than the first counted.
func partitionWider(jobs []queuedJob) chan queuedJob {
	n := 0
	for _, j := range jobs {
		if j.status.state == jobPending {
			n++
		}
	}
	out := make(chan queuedJob, n)
	for _, j := range jobs {
		if j.status.state == jobPending || j.status.state == jobTriggered {
			out <- j // want `partitionWider blocks forever sending on out \(line \d+\): no other goroutine can have it yet \(made at line \d+\), and the loop can send more than its buffer holds`
		}
	}
	close(out)
	return out
}

// The first loop counts under a test the second does not make.
func partitionUnready(jobs []queuedJob) chan queuedJob {
	n := 0
	for _, j := range jobs {
		if j.status.state == jobPending && !j.done() {
			n++
		}
	}
	out := make(chan queuedJob, n)
	for _, j := range jobs {
		if j.status.state == jobPending {
			out <- j // want `partitionUnready blocks forever sending on out`
		}
	}
	close(out)
	return out
}

// The first loop stops early.
func partitionFirst(jobs []queuedJob) chan queuedJob {
	n := 0
	for _, j := range jobs {
		if j.name == "" {
			break
		}
		if j.status.state == jobPending {
			n++
		}
	}
	out := make(chan queuedJob, n)
	for _, j := range jobs {
		if j.status.state == jobPending {
			out <- j // want `partitionFirst blocks forever sending on out`
		}
	}
	close(out)
	return out
}

// The loops go over different jobs of the same number.
func partitionOther(jobs, others []queuedJob) chan queuedJob {
	if len(others) != len(jobs) {
		return nil
	}
	n := 0
	for i := range jobs {
		if others[i].status.state == jobPending {
			n++
		}
	}
	out := make(chan queuedJob, n)
	for _, j := range jobs {
		if j.status.state == jobPending {
			out <- j // want `partitionOther blocks forever sending on out`
		}
	}
	close(out)
	return out
}

// The first loop counts a state the element's copy no longer has: the
// second compares another field.
func partitionName(jobs []queuedJob) chan queuedJob {
	n := 0
	for _, j := range jobs {
		if j.status.state == "x" {
			n++
		}
	}
	out := make(chan queuedJob, n)
	for _, j := range jobs {
		if j.name == "x" {
			out <- j // want `partitionName blocks forever sending on out`
		}
	}
	close(out)
	return out
}
