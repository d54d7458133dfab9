package auth

import (
	"bytes"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
)

// touchEvery is how often a session whose data has not changed is saved again, only to push its expiry back: a
// minute, or a sixtieth of a shorter idle timeout.
func touchEvery(idle time.Duration) time.Duration { return min(time.Minute, idle/60) }

// touchStore saves a session when its data changes, and otherwise at most once every touchEvery. With an idle
// timeout, scs saves every session on every request to push its expiry back: a database write for every page
// anyone opens, which on SQLite also empties every other connection's cache of the database, so the next page
// reads everything afresh. The idle timeout then holds to within touchEvery (a session left alone for an hour is
// signed out after 59 to 60 minutes).
//
// It remembers only what this process saved. Another process's change of a session's data is seen as a change
// (the data differs from what was saved here), and is saved.
type touchStore struct {
	scs.Store
	now   func() time.Time
	every time.Duration // touchEvery of the sessions' idle timeout

	mu    sync.Mutex
	saved map[string]touched // by token
}

// touched is what was last saved of a session (its values and absolute deadline, as scs encodes them), and when.
type touched struct {
	data []byte
	at   time.Time
}

func newTouchStore(s scs.Store, now func() time.Time, idle time.Duration) *touchStore {
	return &touchStore{Store: s, now: now, every: touchEvery(idle), saved: map[string]touched{}}
}

// Commit saves the session unless the same data was saved less than touchEvery ago.
func (s *touchStore) Commit(token string, b []byte, expiry time.Time) error {
	now := s.now()
	s.mu.Lock()
	last, ok := s.saved[token]
	s.mu.Unlock()
	if ok && now.Sub(last.at) < s.every && bytes.Equal(last.data, b) {
		return nil
	}
	if err := s.Store.Commit(token, b, expiry); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Forget what is too old to spare a save, so the map holds no more than a minute's sessions.
	for t, v := range s.saved {
		if now.Sub(v.at) >= s.every {
			delete(s.saved, t)
		}
	}
	s.saved[token] = touched{data: bytes.Clone(b), at: now}
	return nil
}

// Delete forgets the session and deletes it.
func (s *touchStore) Delete(token string) error {
	s.mu.Lock()
	delete(s.saved, token)
	s.mu.Unlock()
	return s.Store.Delete(token)
}
