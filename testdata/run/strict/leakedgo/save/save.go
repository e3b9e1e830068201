// Package save starts a goroutine that saves items and does not wait for
// it: trio's rule, which -leakedgo.strict enforces.
package save

func save(items []string, store func(string)) {
	go func() {
		for _, it := range items {
			store(it)
		}
	}()
}
