package demo

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

// addWorkforce saves two staff resource scenarios as the quality lead would: "Current", the defaults with the
// council's supervision policy, and "With Three Conversations", which assumes shorter, more frequent conversations,
// less time on assessments and plans, and more of a practitioner's time with people, so that the two side by side
// show what the new way of working would need.
func addWorkforce(ctx context.Context, db *sqldb.DB, staff []councils.Staff) error {
	var lead councils.Staff
	for _, s := range staff {
		if s.Role == councils.QualityLead {
			lead = s
			break
		}
	}
	as := accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(ctx, lead.CouncilID), lead), "goldenthread demo")
	store := workforce.NewStore(db, nil)
	current, err := store.Draft(as)
	if err != nil {
		return fmt.Errorf("draft the demo scenario: %w", err)
	}
	current.Name, current.Description = "Current", "The way teams work today: long assessments, a plan for most people, and 40% of the day with people."
	three := current
	three.Name = "With Three Conversations"
	three.Description = "Conversations at the first contact, shorter assessments and plans, and more of the day with people, as the Three Conversations model asks."
	a := &three.Assumptions
	a.ContactMinutes, a.ConversationMinutes, a.PlanMinutes, a.ReviewMinutes, a.WithPeoplePercent = 45, 75, 60, 60, 55
	for _, x := range []workforce.Scenario{current, three} {
		if _, err := store.Create(as, x); err != nil {
			return fmt.Errorf("save the demo scenario %s: %w", x.Name, err)
		}
	}
	return nil
}
