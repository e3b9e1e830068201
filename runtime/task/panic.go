package task

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// A PanicError is a panic recovered from a task. Wait re-panics with one in
// the waiting goroutine, so the panic surfaces where the group is joined,
// with the stack of the task that panicked and the group's other failures.
type PanicError struct {
	// Value is the value the task panicked with.
	Value any
	// Stack is the task goroutine's stack at the panic, as formatted by
	// runtime/debug.Stack.
	Stack []byte
	// Task is the name of the task that panicked, or "" if it had none.
	Task string
	// Errors holds the group's other failures, in the order they were
	// recorded: the errors of other tasks, later panics (as *PanicError),
	// and the parent's cause if Wait would have listed it. Only the
	// PanicError that Wait panics with has them; the one a task's context
	// cause or a Future holds has none. When a task re-panics with the
	// PanicError of a nested group's Wait, that group's failures come
	// first.
	Errors []error
}

// Error describes the panic, the group's other failures, and the task's
// stack, so that a re-raised panic that crashes the program prints where it
// happened and everything else that went wrong.
func (p *PanicError) Error() string {
	var b strings.Builder
	if p.Task != "" {
		fmt.Fprintf(&b, "task %q panicked: %v", p.Task, p.Value)
	} else {
		fmt.Fprintf(&b, "task panicked: %v", p.Value)
	}
	switch len(p.Errors) {
	case 0:
	case 1:
		b.WriteString("\nthe group's other failure:")
	default:
		fmt.Fprintf(&b, "\nthe group's %d other failures:", len(p.Errors))
	}
	for _, err := range p.Errors {
		b.WriteString("\n\t")
		b.WriteString(strings.ReplaceAll(err.Error(), "\n", "\n\t"))
	}
	b.WriteString("\n\n")
	b.Write(p.Stack)
	return b.String()
}

// Unwrap returns Value if it is an error, so that errors.Is and errors.As
// see through a task that panicked with an error. It does not reach Errors.
func (p *PanicError) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

func newPanicError(r any, t *taskInfo) *PanicError {
	if p, ok := r.(*PanicError); ok {
		return p // re-raised by a nested Wait: keep the original stack
	}
	p := &PanicError{Value: r, Stack: debug.Stack()}
	if t != nil {
		p.Task = t.name
	}
	return p
}
