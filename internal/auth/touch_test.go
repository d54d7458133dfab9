package auth

import (
	"errors"
	"testing"
	"time"
)

// countingStore is an scs.Store that counts what reaches it.
type countingStore struct {
	commits, deletes int
	data             map[string][]byte
	fail             error
}

func (c *countingStore) Find(token string) ([]byte, bool, error) {
	b, ok := c.data[token]
	return b, ok, nil
}

func (c *countingStore) Commit(token string, b []byte, expiry time.Time) error {
	if c.fail != nil {
		return c.fail
	}
	c.commits++
	c.data[token] = b
	return nil
}

func (c *countingStore) Delete(token string) error {
	c.deletes++
	delete(c.data, token)
	return nil
}

func TestTouchStoreSavesChangesAndAMinutesTouch(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		after time.Duration // since the first save
		token string
		data  string
		saved bool
	}{
		{"the same data a moment later is not saved again", 5 * time.Second, "a", "one", false},
		{"changed data is saved at once", 10 * time.Second, "a", "two", true},
		{"the changed data again is not", 20 * time.Second, "a", "two", false},
		{"another session is its own", 21 * time.Second, "b", "one", true},
		{"a minute after its last save, the same data is saved to push the expiry back", 10*time.Second + time.Minute, "a", "two", true},
		{"and not again straight after", 11*time.Second + time.Minute, "a", "two", false},
	}
	under := &countingStore{data: map[string][]byte{}}
	now := start
	s := newTouchStore(under, func() time.Time { return now }, SessionIdleTimeout)
	if err := s.Commit("a", []byte("one"), start.Add(time.Hour)); err != nil || under.commits != 1 {
		t.Fatalf("first save: %v, %d commits", err, under.commits)
	}
	for _, tt := range tests {
		now = start.Add(tt.after)
		before := under.commits
		if err := s.Commit(tt.token, []byte(tt.data), now.Add(time.Hour)); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if saved := under.commits > before; saved != tt.saved {
			t.Errorf("%s: saved = %v, want %v", tt.name, saved, tt.saved)
		}
		if got := string(under.data[tt.token]); got != tt.data {
			t.Errorf("%s: the store holds %q, want %q", tt.name, got, tt.data)
		}
	}
	// Signing out deletes at once, and a session saved again after it is saved, not skipped.
	if err := s.Delete("a"); err != nil || under.deletes != 1 {
		t.Fatalf("delete: %v", err)
	}
	before := under.commits
	if err := s.Commit("a", []byte("two"), now.Add(time.Hour)); err != nil || under.commits != before+1 {
		t.Errorf("a deleted session's data was not saved again: %v", err)
	}
	// A save that fails is not remembered, so the next is tried.
	under.fail = errors.New("disk full")
	if err := s.Commit("c", []byte("x"), now.Add(time.Hour)); err == nil {
		t.Fatal("a failed save reported no error")
	}
	under.fail = nil
	before = under.commits
	if err := s.Commit("c", []byte("x"), now.Add(time.Hour)); err != nil || under.commits != before+1 {
		t.Errorf("after a failed save, the next was skipped: %v", err)
	}
	// Old entries are forgotten as later saves are made.
	now = now.Add(2 * time.Minute)
	if err := s.Commit("d", []byte("y"), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if len(s.saved) != 1 {
		t.Errorf("%d sessions remembered after two minutes, want only the one just saved", len(s.saved))
	}
}
