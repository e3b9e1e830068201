//lint:file-ignore leakedgo,unjoined this file exercises file-wide suppression

package a

import "context"

func fileIgnored(ctx context.Context) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}
