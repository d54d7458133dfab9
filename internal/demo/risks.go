package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/crisis"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// demoEpisode is an open episode with an outcome, and the practitioner it is allocated to.
type demoEpisode struct {
	person, episode, outcome string
	worker                   councils.Staff
}

// addRisks gives a few people whose episodes are open plausible risk enablement, crisis and family group conference
// records, through the domains' own stores: positive risk-taking decisions (some of their reviews overdue now), two
// episodes in crisis (one with its early review overdue), and conferences held in the past whose family plans feed
// network solutions. Dates already past are set afterwards, with the duties moved to match.
func addRisks(ctx context.Context, db *sqldb.DB, staff []councils.Staff) error {
	eps, err := openEpisodes(ctx, db, staff, 12)
	if err != nil || len(eps) == 0 {
		return err
	}
	rs, cs, fs := risks.NewStore(db), crisis.NewStore(db), conferences.NewStore(db)
	today := db.Today()
	type riskStory struct{ what, view, matters, wrong, mitigation, who string }
	stories := []riskStory{
		{"Walks to the shops alone with a frame", "I have always done my own shopping", "Choosing my own food", "A fall on the kerb by the bus stop", "Carries a charged phone and texts her son on arrival", "Her son"},
		{"Uses the gas hob to cook", "Cooking is who I am", "Making Sunday dinner for my grandchildren", "Leaving a ring on", "Gas safety valve fitted; timer on the cooker", "Handyperson scheme"},
		{"Goes fishing on the riverbank at dawn", "The river is where I feel well", "Time on my own by the water", "Slipping on wet ground", "Wears a lifejacket and a fall alarm", "Him, with the angling club"},
		{"Manages his own tablets", "I don't want a carer for my pills", "Staying in charge of my health", "Missing doses or doubling up", "Pharmacy blister pack and a phone reminder", "Local pharmacy"},
	}
	for i, ep := range eps {
		as := accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(ctx, ep.worker.CouncilID), ep.worker), "goldenthread demo")
		st := stories[i%len(stories)]
		r, err := rs.Add(as, risks.Risk{PersonID: ep.person, EpisodeID: ep.episode, What: st.what, PersonView: st.view, WhatMatters: st.matters,
			CouldGoWrong: st.wrong, Likelihood: risks.Possible, Severity: []risks.Severity{risks.Minor, risks.Moderate, risks.Serious}[i%3],
			Mitigations: []risks.Mitigation{{What: st.mitigation, Who: st.who}},
			Decision: risks.Decision{Made: true, Agreed: i%5 != 4, Note: map[bool]string{true: "They want to talk it over with family first; shopping with a volunteer meanwhile"}[i%5 == 4],
				On: today, AgreedBy: []risks.Agreer{{Name: "The person", Role: "The person"}, {Name: ep.worker.Name, Role: "Practitioner"}}},
			ReviewOn: sqldb.NewDate(today.AddDate(0, 3, 0)), OutcomeIDs: []string{ep.outcome}})
		if err != nil {
			return fmt.Errorf("demo risk: %w", err)
		}
		if i%3 == 0 { // decided months ago, its review now overdue
			decided, due := sqldb.NewDate(today.AddDate(0, -4, 0)), sqldb.NewDate(today.AddDate(0, 0, -7-i))
			if err := backdate(as, db, `UPDATE risk SET decided_on = $1, review_on = $2 WHERE council_id = $3 AND id = $4`, decided, due, r.ID); err != nil {
				return err
			}
			r.ReviewOn = due
			if err := moveDuty(as, db, duties.RiskReview, r.ID, duties.EndOfDay(due)); err != nil {
				return err
			}
		}
		switch i {
		case 0, 1: // in crisis now; the first's early review is overdue
			c, err := cs.Mark(as, ep.person, ep.episode, crisis.Mark{WhatHappened: "Her daughter, who cares for her, was taken into hospital",
				Support: []string{"Home care morning and evening for a week", "Meals delivered", "Pendant alarm lent"}})
			if err != nil {
				return fmt.Errorf("demo crisis: %w", err)
			}
			if i == 0 {
				marked := db.Now().Add(-80 * time.Hour)
				due := crisis.ReviewDue(marked, 72)
				if err := backdate(as, db, `UPDATE crisis SET marked_at = $1, review_due_at = $2 WHERE council_id = $3 AND id = $4`, marked, due, c.ID); err != nil {
					return err
				}
				if err := moveDuty(as, db, duties.CrisisReview, c.ID, due); err != nil {
					return err
				}
			}
		case 2, 3, 4: // a conference held two months ago, its plan feeding the support plan
			held := sqldb.NewDate(today.AddDate(0, -2, 0))
			conf, err := fs.Refer(as, ep.person, ep.episode, conferences.Referral{ReferredOn: sqldb.NewDate(held.AddDate(0, 0, -21)), Consent: true,
				ConsentOn: sqldb.NewDate(held.AddDate(0, 0, -22)), Coordinator: "Priya Shah (independent coordinator)",
				Invitees: []conferences.Invitee{{Name: "Their daughter", Relationship: "Daughter"}, {Name: "Their neighbour", Relationship: "Neighbour"}}})
			if err != nil {
				return fmt.Errorf("demo conference: %w", err)
			}
			if err := fs.RecordHeld(as, ep.person, ep.episode, conf.ID, conferences.Meeting{HeldOn: held, PrivateTimeGiven: "yes",
				PrivateTimeNote: "An hour on their own after lunch", ReviewOn: sqldb.NewDate(today.AddDate(0, 0, 14)),
				Items: []conferences.Item{{What: "Sunday lunch together every week", Who: "Their daughter", ByWhen: "Every Sunday"},
					{What: "A lift to the GP and the chemist", Who: "Their neighbour", ByWhen: "When needed"}}}, conf.Version); err != nil {
				return fmt.Errorf("demo conference held: %w", err)
			}
			page, err := fs.Conference(as, ep.person, ep.episode, conf.ID)
			if err != nil {
				return err
			}
			if _, err := fs.AddToSupportPlan(as, ep.person, ep.episode, conf.ID, page.Conferences[0].Items[0].ID, []string{ep.outcome}); err != nil {
				return fmt.Errorf("demo family plan solution: %w", err)
			}
		}
	}
	return nil
}

