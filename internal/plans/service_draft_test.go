package plans

import (
	"slices"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

func TestASolutionIsArrangedAsTheServiceItsRungMeans(t *testing.T) {
	t.Parallel()
	today := sqldb.NewDate(time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
	for _, tc := range []struct {
		rung                   Rung
		serviceType, component string
		longTerm               bool
		start, end             string
	}{
		{Reablement, codelists.ServiceTypeSTMax, "Reablement", false, "2026-12-06", "2027-01-17"},
		{Residential, codelists.ServiceTypeResidential, "Long term residential care", true, "", ""},
		{OngoingSupport, codelists.ServiceTypeCommunity, "", true, "", ""},
		{Technology, "", "Equipment", false, "", ""},
	} {
		t.Run(tc.rung.String(), func(t *testing.T) {
			c := SolutionChoice{ID: "s1", Rung: tc.rung, OutcomeIDs: []string{"o1", "o2"}}
			s := c.Arrange(today)
			if s.ServiceType != tc.serviceType || s.Component != tc.component || s.LongTerm != tc.longTerm {
				t.Errorf("arranged as %q, %q, long term %v", s.ServiceType, s.Component, s.LongTerm)
			}
			if got := [2]string{dateText(s.Start), dateText(s.End)}; got != [2]string{tc.start, tc.end} {
				t.Errorf("from %s to %s, want %s to %s", got[0], got[1], tc.start, tc.end)
			}
			if s.SolutionID != "s1" || !slices.Equal(s.OutcomeIDs, c.OutcomeIDs) || s.DeliveryMechanism != codelists.DeliveryCommissioned {
				t.Errorf("arranged %+v", s)
			}
			for list, v := range map[*codelists.List]string{&codelists.ServiceType: s.ServiceType, &codelists.ServiceComponent: s.Component} {
				if v != "" && !list.Has(v) {
					t.Errorf("%q is not on its code list", v)
				}
			}
		})
	}
}

func dateText(d sqldb.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

func TestUnarrangedSolutionsAreThoseNoServiceDelivers(t *testing.T) {
	t.Parallel()
	e := EpisodeServices{
		Solutions: []SolutionChoice{{ID: "a", Rung: Reablement}, {ID: "b", Rung: Technology}},
		Services:  []ServiceRecord{{Service: Service{ID: "x", SolutionID: "a"}}, {Service: Service{ID: "y"}}},
	}
	var got []string
	for _, c := range e.Unarranged() {
		got = append(got, c.ID)
	}
	if !slices.Equal(got, []string{"b"}) {
		t.Errorf("unarranged %v, want [b]", got)
	}
}
