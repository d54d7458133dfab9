// Package kept keeps figures that are costly to work out, such as a network's comparison or a practice study's
// insight, each for a short time: a page opened by several people at once, or again within minutes, reads the
// record once. A figure kept is at most For old, and every page that shows one says so.
package kept

import (
	"sync"
	"time"
)

// Results keeps what work returned for each key, for For after it was worked out. Several callers asking for the
// same key while it is worked out wait for the one piece of work and share its result. A failure is not kept. The
// zero Results keeps nothing until For is set; it is safe for use by several goroutines at once.
type Results[K comparable, V any] struct {
	For time.Duration

	mu   sync.Mutex
	kept map[K]*result[V]
}

// result is one value worked out, or being worked out: done closes when it is.
type result[V any] struct {
	done chan struct{}
	at   time.Time
	v    V
	err  error
}

// Get answers the value kept for key when it was worked out at or before now and no more than For before it, or
// else calls work once, for this caller and every other that asks for key meanwhile. now is the caller's clock (a
// transaction's, in the tests' fixed time), so that what is fresh follows the same clock as the record.
func (r *Results[K, V]) Get(key K, now time.Time, work func() (V, error)) (V, error) {
	r.mu.Lock()
	if r.kept == nil {
		r.kept = map[K]*result[V]{}
	}
	k := r.kept[key]
	if k != nil && r.fresh(k, now) {
		r.mu.Unlock()
		<-k.done
		return k.v, k.err
	}
	for old, x := range r.kept {
		if !r.fresh(x, now) {
			delete(r.kept, old)
		}
	}
	k = &result[V]{done: make(chan struct{}), at: now}
	r.kept[key] = k
	r.mu.Unlock()

	k.v, k.err = work()
	if k.err != nil {
		r.mu.Lock()
		if r.kept[key] == k {
			delete(r.kept, key)
		}
		r.mu.Unlock()
	}
	close(k.done)
	return k.v, k.err
}

// Refresh calls work afresh and keeps what it returns for key, as worked out at now, in place of anything kept
// before. Callers of Get meanwhile are answered what was kept before, while it is fresh, and never wait for this
// work: a server can keep a figure fresh ahead of the pages that show it. A failure changes nothing kept.
func (r *Results[K, V]) Refresh(key K, now time.Time, work func() (V, error)) (V, error) {
	v, err := work()
	if err != nil {
		return v, err
	}
	done := make(chan struct{})
	close(done)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.kept == nil {
		r.kept = map[K]*result[V]{}
	}
	if k := r.kept[key]; k == nil || !k.at.After(now) {
		r.kept[key] = &result[V]{done: done, at: now, v: v}
	}
	return v, nil
}

// fresh says whether k, worked out at k.at, may still be answered at now.
func (r *Results[K, V]) fresh(k *result[V], now time.Time) bool {
	return !now.Before(k.at) && now.Sub(k.at) <= r.For
}
