package programme

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// TemplateMilestone is one milestone of seed 001's table, which a council may load as the start of its own.
type TemplateMilestone struct {
	Key        string // stable, so that loading twice adds nothing the second time
	Title      string
	Workstream StandardWorkstream
	Phase      Phase
	// Due is the date seed 001 gave, or zero where it said "TBC". A loaded milestone falls as many days after the
	// programme's start as this falls after TemplateStart.
	Due sqldb.Date
}

// TemplateStart is the day seed 001's programme began its planning (January 2024), from which its milestones'
// dates are counted when a council loads them.
var TemplateStart = sqldb.Date{Time: time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)}

func seedDate(y int, m time.Month, d int) sqldb.Date {
	return sqldb.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// MilestoneTemplate is seed 001's summary of key dates and milestones, in its order.
func MilestoneTemplate() []TemplateMilestone {
	return []TemplateMilestone{
		{"operating-model", "Draft a new recommended strengths-based practice operating model", PracticeWorkstream, Design, seedDate(2024, time.May, 31)},
		{"skills-training", "Complete the strengths-based practice skills training programme", PracticeWorkstream, Design, seedDate(2024, time.July, 5)},
		{"structure", "Draft staff, team and management structure recommendations to support the strengths-based practice operating model", CultureWorkstream, Design, seedDate(2024, time.July, 5)},
		{"assessment-process", "Draft recommendations for a re-engineered assessment, care, support and treatment planning, review and contracting process", ProcessesWorkstream, Design, seedDate(2024, time.July, 19)},
		{"supervision-process", "Draft recommendations for revised supervision processes that align with strengths-based practice processes", ProcessesWorkstream, Design, seedDate(2024, time.July, 19)},
		{"staff-resources", "Calculate the staff resources needed to operate the new practice and supervision model and supporting processes", ProcessesWorkstream, Design, seedDate(2024, time.September, 27)},
		{"culture-framework", "Draft the first version of the organisation's culture, behaviours and values framework for the Programme Board's approval", CultureWorkstream, Design, seedDate(2024, time.September, 27)},
		{"implementation-plan", "Draft implementation plan presented to the Programme Board for approval", CultureWorkstream, Design, seedDate(2024, time.October, 11)},
		{"delivery-plan", "Complete all actions in the implementation delivery plan", PracticeWorkstream, Deliver, sqldb.Date{}},
	}
}

// ShiftedDue is when a template milestone falls for a programme that started on start: as many days after it as
// seed 001's date fell after TemplateStart; zero (to be confirmed) where seed 001 gave none.
func (t TemplateMilestone) ShiftedDue(start sqldb.Date) sqldb.Date {
	if t.Due.IsZero() || start.IsZero() {
		return sqldb.Date{}
	}
	days := int(t.Due.Sub(TemplateStart.Time).Hours() / 24)
	return sqldb.Date{Time: start.AddDate(0, 0, days)}
}

// LoadTemplate adds seed 001's milestones that the council has not loaded yet, due as ShiftedDue says from the
// programme's start, each in its standard workstream (the first workstream when the council has none of that
// standard), owned by the programme's lead or else by whoever loads them, not started and green. It returns how
// many it added: none the second time.
func (s *Store) LoadTemplate(ctx context.Context) (int, error) {
	added := 0
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		p, err := readProgramme(ctx, tx)
		if err != nil {
			return err
		}
		ws, err := readWorkstreams(ctx, tx, "")
		if err != nil {
			return err
		}
		if len(ws) == 0 {
			return fmt.Errorf("the programme has no workstreams: %w", sqldb.ErrConflict)
		}
		byStandard := map[StandardWorkstream]string{}
		for _, w := range ws {
			if w.Standard != "" && byStandard[w.Standard] == "" {
				byStandard[w.Standard] = w.ID
			}
		}
		loaded := map[string]bool{}
		err = sqldb.Each(ctx, tx, `SELECT template FROM programme_milestone WHERE council_id = $1 AND template <> ''`,
			[]any{tx.Council()}, func(rows *sql.Rows) error {
				var key string
				if err := rows.Scan(&key); err != nil {
					return err
				}
				loaded[key] = true
				return nil
			})
		if err != nil {
			return fmt.Errorf("read the loaded template: %w", err)
		}
		owner := p.LeadStaffID
		if owner == "" {
			owner = st.ID
		}
		for _, t := range MilestoneTemplate() {
			if loaded[t.Key] {
				continue
			}
			wid := byStandard[t.Workstream]
			if wid == "" {
				wid = ws[0].ID
			}
			m := Milestone{ID: sqldb.NewID(), Title: t.Title, WorkstreamID: wid, DueOn: t.ShiftedDue(p.StartedOn),
				OwnerStaffID: owner, Status: MilestoneNotStarted, RAG: Green, Phase: t.Phase, Template: t.Key}
			if err := addMilestone(ctx, tx, m, st.ID); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("load the milestone template: %w", err)
	}
	return added, nil
}
