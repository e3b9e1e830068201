package drain

import (
	"sync"
	"testing"
	"testing/synctest"
)

// Every item is consumed, and the consumer ends: synctest.Test fails if
// it is left waiting on the channel.
func TestFeed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var got []string
		feed([]string{"a", "b", "c"}, func(s string) {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, s)
		})
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		if len(got) != 3 {
			t.Errorf("consumed %q, want a, b and c", got)
		}
	})
}
