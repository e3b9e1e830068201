// Package fixed is the fixed twin of the rewrite of libp2p/go-libp2p, commit
// 2327766848ef87d91d3b1a2bfbf0d7cb4e3684dc, "increment WaitGroups before
// spawning goroutines.".
//
// The constructors add to the WaitGroup (renamed childrenDone) before each
// go statement and the goroutines only call Done, so Close's Wait always
// waits for both of them.
package fixed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"sort"
	"strings"
	"sync"
	"time"
)

// Datastore is the key-value store the address book persists to.
type Datastore interface {
	Get(key string) ([]byte, error)
	Put(key string, value []byte) error
	Delete(key string) error
	Query(prefix string) ([]Entry, error)
}

// Entry is one key-value pair returned by Query.
type Entry struct {
	Key   string
	Value []byte
}

// ErrNotFound is returned by Get for a missing key.
var ErrNotFound = errors.New("datastore: key not found")

const addrBookBase = "/peers/addrs/"

// Options configure the address book.
type Options struct {
	CacheSize       int
	GCPurgeInterval time.Duration
	GCInitialDelay  time.Duration
}

type addrEntry struct {
	Addr   string `json:"addr"`
	TTL    int64  `json:"ttl"`
	Expiry int64  `json:"expiry"`
}

// addrsRecord is the record of one peer.
type addrsRecord struct {
	sync.RWMutex
	ID    string      `json:"id"`
	Addrs []addrEntry `json:"addrs"`
	dirty bool
}

// flush writes the record to the datastore. The lock must be held.
func (r *addrsRecord) flush(store Datastore) error {
	key := addrBookBase + r.ID
	if len(r.Addrs) == 0 {
		if err := store.Delete(key); err != nil && err != ErrNotFound {
			return err
		}
		r.dirty = false
		return nil
	}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if err := store.Put(key, data); err != nil {
		return err
	}
	r.dirty = false
	return nil
}

// clean drops expired addresses and reports whether the record changed.
func (r *addrsRecord) clean() bool {
	now := time.Now().Unix()
	if len(r.Addrs) == 0 {
		return r.dirty
	}
	if r.dirty {
		sort.Slice(r.Addrs, func(i, j int) bool { return r.Addrs[i].Expiry < r.Addrs[j].Expiry })
	}
	pivot := -1
	for i, a := range r.Addrs {
		if a.Expiry > now {
			break
		}
		pivot = i
	}
	r.Addrs = r.Addrs[pivot+1:]
	return r.dirty || pivot >= 0
}

// recordCache is a tiny cache of records.
type recordCache struct {
	mu   sync.Mutex
	size int
	m    map[string]*addrsRecord
}

func (c *recordCache) Get(id string) (*addrsRecord, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[id]
	return r, ok
}

func (c *recordCache) Add(id string, r *addrsRecord) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.size > 0 && len(c.m) >= c.size {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[id] = r
}

// dsAddrBook is an address book backed by a datastore.
type dsAddrBook struct {
	ctx  context.Context
	opts Options

	cache *recordCache
	ds    Datastore
	gc    *dsAddrBookGc

	flushJobCh chan *addrsRecord
	cancelFn   func()

	// controls the lifetime of the child goroutines
	childrenDone sync.WaitGroup
}

// NewAddrBook creates the address book and starts its flusher and GC.
func NewAddrBook(ctx context.Context, store Datastore, opts Options) (*dsAddrBook, error) {
	ctx, cancelFn := context.WithCancel(ctx)
	ab := &dsAddrBook{
		ctx:        ctx,
		cancelFn:   cancelFn,
		opts:       opts,
		cache:      &recordCache{size: opts.CacheSize, m: make(map[string]*addrsRecord)},
		ds:         store,
		flushJobCh: make(chan *addrsRecord, 32),
	}

	var err error
	if ab.gc, err = newAddressBookGc(ctx, ab); err != nil {
		cancelFn()
		return nil, err
	}

	ab.childrenDone.Add(1)
	go ab.flusher()

	return ab, nil
}

// Close stops the background goroutines.
func (ab *dsAddrBook) Close() {
	ab.cancelFn()
	ab.childrenDone.Wait()
}

func (ab *dsAddrBook) asyncFlush(pr *addrsRecord) {
	select {
	case ab.flushJobCh <- pr:
	default:
		log.Printf("flush queue is full; could not flush record for peer %s", pr.ID)
	}
}

// loadRecord fetches a record from the cache or the datastore.
func (ab *dsAddrBook) loadRecord(id string, cache bool, update bool) (*addrsRecord, error) {
	if pr, ok := ab.cache.Get(id); ok {
		pr.Lock()
		changed := pr.clean()
		pr.Unlock()
		if changed && update {
			ab.asyncFlush(pr)
		}
		return pr, nil
	}

	pr := &addrsRecord{}
	data, err := ab.ds.Get(addrBookBase + id)
	switch err {
	case ErrNotFound:
		pr.ID = id
	case nil:
		if err := json.Unmarshal(data, pr); err != nil {
			return nil, err
		}
		if pr.clean() && update {
			ab.asyncFlush(pr)
		}
	default:
		return nil, err
	}

	if cache {
		ab.cache.Add(id, pr)
	}
	return pr, nil
}

