package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// addCommunity records the community of practice through its store: a service-wide Making Safeguarding Personal
// network last quarter, organised by the quality lead, and a team's strengths-based approach network this quarter,
// organised by its manager, each with who attended and what was shared and agreed; and four practice stories in the
// library of good practice, tagged and published, each passing the story checker as any story must.
func addCommunity(ctx context.Context, db *sqldb.DB, staff []councils.Staff) error {
	var manager, lead councils.Staff
	for _, s := range staff {
		switch {
		case s.Role == councils.TeamManager && manager.ID == "" && len(s.TeamIDs) > 0:
			manager = s
		case s.Role == councils.QualityLead && lead.ID == "":
			lead = s
		}
	}
	as := func(st councils.Staff) context.Context {
		return accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(ctx, st.CouncilID), st), "goldenthread demo")
	}
	store := community.NewStore(db)
	today := db.Today()
	thisQuarter := time.Date(today.Year(), time.Month((int(today.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	var wide, team []community.Attendee
	for i, s := range staff {
		if s.Disabled() || s.Role == councils.Administrator || s.Role == councils.Finance {
			continue
		}
		if i%3 != 2 {
			wide = append(wide, community.Attendee{StaffID: s.ID})
		}
		if s.InTeam(manager.TeamIDs[0]) {
			team = append(team, community.Attendee{StaffID: s.ID})
		}
	}
	events := []struct {
		by councils.Staff
		e  community.Event
	}{
		{lead, community.Event{Title: "Making Safeguarding Personal network", Topic: community.MSP, HeldOn: sqldb.NewDate(thisQuarter.AddDate(0, -2, 9)),
			Place: "Council chamber, Town Hall", Attendees: wide,
			Shared: "Three enquiries where the person said at the start what they wanted to happen, and how the plan kept to it. " +
				"The feedback survey shows people feel more in control when they are asked about outcomes in the first conversation.",
			Agreed: "Ask the person what they want to happen before anything else, and record it in their words. " +
				"Team managers check this in the next round of case file audits."}},
		{manager, community.Event{Title: "Strengths-based approach huddle", TeamID: manager.TeamIDs[0], Topic: community.Strengths,
			HeldOn: sqldb.NewDate(thisQuarter.AddDate(0, 0, 14)), Online: true, Place: "Team call", Attendees: team,
			Shared: "Each practitioner brought one conversation where the person's own network did more than a service could.",
			Agreed: "Try the community directory before any council-funded service, and say why in the solution when it cannot help."}},
	}
	for _, x := range events {
		if x.e.HeldOn.After(today.Time) {
			x.e.HeldOn = today
		}
		if _, err := store.RecordEvent(as(x.by), x.e); err != nil {
			return fmt.Errorf("demo network event %q: %w", x.e.Title, err)
		}
	}
	for _, x := range demoStories {
		saved, err := store.SaveStory(as(lead), x)
		if err != nil {
			return fmt.Errorf("demo practice story %q: %w", x.Title, err)
		}
		if err := store.Publish(as(lead), saved.ID, saved.Version); err != nil {
			return fmt.Errorf("publish demo practice story %q: %w", x.Title, err)
		}
	}
	return nil
}

var demoStories = []community.Story{
	{Title: "Back to the allotment",
		Story: "A man in his seventies had stopped going out after a fall and asked for a carer to do his shopping.\n" +
			"In the first conversation the practitioner asked what a good week used to look like. The answer was the allotment, and the neighbour he used to share it with.\n" +
			"The neighbour now drives him there twice a week, and they shop on the way back. Reablement helped with the steps at home.",
		WhyGood: "The conversation started from what mattered to him, found help in his own network first, and the council-funded support was short and aimed at getting him back on his feet.",
		Tags:    []string{"strengths-based approach", "reablement", "community"}},
	{Title: "Her outcome, in her words",
		Story: "A woman told the safeguarding enquiry that she wanted to stay friends with the person who had been taking her money, but to stop lending it.\n" +
			"The practitioner kept that at the centre of the enquiry. Her bank helped her set up a separate account, and she practised saying no with her advocate.\n" +
			"At the end she said she felt listened to and more in control.",
		WhyGood: "Making Safeguarding Personal: the outcome she wanted was asked for at the start, written in her words, and reviewed with her at the end.",
		Tags:    []string{"making safeguarding personal", "advocacy", "financial abuse"}},
	{Title: "A carer's break that works for both of them",
		Story: "A daughter caring for her father said she was close to giving up work.\n" +
			"Rather than offering respite in a care home, which her father did not want, the practitioner and the family found a day centre he already knew from years ago, and a neighbour who sits with him one evening a week.\n" +
			"Her carer's assessment recorded what she wanted for herself: to keep her job and go swimming again.",
		WhyGood: "Both people's wellbeing was considered, the carer was assessed in her own right, and the plan built on people and places already in their lives.",
		Tags:    []string{"carers", "strengths-based approach"}},
	{Title: "Deciding together about moving home",
		Story: "A man living with dementia was thought by others to need a care home.\n" +
			"The practitioner assessed his capacity for that decision alone, and found he could make it with support: pictures of the options, short visits and time to think.\n" +
			"He chose extra care housing near his church. His sister and the practitioner recorded why, and what would make them look at it again.",
		WhyGood: "The Mental Capacity Act in practice: capacity was assumed and supported, the decision was his, and the least restrictive option was found.",
		Tags:    []string{"mental capacity act", "housing", "dementia"}},
}
