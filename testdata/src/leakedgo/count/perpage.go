package count

// A channel made for each page, with room for every item on it, filled by
// a loop over the page inside the loop over the pages: each round's
// sends go to that round's channel. The near miss makes one channel for
// all the pages.

type page struct{ items []string }

type pager struct{ pages []*page }

func (p *pager) next() *page {
	if len(p.pages) == 0 {
		return nil
	}
	pg := p.pages[0]
	p.pages = p.pages[1:]
	return pg
}

func wanted(s string) bool { return s != "" }

func perPage(p *pager, handle func(<-chan string)) {
	for {
		pg := p.next()
		if pg == nil {
			return
		}
		ch := make(chan string, len(pg.items))
		for _, it := range pg.items {
			if !wanted(it) {
				continue
			}
			ch <- it
		}
		close(ch)
		handle(ch)
	}
}

func allPages(p *pager, handle func(<-chan string)) {
	ch := make(chan string, 16)
	for {
		pg := p.next()
		if pg == nil {
			break
		}
		for _, it := range pg.items {
			ch <- it // want `allPages blocks forever sending on ch \(line \d+\): no other goroutine can have it yet \(made at line \d+\), and the loop can send more than its buffer holds`
		}
	}
	close(ch)
	handle(ch)
}