// flusher persists the records queued by asyncFlush.
func (ab *dsAddrBook) flusher() {
	defer ab.childrenDone.Done()

	for {
		select {
		case fj := <-ab.flushJobCh:
			if cached, ok := ab.cache.Get(fj.ID); ok && cached == fj {
				cached.Lock()
				if err := cached.flush(ab.ds); err != nil {
					log.Printf("failed to flush record for peer %s: %v", fj.ID, err)
				}
				cached.Unlock()
			}
		case <-ab.ctx.Done():
			return
		}
	}
}

// AddAddrs adds addresses with the given TTL.
func (ab *dsAddrBook) AddAddrs(p string, addrs []string, ttl time.Duration) {
	if ttl <= 0 {
		return
	}
	pr, err := ab.loadRecord(p, true, false)
	if err != nil {
		log.Printf("failed to load record for peer %s: %v", p, err)
		return
	}
	pr.Lock()
	defer pr.Unlock()

	exp := time.Now().Add(ttl).Unix()
	existing := make(map[string]int, len(pr.Addrs))
	for i, a := range pr.Addrs {
		existing[a.Addr] = i
	}
	for _, a := range addrs {
		if i, ok := existing[a]; ok {
			if exp > pr.Addrs[i].Expiry {
				pr.Addrs[i].Expiry, pr.Addrs[i].TTL = exp, int64(ttl)
			}
			continue
		}
		pr.Addrs = append(pr.Addrs, addrEntry{Addr: a, TTL: int64(ttl), Expiry: exp})
	}
	pr.dirty = true
	pr.clean()
	if err := pr.flush(ab.ds); err != nil {
		log.Printf("failed to flush record for peer %s: %v", p, err)
	}
}

// Addrs returns the live addresses of a peer.
func (ab *dsAddrBook) Addrs(p string) []string {
	pr, err := ab.loadRecord(p, true, true)
	if err != nil {
		log.Printf("failed to load record for peer %s: %v", p, err)
		return nil
	}
	pr.RLock()
	defer pr.RUnlock()
	out := make([]string, 0, len(pr.Addrs))
	for _, a := range pr.Addrs {
		out = append(out, a.Addr)
	}
	return out
}

// ---------------------------------------------------------------------------

// dsAddrBookGc purges expired addresses from the datastore.
type dsAddrBookGc struct {
	ctx     context.Context
	ab      *dsAddrBook
	running chan struct{}
}

func newAddressBookGc(ctx context.Context, ab *dsAddrBook) (*dsAddrBookGc, error) {
	if ab.opts.GCPurgeInterval < 0 {
		return nil, fmt.Errorf("negative GC purge interval provided: %s", ab.opts.GCPurgeInterval)
	}
	if ab.opts.GCInitialDelay < 0 {
		return nil, fmt.Errorf("negative GC initial delay provided: %s", ab.opts.GCInitialDelay)
	}

	gc := &dsAddrBookGc{
		ctx:     ctx,
		ab:      ab,
		running: make(chan struct{}, 1),
	}

	// without a purge interval the GC only runs when triggered by hand
	if ab.opts.GCPurgeInterval > 0 {
		gc.ab.childrenDone.Add(1)
		go gc.background()
	}

	return gc, nil
}

// background purges the store every GCPurgeInterval.
func (gc *dsAddrBookGc) background() {
	defer gc.ab.childrenDone.Done()

	select {
	case <-time.After(gc.ab.opts.GCInitialDelay):
	case <-gc.ab.ctx.Done():
		return
	}

	purgeTimer := time.NewTicker(gc.ab.opts.GCPurgeInterval)
	defer purgeTimer.Stop()

	for {
		select {
		case <-purgeTimer.C:
			gc.purgeStore()
		case <-gc.ctx.Done():
			return
		}
	}
}

// purgeStore visits every record and drops expired addresses.
func (gc *dsAddrBookGc) purgeStore() {
	select {
	case gc.running <- struct{}{}:
		defer func() { <-gc.running }()
	default:
		return // a purge is already running
	}

	entries, err := gc.ab.ds.Query(addrBookBase)
	if err != nil {
		log.Printf("failed while opening iterator: %v", err)
		return
	}

	for _, e := range entries {
		record := &addrsRecord{}
		if err := json.Unmarshal(e.Value, record); err != nil {
			log.Printf("failed to unmarshal record %s: %v", e.Key, err)
			continue
		}
		id := strings.TrimPrefix(e.Key, addrBookBase)

		// if the record is in the cache, clean that one instead
		if cached, ok := gc.ab.cache.Get(id); ok {
			record = cached
		}
		record.Lock()
		if record.clean() {
			if err := record.flush(gc.ab.ds); err != nil {
				log.Printf("failed to flush entry for %s: %v", id, err)
			}
		}
		record.Unlock()
	}
}
