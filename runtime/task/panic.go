package task

import "fmt"

// A PanicError is a panic recovered from a task. Wait re-panics with it in
// the waiting goroutine, so the panic surfaces where the group is joined,
// with the stack of the task that panicked.
type PanicError struct {
	// Value is the value the task panicked with.
	Value any
	// Stack is the task goroutine's stack at the panic, as formatted by
	// runtime/debug.Stack.
	Stack []byte
	// Task is the name of the task that panicked, or "" if it had none.
	Task string
}

// Error describes the panic and includes the task's stack, so that a
// re-raised panic that crashes the program prints where it happened.
func (p *PanicError) Error() string {
	if p.Task != "" {
		return fmt.Sprintf("task %q panicked: %v\n\n%s", p.Task, p.Value, p.Stack)
	}
	return fmt.Sprintf("task panicked: %v\n\n%s", p.Value, p.Stack)
}

// Unwrap returns Value if it is an error, so that errors.Is and errors.As
// see through a task that panicked with an error.
func (p *PanicError) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}
