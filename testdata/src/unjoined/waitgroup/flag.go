package waitgroup

import (
	"strings"
	"sync"
)

// Correct: a flag set next to every Add, and nothing resets it after, tells
// whether there is anything to wait for.
func indexAll(files []string, index func(string)) {
	var wg sync.WaitGroup
	wait := false
	for _, f := range files {
		if strings.HasSuffix(f, ".yaml") {
			wg.Add(1)
			wait = true
			go func() {
				defer wg.Done()
				index(f)
			}()
		}
	}
	if wait {
		wg.Wait()
	}
}

// The twin: the flag is reset on every turn, so a last file that is not
// indexed leaves the earlier goroutines unwaited for.
func indexLast(files []string, index func(string)) {
	var wg sync.WaitGroup
	wait := false
	for _, f := range files {
		wait = false
		if strings.HasSuffix(f, ".yaml") {
			wg.Add(1) // want `wg.Add counts goroutines that indexLast does not wait for when it returns at line 47`
			wait = true
			go func() {
				defer wg.Done()
				index(f)
			}()
		}
	}
	if wait {
		wg.Wait()
	}
}
