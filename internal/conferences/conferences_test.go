package conferences_test

import (
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

var today = dbtest.Date("2025-03-03").Time

func referral() conferences.Referral {
	return conferences.Referral{ReferredOn: dbtest.Date("2025-03-03"), Consent: true, ConsentOn: dbtest.Date("2025-03-01"), Coordinator: "Priya Shah",
		Invitees:     []conferences.Invitee{{Name: "Cara Lovelace", Relationship: "Daughter"}, {Name: "Tom Byron", Relationship: "Neighbour"}},
		ConferenceOn: dbtest.Date("2025-03-20")}
}

func TestReferralValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(r *conferences.Referral)
		want   []string
	}{
		{"consent, a coordinator and people invited", func(r *conferences.Referral) {}, nil},
		{"no consent, no referral", func(r *conferences.Referral) { r.Consent = false }, []string{"consent"}},
		{"consent with no date", func(r *conferences.Referral) { r.ConsentOn = sqldb.Date{} }, []string{"consent_on"}},
		{"consent after the referral", func(r *conferences.Referral) { r.ReferredOn = dbtest.Date("2025-02-28") }, []string{"consent_on"}},
		{"a referral tomorrow", func(r *conferences.Referral) { r.ReferredOn = dbtest.Date("2025-03-04") }, []string{"referred_on"}},
		{"no coordinator", func(r *conferences.Referral) { r.Coordinator = "  " }, []string{"coordinator"}},
		{"nobody invited", func(r *conferences.Referral) { r.Invitees = []conferences.Invitee{{}} }, []string{"invitees"}},
		{"someone invited with no relationship", func(r *conferences.Referral) { r.Invitees[1].Relationship = "" }, []string{"invitees"}},
		{"a conference before the referral", func(r *conferences.Referral) { r.ConferenceOn = dbtest.Date("2025-03-02") }, []string{"conference_on"}},
		{"no conference date yet", func(r *conferences.Referral) { r.ConferenceOn = sqldb.Date{} }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := referral()
			tt.change(&r)
			r.Normalise()
			var got []string
			for _, p := range r.Validate(today) {
				got = append(got, p.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems with %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMeetingValidate(t *testing.T) {
	t.Parallel()
	good := conferences.Meeting{HeldOn: dbtest.Date("2025-03-03"), PrivateTimeGiven: "yes", PrivateTimeNote: "An hour on their own after lunch",
		Items: []conferences.Item{{What: "Sunday lunch at Cara's", Who: "Cara", ByWhen: "Every Sunday"}}, ReviewOn: dbtest.Date("2025-06-03")}
	tests := []struct {
		name   string
		change func(m *conferences.Meeting)
		want   []string
	}{
		{"held, with private time and a plan", func(m *conferences.Meeting) {}, nil},
		{"no private time: it cannot be recorded as held", func(m *conferences.Meeting) { m.PrivateTimeGiven = "no" }, []string{"private_time"}},
		{"private time not said", func(m *conferences.Meeting) { m.PrivateTimeGiven = "" }, []string{"private_time"}},
		{"no plan", func(m *conferences.Meeting) { m.Items = []conferences.Item{{What: " "}} }, []string{"items"}},
		{"an item with nobody to do it", func(m *conferences.Meeting) { m.Items[0].Who = "" }, []string{"items"}},
		{"held before the referral", func(m *conferences.Meeting) { m.HeldOn = dbtest.Date("2025-02-01") }, []string{"held_on"}},
		{"held tomorrow", func(m *conferences.Meeting) { m.HeldOn = dbtest.Date("2025-03-04") }, []string{"held_on"}},
		{"a review on the day", func(m *conferences.Meeting) { m.ReviewOn = dbtest.Date("2025-03-03") }, []string{"review_on"}},
		{"no review date", func(m *conferences.Meeting) { m.ReviewOn = sqldb.Date{} }, []string{"review_on"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good
			m.Items = slices.Clone(good.Items)
			tt.change(&m)
			m.Normalise()
			var got []string
			for _, p := range m.Validate(dbtest.Date("2025-03-01"), today) {
				got = append(got, p.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems with %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReviewValidate(t *testing.T) {
	t.Parallel()
	c := conferences.Conference{ConferenceOn: dbtest.Date("2025-02-01"), Held: true,
		Items: []conferences.Item{{ID: "i1", What: "Sunday lunch"}, {ID: "i2", What: "Lifts to the allotment"}}}
	tests := []struct {
		name string
		r    conferences.Review
		want []string
	}{
		{"every item kept or changed", conferences.Review{On: dbtest.Date("2025-03-03"), Note: "Mostly kept",
			Results: map[string]conferences.ItemResult{"i1": conferences.Kept, "i2": conferences.Changed}}, nil},
		{"an item not said", conferences.Review{On: dbtest.Date("2025-03-03"), Note: "Mostly kept",
			Results: map[string]conferences.ItemResult{"i1": conferences.Kept}}, []string{"item_2"}},
		{"nothing", conferences.Review{}, []string{"reviewed_on", "review_note", "item_1", "item_2"}},
		{"before the conference", conferences.Review{On: dbtest.Date("2025-01-31"), Note: "x",
			Results: map[string]conferences.ItemResult{"i1": conferences.Kept, "i2": conferences.Kept}}, []string{"reviewed_on"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range tt.r.Validate(c, today) {
			got = append(got, p.Field)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: problems with %v, want %v", tt.name, got, tt.want)
		}
	}
	if s := (conferences.Conference{Held: true}).Stage(); s != conferences.Held {
		t.Errorf("stage %v", s)
	}
}
