package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// feedbackDays is how far back the demo's feedback goes: two years.
const feedbackDays = 730

// addFeedback gives the demo council two years of feedback. Three in four of the people whose review was held or plan
// agreed in that time answered the survey for people, with the practitioner, on the printed form or by the link,
// a fifth of them anonymously; more felt listened to and in control as time went on. The staff answered a staff
// survey round every six months, more of them saying strengths-based practice is everyday work each time; a round
// is open now, which the demo's sign-in accounts have not answered yet.
func addFeedback(ctx context.Context, db *sqldb.DB, staff []councils.Staff, seed uint64) error {
	lead, asLead := qualityLead(ctx, staff)
	surveys, err := feedback.NewStore(db).Surveys(asLead)
	if err != nil {
		return fmt.Errorf("demo feedback: %w", err)
	}
	var people, staffSurvey feedback.Survey
	for _, s := range surveys {
		if s.Audience == feedback.People {
			people = s
		} else {
			staffSurvey = s
		}
	}
	rng := rand.New(rand.NewPCG(seed, 38))
	today := db.Today()
	since := sqldb.NewDate(today.AddDate(0, 0, -feedbackDays))
	return db.InTx(sqldb.WithCouncil(ctx, lead.CouncilID), func(tx *sqldb.Tx) error {
		var past []feedback.Past
		err := sqldb.Each(ctx, tx, `SELECT r.person_id, r.episode_id, COALESCE(e.team_id, ''), r.held_on FROM review r
			JOIN episode e ON e.council_id = r.council_id AND e.id = r.episode_id
			WHERE r.council_id = $1 AND r.status = 'completed' AND r.held_on >= $2
			UNION ALL
			SELECT s.person_id, s.episode_id, COALESCE(e.team_id, ''), s.agreed_on FROM support_plan s
			JOIN episode e ON e.council_id = s.council_id AND e.id = s.episode_id
			WHERE s.council_id = $1 AND s.agreed_on >= $2`, []any{tx.Council(), since}, func(rows *sql.Rows) error {
			var p feedback.Past
			var on sqldb.Date
			if err := rows.Scan(&p.PersonID, &p.EpisodeID, &p.TeamID, &on); err != nil {
				return err
			}
			if rng.Float64() >= 0.75 {
				return nil
			}
			answered := sqldb.NewDate(on.AddDate(0, 0, rng.IntN(12)))
			if answered.After(today.Time) {
				answered = today
			}
			progress := float64(answered.Sub(since.Time).Hours()/24) / feedbackDays
			p.SurveyID, p.AnsweredOn, p.Anonymous = people.ID, answered, rng.IntN(5) == 0
			p.How = []feedback.How{feedback.WithPractitioner, feedback.WithPractitioner, feedback.Paper, feedback.Link}[rng.IntN(4)]
			p.Answers = map[string]string{
				feedback.ListenedKey:  scaleAnswer(rng, 0.62+0.24*progress),
				"strengths":           scaleAnswer(rng, 0.55+0.25*progress),
				feedback.InControlKey: scaleAnswer(rng, 0.50+0.22*progress),
				"who_to_contact":      scaleAnswer(rng, 0.74+0.12*progress),
				feedback.ChangeKey:    "",
			}
			if rng.IntN(2) == 0 {
				p.Answers[feedback.ChangeKey] = demoChanges[rng.IntN(len(demoChanges))]
			}
			past = append(past, p)
			return nil
		})
		if err != nil {
			return fmt.Errorf("demo feedback: read reviews and plans: %w", err)
		}
		var rounds []feedback.PastRound
		for i, monthsAgo := range []int{22, 16, 10, 4, 0} {
			opens := sqldb.NewDate(today.AddDate(0, -monthsAgo, -10))
			r := feedback.PastRound{Round: feedback.Round{ID: sqldb.NewID(), SurveyID: staffSurvey.ID, OpensOn: opens,
				ClosesOn: sqldb.NewDate(opens.AddDate(0, 0, 31)), Name: "Staff survey, " + opens.Format("January 2006")}}
			open := monthsAgo == 0
			for n, st := range staff {
				// Most staff answer a past round; in the round open now, the demo's sign-in accounts have yet to.
				if (open && n < 6) || (!open && rng.IntN(10) == 0) || st.Disabled() {
					continue
				}
				r.AnsweredBy = append(r.AnsweredBy, st.ID)
				team := ""
				if len(st.TeamIDs) > 0 {
					team = st.TeamIDs[0]
				}
				agree := 0.45 + 0.1*float64(i)
				p := feedback.Past{RoundID: r.ID, TeamID: team, Response: feedback.Response{SurveyID: staffSurvey.ID, AnsweredOn: opens,
					How: feedback.InRound, Anonymous: true, Answers: map[string]string{
						feedback.EverydayKey: scaleAnswer(rng, agree),
						"supervision":        scaleAnswer(rng, agree+0.1),
						"time":               scaleAnswer(rng, agree-0.15),
						"processes":          scaleAnswer(rng, agree-0.1),
					}}}
				if rng.IntN(3) == 0 {
					p.Answers[feedback.ChangeKey] = demoStaffChanges[rng.IntN(len(demoStaffChanges))]
				}
				past = append(past, p)
			}
			rounds = append(rounds, r)
		}
		return feedback.Import(ctx, tx, rounds, past)
	})
}

// scaleAnswer is Yes or Mostly with the chance agree, otherwise Partly or No.
func scaleAnswer(rng *rand.Rand, agree float64) string {
	if rng.Float64() < agree {
		return []string{"yes", "yes", "mostly"}[rng.IntN(3)]
	}
	return []string{"partly", "partly", "no"}[rng.IntN(3)]
}

var demoChanges = []string{
	"Nothing, it was good to be asked what I wanted",
	"I would have liked to meet sooner",
	"Fewer forms and more time to talk",
	"Knowing who to ring when my worker is away",
	"My daughter should have been invited to the review",
	"I would like more help finding groups near me",
	"It was the first time someone asked about my garden",
	"Letters in larger print, please",
}

var demoStaffChanges = []string{
	"More time for conversations and less for forms",
	"Supervision that is not cancelled when we are busy",
	"Easier ways to find community groups",
	"Smaller caseloads so we can do the work properly",
	"More chances to learn from each other's cases",
}

// qualityLead is the demo council's quality lead, and ctx acting as them from the demo command.
func qualityLead(ctx context.Context, staff []councils.Staff) (councils.Staff, context.Context) {
	var lead councils.Staff
	for _, s := range staff {
		if s.Role == councils.QualityLead {
			lead = s
			break
		}
	}
	return lead, accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(ctx, lead.CouncilID), lead), "goldenthread demo")
}
