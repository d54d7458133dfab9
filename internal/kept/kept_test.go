package kept

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestResultsKeepEachKeyForTheirTime(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		asks      []time.Duration // when each ask comes, after t0
		keys      []string
		wantWorks int
	}{
		{"the same key within its time is worked out once", []time.Duration{0, time.Minute, 5 * time.Minute}, []string{"a", "a", "a"}, 1},
		{"past its time it is worked out again", []time.Duration{0, 5*time.Minute + time.Second}, []string{"a", "a"}, 2},
		{"each key is its own", []time.Duration{0, 0, time.Minute}, []string{"a", "b", "a"}, 2},
		{"a clock that went back finds nothing kept", []time.Duration{time.Minute, 0}, []string{"a", "a"}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Results[string, int]{For: 5 * time.Minute}
			works := 0
			for i, at := range tc.asks {
				v, err := r.Get(tc.keys[i], t0.Add(at), func() (int, error) { works++; return works, nil })
				if err != nil || v < 1 {
					t.Fatalf("ask %d: %d, %v", i, v, err)
				}
			}
			if works != tc.wantWorks {
				t.Errorf("worked out %d times, want %d", works, tc.wantWorks)
			}
		})
	}
}

func TestAFailureIsNotKept(t *testing.T) {
	r := Results[string, int]{For: time.Hour}
	now := time.Now()
	broken := errors.New("the database is away")
	if _, err := r.Get("a", now, func() (int, error) { return 0, broken }); !errors.Is(err, broken) {
		t.Fatalf("first ask: %v", err)
	}
	v, err := r.Get("a", now, func() (int, error) { return 7, nil })
	if err != nil || v != 7 {
		t.Errorf("after a failure: %d, %v; want it worked out again", v, err)
	}
}

func TestCallersAskingMeanwhileShareOneWork(t *testing.T) {
	r := Results[string, int]{For: time.Hour}
	now := time.Now()
	var works atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	got := make([]int, 8)
	errs := make([]error, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = r.Get("a", now, func() (int, error) {
				works.Add(1)
				<-release
				return 42, nil
			})
		}()
	}
	time.Sleep(50 * time.Millisecond) // most callers ask while the work is under way; any later find it kept
	close(release)
	wg.Wait()
	if works.Load() != 1 {
		t.Errorf("worked out %d times for 8 callers, want 1", works.Load())
	}
	for i, v := range got {
		if v != 42 || errs[i] != nil {
			t.Errorf("caller %d got %d, %v", i, v, errs[i])
		}
	}
}

func TestRefreshReplacesWhatIsKeptWithoutMakingGetWait(t *testing.T) {
	r := Results[string, int]{For: 5 * time.Minute}
	t0 := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	if _, err := r.Get("a", t0, func() (int, error) { return 1, nil }); err != nil {
		t.Fatal(err)
	}
	refreshing, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := r.Refresh("a", t0.Add(4*time.Minute), func() (int, error) {
			close(refreshing)
			<-release
			return 2, nil
		})
		done <- err
	}()
	<-refreshing
	// While the refresh works, Get answers what was kept, without waiting or working.
	if v, err := r.Get("a", t0.Add(4*time.Minute), func() (int, error) { return 99, nil }); v != 1 || err != nil {
		t.Errorf("during the refresh: %d, %v; want 1, the value kept", v, err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// Once refreshed, the new value is kept from the time of the refresh: fresh past the first value's time.
	if v, err := r.Get("a", t0.Add(8*time.Minute), func() (int, error) { return 99, nil }); v != 2 || err != nil {
		t.Errorf("after the refresh: %d, %v; want 2", v, err)
	}
	// A refresh that fails keeps what was kept.
	if _, err := r.Refresh("a", t0.Add(9*time.Minute), func() (int, error) { return 0, errors.New("away") }); err == nil {
		t.Error("a failed refresh returned no error")
	}
	if v, err := r.Get("a", t0.Add(9*time.Minute), func() (int, error) { return 99, nil }); v != 2 || err != nil {
		t.Errorf("after a failed refresh: %d, %v; want 2", v, err)
	}
}