// openEpisodes finds up to n open episodes with an outcome, allocated to one of staff.
func openEpisodes(ctx context.Context, db *sqldb.DB, staff []councils.Staff, n int) ([]demoEpisode, error) {
	byID := map[string]councils.Staff{}
	for _, s := range staff {
		byID[s.ID] = s
	}
	var out []demoEpisode
	err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT e.person_id, e.id, MIN(o.id), p.worker_id FROM episode e
			JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id
			JOIN outcome o ON o.council_id = e.council_id AND o.episode_id = e.id
			WHERE e.council_id = $1 AND e.result = '' AND p.worker_id IS NOT NULL
			GROUP BY e.person_id, e.id, p.worker_id ORDER BY e.id LIMIT $2`, tx.Council(), n)
		if err != nil {
			return fmt.Errorf("find demo episodes: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var e demoEpisode
			var worker string
			if err := rows.Scan(&e.person, &e.episode, &e.outcome, &worker); err != nil {
				return err
			}
			if st, ok := byID[worker]; ok {
				e.worker = st
				out = append(out, e)
			}
		}
		return rows.Err()
	})
	return out, err
}

func backdate(ctx context.Context, db *sqldb.DB, query string, a, b any, id string) error {
	return db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.ExecContext(ctx, query, a, b, tx.Council(), id); err != nil {
			return fmt.Errorf("date demo record: %w", err)
		}
		return nil
	})
}

// moveDuty sets the due time of the open duty raised by subject.
func moveDuty(ctx context.Context, db *sqldb.DB, kind duties.Kind, subject string, due time.Time) error {
	return db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE duty SET due_at = $1 WHERE council_id = $2 AND kind = $3 AND subject_id = $4 AND met_at IS NULL`,
			due, tx.Council(), string(kind), subject); err != nil {
			return fmt.Errorf("date demo duty: %w", err)
		}
		return nil
	})
}
