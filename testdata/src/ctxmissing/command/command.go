// Package command is a CLI's package that is not main: the commands a CLI
// framework runs are the program's own sequence, bounded by whoever runs
// them, as main is; the handlers they register serve clients and are not.
package command

import (
	"context"
	"net/http"

	"github.com/spf13/cobra"
)

var fetchCmd = &cobra.Command{
	Use:  "fetch",
	RunE: runFetch,
}

func runFetch(cmd *cobra.Command, args []string) error {
	ctx := context.Background()
	return fetch(ctx, args[0])
}

func fetch(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A command's function literal is a root too, so what it calls stays in the
// program's sequence even when a test calls it as well.
var getCmd = &cobra.Command{
	Use: "get",
	RunE: func(cmd *cobra.Command, args []string) error {
		return get(args[0])
	},
}

func get(url string) error {
	return fetch(context.Background(), url)
}

var serveCmd = &cobra.Command{
	Use:  "serve",
	RunE: serve,
}

func serve(cmd *cobra.Command, args []string) error {
	http.HandleFunc("/mirror", func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(context.Background(), "GET", r.URL.Query().Get("u"), nil)
		resp, err := http.DefaultClient.Do(req) // want `\(\*http.Client\).Do can block forever`
		if err == nil {
			resp.Body.Close()
		}
	})
	return http.ListenAndServe(":8080", nil)
}

// Mirror is the library's own entry: its callers are not commands.
func Mirror(url string) error {
	req, _ := http.NewRequestWithContext(context.Background(), "GET", url, nil)
	resp, err := http.DefaultClient.Do(req) // want `\(\*http.Client\).Do can block forever`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
