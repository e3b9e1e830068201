package engine

import (
	"errors"
	"sync"
)

// A worker pool whose workers take each key from a broker fed by one
// range over the keys, and send one error or one result per key: errs and
// results hold len(keys) each, so no worker blocks when the collector
// returns on the first error (vault's identity store loaders). A buffer
// of one, shared by the workers, does not hold them: the twin.

type shard struct{ key string }

var errNoShard = errors.New("no shard")

func getShard(key string) (*shard, error) {
	if key == "" {
		return nil, errNoShard
	}
	return &shard{key}, nil
}

func loadShards(keys []string) ([]*shard, error) {
	broker := make(chan string)
	quit := make(chan struct{})
	errs := make(chan error, len(keys))
	results := make(chan *shard, len(keys))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case key, ok := <-broker:
					if !ok {
						return
					}
					s, err := getShard(key)
					if err != nil {
						errs <- err
						continue
					}
					results <- s
				case <-quit:
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, key := range keys {
			select {
			case <-quit:
				return
			case broker <- key:
			}
		}
		close(broker)
	}()
	defer func() {
		close(quit)
		wg.Wait()
	}()
	var out []*shard
	for range keys {
		select {
		case err := <-errs:
			return nil, err
		case s := <-results:
			out = append(out, s)
		}
	}
	return out, nil
}

func loadShardsSmall(keys []string) ([]*shard, error) {
	broker := make(chan string)
	quit := make(chan struct{})
	errs := make(chan error, 1)
	results := make(chan *shard, len(keys))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { // want `goroutine blocks forever sending on errs`
			defer wg.Done()
			for {
				select {
				case key, ok := <-broker:
					if !ok {
						return
					}
					s, err := getShard(key)
					if err != nil {
						errs <- err
						continue
					}
					results <- s
				case <-quit:
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, key := range keys {
			select {
			case <-quit:
				return
			case broker <- key:
			}
		}
		close(broker)
	}()
	defer func() {
		close(quit)
		wg.Wait()
	}()
	var out []*shard
	for range keys {
		select {
		case err := <-errs:
			return nil, err
		case s := <-results:
			out = append(out, s)
		}
	}
	return out, nil
}
