package sittings_test

import (
	"errors"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestADraftIsTheAuthorsUntilTheConversationIsSaved: a practitioner's draft is kept as typed, replaced by a later
// one, logged as a change to the person's record, listed for them alone, never seen by a colleague or another
// council, and gone once the conversation is saved.
func TestADraftIsTheAuthorsUntilTheConversationIsSaved(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		colleague := peopletest.As(f.a.Staff[councils.TeamManager])
		typed := url.Values{"mindset_words": {"I want to get out more"}, "strength_count": {"1"}, "strength_0_person_words": {"I sing"}}
		before := f.logged(t)
		if _, err := f.store.SaveDraft(f.worker, f.person.ID, f.episode, url.Values{"mindset_words": {"I want"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.SaveDraft(f.worker, f.person.ID, f.episode, typed); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]accesslog.Action{accesslog.Update, accesslog.Update}, f.logged(t)[len(before):]); diff != "" {
			t.Errorf("access log of two drafts (-want +got):\n%s", diff)
		}
		d, found, err := f.store.OwnDraft(f.worker, f.person.ID, f.episode)
		if err != nil || !found {
			t.Fatalf("the author's draft: %v, found %v", err, found)
		}
		if diff := cmp.Diff(typed, d.Form); diff != "" {
			t.Errorf("the draft as kept (-typed +kept):\n%s", diff)
		}
		list, err := f.store.OwnDrafts(f.worker)
		if err != nil || len(list) != 1 || list[0].PersonName != f.person.FullName() || list[0].EpisodeID != f.episode {
			t.Errorf("the author's drafts: %+v, %v", list, err)
		}

		// A colleague has no draft here and none listed; another council cannot save or read one.
		if _, found, err := f.store.OwnDraft(colleague, f.person.ID, f.episode); err != nil || found {
			t.Errorf("a colleague found the practitioner's draft: %v, %v", found, err)
		}
		if list, err := f.store.OwnDrafts(colleague); err != nil || len(list) != 0 {
			t.Errorf("a colleague's drafts: %+v, %v", list, err)
		}
		if _, err := f.store.SaveDraft(f.other, f.person.ID, f.episode, typed); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council saved a draft: %v", err)
		}
		if _, _, err := f.store.OwnDraft(f.other, f.person.ID, f.episode); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council read a draft: %v", err)
		}

		// Saving the conversation ends the draft.
		if _, err := f.store.Save(f.worker, f.person.ID, f.episode, homeVisit(db)); err != nil {
			t.Fatal(err)
		}
		if _, found, err := f.store.OwnDraft(f.worker, f.person.ID, f.episode); err != nil || found {
			t.Errorf("the draft outlived the saved conversation: %v, %v", found, err)
		}
	})
}
