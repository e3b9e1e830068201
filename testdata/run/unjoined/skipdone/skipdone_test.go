package skipdone

import (
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

func saved(items []string) ([]string, time.Duration) {
	var mu sync.Mutex
	var got []string
	start := time.Now()
	saveAll(items, func(s string) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, s)
	})
	slices.Sort(got)
	return got, time.Since(start)
}

func TestKeepsSaving(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if got, took := saved([]string{"b", "a"}); !slices.Equal(got, []string{"a", "b"}) || took != time.Second {
			t.Errorf("saved %q in %v, want a and b in 1s", got, took)
		}
	})
}

// An empty item is skipped, and saveAll returns: synctest.Test fails if
// Wait waits forever.
func TestEmptyItem(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if got, took := saved([]string{"b", "", "a"}); !slices.Equal(got, []string{"a", "b"}) || took != time.Second {
			t.Errorf("saved %q in %v, want a and b in 1s", got, took)
		}
	})
}
