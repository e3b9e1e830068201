package shapes

import "fmt"

func neverClosed(items []string) {
	ch := make(chan string)
	go func() { // want `goroutine ranges over ch \(line 8\), which nothing closes: the loop never ends`
		for s := range ch {
			fmt.Println(s)
		}
	}()
	for _, it := range items {
		ch <- it
	}
}

func closedOnOnePath(items []string, fail bool) error {
	ch := make(chan string)
	go func() { // want `goroutine ranges over ch \(line 20\), which closedOnOnePath leaves open when it returns at line 26: the loop never ends`
		for s := range ch {
			fmt.Println(s)
		}
	}()
	for _, it := range items {
		if it == "" {
			return fmt.Errorf("empty item")
		}
		ch <- it
	}
	close(ch)
	return nil
}

// Near misses.

func closed(items []string) {
	ch := make(chan string)
	go func() {
		for s := range ch {
			fmt.Println(s)
		}
	}()
	for _, it := range items {
		ch <- it
	}
	close(ch)
}

func deferClosed(items []string) error {
	ch := make(chan string)
	defer close(ch)
	go func() {
		for s := range ch {
			fmt.Println(s)
		}
	}()
	for _, it := range items {
		if it == "" {
			return fmt.Errorf("empty item")
		}
		ch <- it
	}
	return nil
}

func closedByProducer(items []string) {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, it := range items {
			ch <- it
		}
	}()
	for s := range ch {
		fmt.Println(s)
	}
}
