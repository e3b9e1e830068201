// Package run pins os/exec: a command carries the context it was made
// with, and Run, Output and Wait wait on it.
package run

import (
	"context"
	"os/exec"
	"time"
)

func build() error {
	cmd := exec.CommandContext(context.Background(), "make")
	return cmd.Run() // want `\(\*exec.Cmd\).Run can block forever: its command's context comes from context.Background\(\) at line 12, and no deadline is set on the way`
}

func startWait() error {
	cmd := exec.CommandContext(context.TODO(), "make")
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Wait() // want `\(\*exec.Cmd\).Wait can block forever: its command's context comes from context.TODO\(\) at line 17`
}

// output leaves the context to its callers.
func output(ctx context.Context, name string) ([]byte, error) {
	return exec.CommandContext(ctx, name).Output()
}

func callsOutput() ([]byte, error) {
	return output(context.Background(), "date") // want `run.output can block forever: it passes its context to \(\*exec.Cmd\).Output; the context comes from context.Background\(\) at line 30`
}

// wait leaves the command, and its context, to its callers.
func wait(cmd *exec.Cmd) error {
	return cmd.Wait()
}

func callsWait() error {
	cmd := exec.CommandContext(context.Background(), "make")
	if err := cmd.Start(); err != nil {
		return err
	}
	return wait(cmd) // want `run.wait can block forever: it passes its command to \(\*exec.Cmd\).Wait; the command's context comes from context.Background\(\) at line 39`
}

// Near misses.

// A command made without a context has none to miss: it runs as long as
// it takes, which is what running a local tool usually means.
func noContext() error {
	return exec.Command("make").Run()
}

func callsWaitNoContext() error {
	cmd := exec.Command("make")
	if err := cmd.Start(); err != nil {
		return err
	}
	return wait(cmd)
}

// The function kills the command when its own timer fires: that bounds
// the wait.
func killedAfter(d time.Duration) error {
	cmd := exec.CommandContext(context.Background(), "kubectl", "version")
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-time.After(d):
		return cmd.Process.Kill()
	case err := <-done:
		return err
	}
}

// A command kept in a field, killed through the field after a timer: the
// kill bounds the wait as it does for a variable (docker's commandConn,
// which keeps its ssh command and stops it with SIGTERM, then Kill).
type commandConn struct {
	cmd *exec.Cmd
	err error
}

func dial(ctx context.Context) (*commandConn, error) {
	c := &commandConn{cmd: exec.CommandContext(context.WithoutCancel(ctx), "ssh", "host")}
	return c, c.cmd.Start()
}

func (c *commandConn) kill() {
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case c.err = <-done:
	case <-time.After(3 * time.Second):
		_ = c.cmd.Process.Kill()
		c.err = <-done
	}
}

// The twin: nothing kills the command it waits for.
func (c *commandConn) wait() {
	c.err = c.cmd.Wait() // want `\(\*exec.Cmd\).Wait can block forever: its command's context \(field cmd\) comes from context.WithoutCancel`
}
