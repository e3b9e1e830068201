// Package fields holds WaitGroups kept in struct fields: a type starts its
// goroutines in one method and waits for them in another.
package fields

import (
	"errors"
	"sync"
)

type pool struct {
	wg    sync.WaitGroup
	tasks chan func() error
}

func newPool() *pool { return &pool{tasks: make(chan func() error)} }

func (p *pool) start(n int) {
	for range n {
		p.wg.Add(1)
		go func() { // want `goroutine can return at line 23 without calling p.wg.Done, and p.wg.Wait \(line 33\) then waits forever`
			for t := range p.tasks {
				if err := t(); err != nil {
					return
				}
			}
			p.wg.Done()
		}()
	}
}

func (p *pool) stop() {
	close(p.tasks)
	p.wg.Wait()
}

// The same, with the goroutine a method and the group another name.

type crawler struct {
	running sync.WaitGroup
	urls    chan string
}

var errBadURL = errors.New("bad url")

func newCrawler() *crawler { return &crawler{urls: make(chan string)} }

func (c *crawler) crawl(fetch func(string) error) {
	c.running.Add(1)
	go c.worker(fetch) // want `goroutine can return at line 55 without calling c.running.Done, and c.running.Wait \(line 63\) then waits forever`
}

func (c *crawler) worker(fetch func(string) error) {
	for u := range c.urls {
		if fetch(u) != nil {
			return
		}
	}
	c.running.Done()
}

func (c *crawler) close() {
	close(c.urls)
	c.running.Wait()
}

// Near miss: Done deferred at the top.

type fixedPool struct {
	wg    sync.WaitGroup
	tasks chan func() error
}

func newFixedPool() *fixedPool { return &fixedPool{tasks: make(chan func() error)} }

func (p *fixedPool) start(n int) {
	for range n {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for t := range p.tasks {
				if err := t(); err != nil {
					return
				}
			}
		}()
	}
}

func (p *fixedPool) stop() {
	close(p.tasks)
	p.wg.Wait()
}
