package conversations

import (
	"context"
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// The step each kind of work belongs to, as the practice framework places it (seeds/004): strengths are gathered
// in Step 1; the outcomes the person wants and the ideas for reaching them, least intrusive first, are developed in
// Step 2 (the episode page offers them there); the support plan is Step 3's; reviews are Step 4's. A conversation
// names its own step.
const (
	StrengthStep = Step1
	OutcomeStep  = Step2
	SolutionStep = Step2
	PlanStep     = Step3
	ReviewStep   = Step4
)

// WorkStepSQL is an SQL expression for the furthest step with work recorded in the episode that alias e names: a
// conversation in the step, or a strength, outcome, solution, support plan or held review in the step it belongs
// to; 0 when nothing has been recorded. It reads only the episode's own council's rows.
func WorkStepSQL(e string) string {
	in := func(table, extra string) string {
		return `EXISTS (SELECT 1 FROM ` + table + ` w WHERE w.council_id = ` + e + `.council_id AND w.episode_id = ` + e + `.id` + extra + `)`
	}
	work := []struct {
		table, extra string
		step         Step
	}{
		{"strength", "", StrengthStep}, {"outcome", "", OutcomeStep}, {"solution", "", SolutionStep},
		{"support_plan", "", PlanStep}, {"review", " AND w.status = 'completed'", ReviewStep},
	}
	var b strings.Builder
	b.WriteString("(CASE")
	steps := Steps()
	for i := len(steps) - 1; i >= 0; i-- {
		conds := []string{in("conversation", fmt.Sprintf(" AND w.step = %d", steps[i]))}
		for _, w := range work {
			if w.step == steps[i] {
				conds = append(conds, in(w.table, w.extra))
			}
		}
		fmt.Fprintf(&b, " WHEN %s THEN %d", strings.Join(conds, " OR "), steps[i])
	}
	b.WriteString(" ELSE 0 END)")
	return b.String()
}

// TakenUpSQL is an SQL condition that holds when a practitioner has taken up the episode that alias e names: work
// is recorded in it, or one of its steps has moved on from "not started", or it has ended.
func TakenUpSQL(e string) string {
	return `(` + e + `.result <> '' OR ` + WorkStepSQL(e) + ` > 0 OR EXISTS (SELECT 1 FROM episode_step ts WHERE ts.council_id = ` + e +
		`.council_id AND ts.episode_id = ` + e + `.id AND ts.status <> '` + string(NotStarted) + `'))`
}

// StartStep marks step s of an open episode in progress when it has not been started, with the chronology event a
// step change writes. The store that records work in the step calls it inside the transaction that records the
// work, after reaching the person. A step already in progress, completed or not needed is left as it is, and so is
// every step of an ended episode (its ending recorded where each step got to). An empty episodeID changes nothing.
func StartStep(ctx context.Context, tx *sqldb.Tx, personID, episodeID string, s Step) error {
	if episodeID == "" {
		return nil
	}
	if !s.Valid() {
		return fmt.Errorf("start step %d: not a step", s)
	}
	res, err := tx.ExecContext(ctx, `UPDATE episode_step SET status = $1, updated_at = $2, updated_by = $3, version = version + 1
		WHERE council_id = $4 AND episode_id = $5 AND step = $6 AND status = $7 AND EXISTS (SELECT 1 FROM episode e
			WHERE e.council_id = episode_step.council_id AND e.id = episode_step.episode_id AND e.person_id = $8 AND e.result = '')`,
		string(InProgress), tx.Now(), councils.StaffID(ctx), tx.Council(), episodeID, int(s), string(NotStarted), personID)
	if err != nil {
		return fmt.Errorf("start step %d: %w", s, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Step, RefID: episodeID,
		Summary: stepSummary(s, InProgress, "")})
}

// stepSummary is the chronology's line for a step's change of status.
func stepSummary(s Step, to StepStatus, reason string) string {
	summary := fmt.Sprintf("Step %d, %s: %s", s, lowerFirst(s.Label()), lowerFirst(to.Label()))
	if reason != "" {
		summary += " (" + clip(reason) + ")"
	}
	return summary
}

// Position is where an episode has really got to, from its recorded steps and the work recorded in them: the
// furthest step reached and the step to work on next. Every page, list and the API say an episode's position
// from it.
type Position struct {
	Reached Step       // the furthest step started, completed or with work in it; 0 when none
	Status  StepStatus // Reached's status; in progress when it has work but was never marked
	Next    Step       // the step to work on next: Reached while it is in progress, else the next step still to do; 0 when none is left
	Ended   bool       // the episode has ended, at Reached
}

// Position works out where the episode has got to. An ended episode is at the step it ended at.
func (e Episode) Position() Position {
	if e.Ended() && e.EndedStep.Valid() {
		return Position{Reached: e.EndedStep, Status: e.StepOf(e.EndedStep).Status, Ended: true}
	}
	var p Position
	if e.WorkStep.Valid() {
		p.Reached = e.WorkStep
	}
	for _, r := range e.Steps {
		if (r.Status == InProgress || r.Status == Completed) && r.Step > p.Reached {
			p.Reached = r.Step
		}
	}
	if p.Reached.Valid() {
		p.Status = e.StepOf(p.Reached).Status
		if p.Status == NotStarted {
			p.Status = InProgress
		}
		if p.Status == InProgress {
			p.Next = p.Reached
			return p
		}
	}
	for _, s := range Steps() {
		if st := e.StepOf(s).Status; s > p.Reached && (st == NotStarted || st == InProgress) {
			p.Next = s
			break
		}
	}
	return p
}

// FormStep is the step an ending form offers first: the furthest step with work in it, or Step 1 when nothing
// has been recorded yet.
func (p Position) FormStep() Step {
	if p.Reached.Valid() {
		return p.Reached
	}
	return Step1
}

// Current is the step in hand: the next step to work on, else the furthest reached, else Step 1. A new
// conversation's form offers it first.
func (p Position) Current() Step {
	if p.Next.Valid() {
		return p.Next
	}
	return p.FormStep()
}

// Text says the position as staff read it: "Step 3: Support planning, in progress", "Step 2: Develop ideas, to
// start", "Ended at step 1: Gather information", or, when every step is done, that the episode is ready to end.
func (p Position) Text() string {
	switch {
	case p.Ended:
		return fmt.Sprintf("Ended at step %d: %s", p.Reached, p.Reached.Label())
	case p.Next.Valid() && p.Next == p.Reached:
		return fmt.Sprintf("Step %d: %s, in progress", p.Next, p.Next.Label())
	case p.Next.Valid():
		return fmt.Sprintf("Step %d: %s, to start", p.Next, p.Next.Label())
	}
	return "Every step done: end the episode with its result"
}

// InProgress reports whether the episode is open with its next step already under way.
func (p Position) InProgress() bool { return !p.Ended && p.Next.Valid() && p.Next == p.Reached }

// EndSteps is what ending an episode at end.Step does to its steps: the step it ended at is completed (unless it
// was recorded as not needed); earlier steps in progress are completed; and every step never reached (not started, before or after the ending) becomes
// not needed, with the ending as the reason. Steps already completed or not needed keep their record. Only the
// steps that change are returned.
func EndSteps(steps []StepRecord, end Ending) []StepRecord {
	reason := EndingReason(end)
	var out []StepRecord
	for _, r := range fillSteps(steps) {
		to := r.Status
		switch {
		case r.Step == end.Step && (r.Status == NotStarted || r.Status == InProgress):
			to = Completed
		case r.Step < end.Step && r.Status == InProgress:
			to = Completed
		case r.Status == NotStarted:
			to = NotNeeded
		}
		if to == r.Status {
			continue
		}
		r.Status, r.Reason = to, ""
		if to == NotNeeded {
			r.Reason = reason
		}
		out = append(out, r)
	}
	return out
}

// EndingReason is why a step never reached was not needed: the episode's ending.
func EndingReason(end Ending) string {
	return fmt.Sprintf("The episode ended at step %d: %s", end.Step, lowerFirst(strings.TrimPrefix(codelists.EventOutcome.Label(end.Result), "NFA: ")))
}

// CheckEndStep refuses an ending at a step before the furthest step the episode has reached: the record would
// say the work stopped before work that was done.
func CheckEndStep(ep Episode, end Ending) validation.Problems {
	if p := ep.Position(); end.Step.Valid() && p.Reached.Valid() && end.Step < p.Reached {
		return validation.Problems{{Field: "step", Message: fmt.Sprintf("Work has been recorded in step %d. Select step %d or a later step", p.Reached, p.Reached)}}
	}
	return nil
}
