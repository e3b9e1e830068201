// Package lattice pins where the model finds a context's deadline, or
// proves there is none.
package lattice

import (
	"context"
	"database/sql"
	"os"
	"os/signal"
	"time"

	"github.com/structlint/structlint/runtime/task"
)

type options struct {
	ctx  context.Context
	name string
}

func structLiteral(db *sql.DB) {
	o := options{ctx: context.Background(), name: "x"}
	db.PingContext(o.ctx) // want `\(\*sql.DB\).PingContext can block forever: its context comes from context.Background\(\) at line 21, and no deadline is set on the way`
}

func pointerLiteral(db *sql.DB) {
	o := &options{ctx: context.TODO()}
	db.PingContext(o.ctx) // want `its context comes from context.TODO\(\) at line 26`
}

func fieldSet(db *sql.DB) {
	var o options
	o.ctx = context.Background()
	db.PingContext(o.ctx) // want `its context comes from context.Background\(\) at line 32`
}

func methodValue(db *sql.DB) {
	ping := db.PingContext
	ping(context.Background()) // want `\(\*sql.DB\).PingContext can block forever: its context comes from context.Background\(\) at line 38`
}

func methodExpression(db *sql.DB) {
	(*sql.DB).PingContext(db, context.Background()) // want `\(\*sql.DB\).PingContext can block forever`
}

func notify(db *sql.DB) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	db.PingContext(ctx) // want `its context comes from context.Background\(\) at line 46`
}

func calledWhereMade(db *sql.DB) {
	func(ctx context.Context) {
		db.PingContext(ctx) // want `its context comes from context.Background\(\) at line 54`
	}(context.Background())
}

func groupTask(db *sql.DB) error {
	g := task.NewGroup(context.Background())
	g.Go(func(ctx context.Context) error {
		return db.PingContext(ctx) // want `its context comes from context.Background\(\) at line 58`
	})
	return g.Wait()
}

func runTask(db *sql.DB) error {
	return task.Run(context.TODO(), func(ctx context.Context, g *task.Group) error {
		g.Go(func(ctx context.Context) error {
			return db.PingContext(ctx) // want `its context comes from context.TODO\(\) at line 66`
		})
		return db.PingContext(ctx) // want `its context comes from context.TODO\(\) at line 66`
	})
}

// Near misses.

// configure may give the options a deadline: once the struct is handed
// over, its fields are anyone's.
func fieldHandedOver(db *sql.DB) {
	o := &options{ctx: context.Background()}
	configure(o)
	db.PingContext(o.ctx)
}

func configure(o *options) {
	o.ctx, _ = context.WithTimeout(o.ctx, time.Second)
}

func fieldOnOnePath(db *sql.DB, d time.Duration) {
	o := options{ctx: context.Background()}
	if d > 0 {
		var cancel context.CancelFunc
		o.ctx, cancel = context.WithTimeout(o.ctx, d)
		defer cancel()
	}
	db.PingContext(o.ctx)
}

func underTimeout(db *sql.DB) error {
	return task.Timeout(context.Background(), time.Second, func(ctx context.Context) error {
		return db.PingContext(ctx)
	})
}

func underDeadline(db *sql.DB) error {
	return task.WithDeadline(context.Background(), time.Now().Add(time.Second), func(ctx context.Context, d *task.Deadline) error {
		return db.PingContext(ctx)
	})
}

// The caller's context, through a group and a closure called in place.
func callers(ctx context.Context, db *sql.DB) error {
	func(ctx context.Context) {
		db.PingContext(ctx)
	}(ctx)
	g := task.NewGroup(ctx)
	g.Go(func(ctx context.Context) error { return db.PingContext(ctx) })
	return g.Wait()
}

// A closure that escapes is called with contexts the model cannot see.
func escapingClosure(db *sql.DB) func(context.Context) error {
	return func(ctx context.Context) error { return db.PingContext(ctx) }
}
