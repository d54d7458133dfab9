package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// demoRound is one of the demo council's past Practice Fortnights: when it started, and how good the practice it
// found was, as the chance of each overall grade from outstanding to inadequate.
type demoRound struct {
	name      string
	monthsAgo int
	grades    []int // weights of the grades, best first
}

// addAudits runs two past Practice Fortnights through the audit store, as a quality lead, team manager and
// practitioners would: a round samples four episodes a team, each is graded by its auditor with learning and an
// action, most practitioners reflect, a fifth of the completed audits are moderated blind, and the round closes.
// The spring round found more to improve than the autumn one, so the findings show practice getting better. The
// times things happened are set afterwards to fall within each round.
func addAudits(ctx context.Context, db *sqldb.DB, staff []councils.Staff, seed uint64) error {
	byID := map[string]councils.Staff{}
	var lead councils.Staff
	for _, s := range staff {
		byID[s.ID] = s
		if s.Role == councils.QualityLead && lead.ID == "" {
			lead = s
		}
	}
	as := func(st councils.Staff) context.Context {
		return accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(ctx, st.CouncilID), st), "goldenthread demo")
	}
	store := audits.NewStore(db)
	tools, err := store.Tools(as(lead))
	if err != nil {
		return err
	}
	today := db.Today()
	rng := rand.New(rand.NewPCG(seed, 15))
	rounds := []demoRound{
		{name: "Practice Fortnight, spring", monthsAgo: 8, grades: []int{1, 4, 4, 1}},
		{name: "Practice Fortnight, autumn", monthsAgo: 2, grades: []int{3, 5, 2, 0}},
	}
	for i, dr := range rounds {
		starts := sqldb.NewDate(today.AddDate(0, -dr.monthsAgo, 0))
		r, _, err := store.CreateRound(as(lead), audits.NewRound{Name: dr.name, ToolID: tools[0].ID, StartsOn: starts,
			EndsOn: sqldb.NewDate(starts.AddDate(0, 0, 13)), PerTeam: 4, Stratify: audits.ByWorker, ExcludeMonths: 6,
			Seed: int64(seed)*10 + int64(i), ModerationPercent: 20})
		if _, nothing := validation.AsProblems(err); nothing {
			// A council too small to have episodes to sample (a demo of a few people) runs no round.
			return nil
		}
		if err != nil {
			return fmt.Errorf("demo round: %w", err)
		}
		page, err := store.Round(as(lead), r.ID)
		if err != nil {
			return err
		}
		for _, a := range page.Audits {
			g := demoGrading(rng, tools[0], dr.grades, today)
			saved, err := store.Grade(as(byID[a.AuditorID]), a.ID, g, a.Version)
			if err != nil {
				return fmt.Errorf("demo grading: %w", err)
			}
			if worker, ok := byID[a.WorkerID]; ok && rng.IntN(5) > 0 {
				if _, err := store.Reflect(as(worker), a.ID, audits.Reflection{Text: pick(rng, demoReflections), Done: []int{0}}, saved.Version); err != nil {
					return fmt.Errorf("demo reflection: %w", err)
				}
			}
		}
		if _, err := store.DrawModeration(as(lead), r.ID); err != nil {
			return fmt.Errorf("demo moderation: %w", err)
		}
		if page, err = store.Round(as(lead), r.ID); err != nil {
			return err
		}
		for _, a := range page.Audits {
			if a.ModeratorID == "" {
				continue
			}
			m := audits.Moderation{Grades: map[string]audits.Answer{}, Note: "Agree with the auditor on most questions; the person's voice is stronger than graded"}
			mine, err := store.Audit(as(byID[a.ModeratorID]), a.ID)
			if err != nil {
				return err
			}
			for _, q := range tools[0].Questions() {
				m.Grades[q.Key] = demoGrading(rng, tools[0], dr.grades, today).Grades[q.Key]
			}
			if _, err := store.Moderate(as(byID[a.ModeratorID]), a.ID, m, mine.Audit.Version); err != nil {
				return fmt.Errorf("demo moderation: %w", err)
			}
		}
		if err := store.CloseRound(as(lead), r.ID, 1); err != nil {
			return err
		}
		// Everything happened during the round: its audits were graded in its first week and reflected on in its
		// second, its actions fell due and were done a month after it.
		at := func(days int) time.Time { return starts.Add(time.Duration(days)*24*time.Hour + 10*time.Hour) }
		if err := db.InTx(as(lead), func(tx *sqldb.Tx) error {
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{`UPDATE audit SET started_at = $1, completed_at = $2, updated_at = $2 WHERE council_id = $3 AND round_id = $4`,
					[]any{at(2), at(5), tx.Council(), r.ID}},
				{`UPDATE audit SET reflected_at = $1 WHERE council_id = $2 AND round_id = $3 AND reflected_at IS NOT NULL`,
					[]any{at(10), tx.Council(), r.ID}},
				{`UPDATE audit SET moderated_at = $1 WHERE council_id = $2 AND round_id = $3 AND moderated_at IS NOT NULL`,
					[]any{at(12), tx.Council(), r.ID}},
				{`UPDATE audit_action SET due_on = $1 WHERE council_id = $2 AND audit_id IN (SELECT id FROM audit WHERE council_id = $2 AND round_id = $3)`,
					[]any{sqldb.NewDate(at(40)), tx.Council(), r.ID}},
				{`UPDATE audit_action SET done_on = $1 WHERE council_id = $2 AND done_on IS NOT NULL
					AND audit_id IN (SELECT id FROM audit WHERE council_id = $2 AND round_id = $3)`,
					[]any{sqldb.NewDate(at(30)), tx.Council(), r.ID}},
				{`UPDATE audit_round SET closed_at = $1, created_at = $2, updated_at = $1 WHERE council_id = $3 AND id = $4`,
					[]any{at(14), at(0), tx.Council(), r.ID}},
			} {
				if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
					return fmt.Errorf("date demo audits: %w", err)
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// demoGrading grades every question of the tool, the grades drawn by weight, with evidence, learning and an action.
// addSupervisionAudits opens a round of the supervision audit tool over the last three months' supervision, so
// that the quality lead finds supervision records waiting to be audited beside the case files.
func addSupervisionAudits(ctx context.Context, db *sqldb.DB, staff []councils.Staff, seed uint64) error {
	_, as := qualityLead(ctx, staff)
	store := audits.NewStore(db)
	tools, err := store.Tools(as)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(tools, func(t audits.Tool) bool { return t.Kind == audits.Supervision })
	if i < 0 {
		return fmt.Errorf("the council has no supervision audit tool")
	}
	today := db.Today()
	_, _, err = store.CreateRound(as, audits.NewRound{Name: "Supervision audit, winter", ToolID: tools[i].ID, StartsOn: today,
		EndsOn: sqldb.NewDate(today.AddDate(0, 0, 20)), PerTeam: 3, Stratify: audits.ByWorker, Seed: int64(seed)*10 + 7})
	if _, nothing := validation.AsProblems(err); nothing {
		// A council too small to have supervision to sample runs no round.
		return nil
	}
	return err
}

func demoGrading(rng *rand.Rand, t audits.Tool, weights []int, today sqldb.Date) audits.Grading {
	g := audits.Grading{Grades: map[string]audits.Answer{}, Complete: true, StrengthsFound: pick(rng, demoStrengthsFound),
		Learning: pick(rng, demoLearning), Actions: []audits.Action{{What: pick(rng, demoActions), DueOn: sqldb.NewDate(today.AddDate(0, 0, 28))}}}
	total := 0
	for _, w := range weights {
		total += w
	}
	for _, q := range t.Questions() {
		n := rng.IntN(total)
		i := 0
		for ; n >= weights[i]; i++ {
			n -= weights[i]
		}
		grades := q.Scale.Grades()
		if q.Scale == audits.YesNo && (q.Check == audits.CheckCapacity || q.Check == audits.CheckMSP) && rng.IntN(3) > 0 {
			i = 3 // not applicable to most cases
		}
		g.Grades[q.Key] = audits.Answer{Grade: grades[min(i, len(grades)-1)].Value, Evidence: "Seen in the conversations and the plan"}
	}
	return g
}

var demoStrengthsFound = []string{
	"The person's own words lead the outcomes, and the plan reads as theirs",
	"Good use of the person's network before funded support",
	"Clear reasons on the ladder for each solution above information and advice",
	"Warm, respectful recording that shows the person as they see themselves",
}

var demoLearning = []string{
	"Explore community strengths as well as family ones",
	"Record how we will know each outcome is achieved",
	"Say why lower rungs of the ladder could not meet the outcome",
	"Schedule the first review when the plan is agreed",
	"Record the person's own words apart from your observations",
}

var demoActions = []string{
	"Add community strengths after the next visit",
	"Complete the SMART elements of each outcome",
	"Add the reasons for funded support to the solutions",
	"Book the review and record its date",
}

var demoReflections = []string{
	"I had not noticed how little of the community I had asked about; I will ask about groups and places first next time.",
	"Useful to see the thread laid out. I will write how we will know an outcome is met while I am with the person.",
	"I agree with the learning. Writing the reasons for each rung makes me think about the lower ones properly.",
}
