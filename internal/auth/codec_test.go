package auth

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

func TestSortedCodecEncodesTheSameSessionToTheSameBytes(t *testing.T) {
	t.Parallel()
	deadline := time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC)
	values := map[string]any{keyStaffID: "staff-1", keyCouncilID: "council-1", keySecondFactor: true,
		keyBreakGlass: []string{"person-1", "person-2"}, keyFlash: "Outcome saved"}
	first, err := sortedCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	// A map's order changes from one range to the next; fifty encodings would differ if the codec followed it.
	for range 50 {
		again, err := sortedCodec{}.Encode(deadline, values)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatal("the same session encoded to different bytes")
		}
	}
	gotDeadline, got, err := sortedCodec{}.Decode(first)
	if err != nil {
		t.Fatal(err)
	}
	if !gotDeadline.Equal(deadline) || !reflect.DeepEqual(got, values) {
		t.Fatalf("decoded %v %v, want %v %v", gotDeadline, got, deadline, values)
	}
}

func TestSortedCodecReadsSessionsSavedByScsCodec(t *testing.T) {
	t.Parallel()
	deadline := time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC)
	values := map[string]any{keyStaffID: "staff-1", keyCouncilID: "council-1", keySecondFactor: false}
	old, err := scs.GobCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	gotDeadline, got, err := sortedCodec{}.Decode(old)
	if err != nil {
		t.Fatal(err)
	}
	if !gotDeadline.Equal(deadline) || !reflect.DeepEqual(got, values) {
		t.Fatalf("decoded %v %v, want %v %v", gotDeadline, got, deadline, values)
	}
}

// A signed-in member of staff opening page after page saves their session once, not once a page: the session
// manager, codec and touch store as the server sets them up, over a store that counts saves.
func TestOpeningPagesDoesNotSaveTheSessionEachTime(t *testing.T) {
	t.Parallel()
	under := &countingStore{data: map[string][]byte{}}
	sm := scs.New()
	sm.Store = newTouchStore(under, time.Now, SessionIdleTimeout)
	sm.Codec = sortedCodec{}
	sm.IdleTimeout = SessionIdleTimeout
	mux := http.NewServeMux()
	mux.HandleFunc("/sign-in", func(w http.ResponseWriter, r *http.Request) {
		sm.Put(r.Context(), keyStaffID, "staff-1")
		sm.Put(r.Context(), keyCouncilID, "council-1")
		sm.Put(r.Context(), keySecondFactor, true)
		sm.Put(r.Context(), keyBreakGlass, []string{"person-1"})
	})
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		if sm.GetString(r.Context(), keyStaffID) != "staff-1" {
			t.Error("the session was not read")
		}
	})
	h := sm.LoadAndSave(mux)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/sign-in", nil))
	cookies := rec.Result().Cookies()
	if len(cookies) == 0 || under.commits != 1 {
		t.Fatalf("signing in: %d cookies, %d saves", len(cookies), under.commits)
	}
	for range 30 {
		req := httptest.NewRequest(http.MethodGet, "/page", nil)
		req.AddCookie(cookies[0])
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	if under.commits != 1 {
		t.Errorf("30 pages saved the session %d more times, want none within a minute", under.commits-1)
	}
}
