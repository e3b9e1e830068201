package groupctx

import (
	"context"
	"errors"
	"net/http"

	"golang.org/x/sync/errgroup"
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

// The twin starts two tasks before it waits on the context.

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
