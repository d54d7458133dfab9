package demo

import (
	"context"
	"fmt"
	"slices"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/supervision"
)

// addSupervision records eighteen months of supervision through the supervision store: the team manager supervises
// the practitioners of their teams every four weeks and the quality lead everyone else, with what went well first
// and an action each time, the next session marking it done. Experienced staff are six-weekly by the council's
// policy. A few have slipped: the most recent sessions of every third member of staff were never held, so they are
// overdue on the caseload and the supervision page.
func addSupervision(ctx context.Context, db *sqldb.DB, staff []councils.Staff) error {
	var manager, lead councils.Staff
	for _, s := range staff {
		switch {
		case s.Role == councils.TeamManager && manager.ID == "":
			manager = s
		case s.Role == councils.QualityLead && lead.ID == "":
			lead = s
		}
	}
	as := func(st councils.Staff) context.Context {
		return accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(ctx, st.CouncilID), st), "goldenthread demo")
	}
	store := supervision.NewStore(db)
	policy := supervision.Policy{ByRole: map[councils.Role]int{councils.Practitioner: 4, councils.TeamManager: 6, councils.DirectoryEditor: 6},
		ByStaff: map[string]int{}}
	today := db.Today()
	n := 0
	for _, s := range staff {
		if !supervision.Supervised(s.Role) || s.Disabled() {
			continue
		}
		by := lead
		if s.Role == councils.Practitioner && slices.ContainsFunc(s.TeamIDs, manager.InTeam) {
			by = manager
		}
		weeks := policy.Weeks(s)
		if n%4 == 1 {
			policy.ByStaff[s.ID] = 6 // an experienced practitioner
			weeks = 6
		}
		// Every third member of staff has missed their last sessions.
		missed := 0
		if n%3 == 2 {
			missed = 2
		}
		n++
		sessions := 18 * 4 / weeks
		for i := sessions; i > missed; i-- {
			held := sqldb.NewDate(today.AddDate(0, 0, -7*weeks*i+3))
			carried, err := store.Carried(as(by), s.ID)
			if err != nil {
				return err
			}
			kind := supervision.OneToOne
			if i%5 == 0 {
				kind = supervision.Reflective
			}
			if _, err := store.Record(as(by), supervision.Session{SuperviseeID: s.ID, HeldOn: held, Kind: kind,
				WentWell: demoWentWell[i%len(demoWentWell)], Wellbeing: "Managing well; talked about the week's pressures",
				Learning: "Strengths-based conversations: asking about community first", Reflection: demoReflections[i%len(demoReflections)],
				Actions: []supervision.Action{{What: demoSupervisionActions[i%len(demoSupervisionActions)], Owner: s.Name,
					DueOn: sqldb.NewDate(held.AddDate(0, 0, 14))}}}, carried); err != nil {
				return fmt.Errorf("demo supervision: %w", err)
			}
		}
	}
	return store.SetPolicy(as(lead), policy)
}

var demoWentWell = []string{
	"A first conversation where the person led and the plan is in their words",
	"Found a lunch club that means the person no longer needs a sitting service",
	"Stayed with a difficult family meeting and everyone left with a plan",
	"Reviews all on time this month",
}

var demoSupervisionActions = []string{
	"Shadow a colleague's strengths-based conversation",
	"Bring a case with a positive risk-taking decision to next supervision",
	"Read the practice framework's section on the ladder",
}
