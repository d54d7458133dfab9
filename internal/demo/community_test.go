package demo

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The demo council has a community of practice to show: a service-wide Making Safeguarding Personal network and a
// team's strengths-based approach network, each with who attended and what was agreed, and four published stories
// that the library finds by tag.
func TestLoadHasACommunityOfPractice(t *testing.T) {
	t.Parallel()
	eachDemo300(t, func(t *testing.T, db *sqldb.DB, d Council) {
		ctx := sqldb.WithCouncil(context.Background(), d.Council.ID)
		as := signedInAs(t, ctx, db, func(st councils.Staff) bool { return st.Name == "Priya Practitioner" })
		s := community.NewStore(db)
		year := db.Today().Year()
		var events []community.Event
		for _, y := range []int{year - 1, year} {
			got, err := s.Events(as, y)
			if err != nil {
				t.Fatal(err)
			}
			events = append(events, got...)
		}
		var msp, strengths bool
		for _, e := range events {
			if len(e.Attendees) == 0 || e.Agreed == "" {
				t.Errorf("event %q has no attendance or nothing agreed", e.Title)
			}
			msp = msp || (e.ServiceWide() && e.Topic == community.MSP)
			strengths = strengths || (!e.ServiceWide() && e.Topic == community.Strengths)
		}
		if len(events) != 2 || !msp || !strengths {
			t.Errorf("network events %+v", events)
		}
		stories, err := s.Stories(as, community.Search{})
		if err != nil || len(stories) != 4 {
			t.Fatalf("%d stories, %v", len(stories), err)
		}
		if carers, err := s.Stories(as, community.Search{Tag: "Carers"}); err != nil || len(carers) != 1 {
			t.Errorf("stories tagged carers: %d, %v", len(carers), err)
		}
	})
}
