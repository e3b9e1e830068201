package early

import (
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// When saveAll returns, the goroutines it started are done: the race
// detector sees their saves happen before the caller's read only if
// saveAll waits for them on its error path too.
func TestEmptyItem(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex // between the goroutines; the caller reads got without it
		var got []string
		save := func(s string) {
			time.Sleep(time.Second)
			mu.Lock()
			defer mu.Unlock()
			got = append(got, s)
		}
		err := saveAll([]string{"a", "", "b"}, save)
		if err == nil || err.Error() != "empty item" || len(got) != 2 || !slices.Contains(got, "a") {
			t.Errorf("saveAll = %v having saved %q; want empty item, having saved a and the empty item", err, got)
		}
		time.Sleep(time.Hour)
	})
}
