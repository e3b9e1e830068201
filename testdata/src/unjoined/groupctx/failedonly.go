package groupctx

import (
	"context"
	"errors"
	"net/http"

	"golang.org/x/sync/errgroup"

	"unjoined/groupctx/logctx"
)

// A group made from context.Background() has a context that only a
// failing task cancels. With one task started, a way out through that
// context's Done is taken after the task returned: nothing is left to
// wait for. With two, the other may still run.

func serveUntil(stop <-chan struct{}, srv *http.Server) error {
	eg, ctx := errgroup.WithContext(context.Background())
	eg.Go(func() error {
		if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	select {
	case <-stop:
		eg.Go(func() error { return srv.Shutdown(context.Background()) })
		return eg.Wait()
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

func runOne(job func() error) error {
	g, gctx := errgroup.WithContext(context.TODO())
	g.Go(job)
	<-gctx.Done()
	return gctx.Err()
}

// A context that another package's function made by adding values to
// Background, through a second function, is cancelled by nothing either.

func serveLogged(stop <-chan struct{}, srv *http.Server) error {
	eg, ctx := errgroup.WithContext(logctx.Named(context.Background(), "web"))
	eg.Go(srv.ListenAndServe)
	select {
	case <-stop:
		eg.Go(func() error { return srv.Shutdown(context.Background()) })
		return eg.Wait()
	case <-ctx.Done():
		return ctx.Err()
	}
}

// The twins start two tasks before they wait on the context, or derive
// the group's from a context that logctx.StopAll can cancel while the
// task runs.

func serveStoppable(stop <-chan struct{}, srv *http.Server) error {
	eg, ctx := errgroup.WithContext(logctx.Stoppable(context.Background()))
	eg.Go(srv.ListenAndServe)
	select {
	case <-stop:
		eg.Go(func() error { return srv.Shutdown(context.Background()) })
		return eg.Wait()
	case <-ctx.Done():
		return ctx.Err() // want `serveStoppable returns through <-ctx.Done\(\) without waiting for the tasks eg.Go starts \(line \d+\): call eg.Wait first`
	}
}

func serveBoth(stop <-chan struct{}, api, admin *http.Server) error {
	eg, ctx := errgroup.WithContext(context.Background())
	eg.Go(api.ListenAndServe)
	eg.Go(admin.ListenAndServe)
	select {
	case <-stop:
		return eg.Wait()
	case <-ctx.Done():
		return ctx.Err() // want `serveBoth returns through <-ctx.Done\(\) without waiting for the tasks eg.Go starts \(line \d+\): call eg.Wait first`
	}
}
