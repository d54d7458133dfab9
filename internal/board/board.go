// Package board generates the Programme Board report from the record for a day: the programme's phase then, its
// milestones with their RAG and what changed since the last report, its KPIs against target, its top open risks
// with their trend, and the decisions the board is asked to make. A report is issued (recorded as at a day, when
// and by whom), so that the next one knows what "since the last report" means; its content is never copied into a
// table, only generated again from the record.
package board

import (
	"cmp"
	"slices"
	"time"

	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Issued is a report as issued: the day it reports as at, when it was issued and by whom.
type Issued struct {
	ID           string
	AsAt         sqldb.Date
	IssuedAt     time.Time
	IssuedBy     string
	IssuedByName string
}

// Report is the Programme Board report as at a day, generated from the record.
type Report struct {
	AsAt sqldb.Date
	// Started says the council has started its programme; a report of a council that has not says only that.
	Started    bool
	Programme  programme.Programme
	Phases     []programme.PhasePlan
	Phase      *programme.PhasePlan // the phase the programme is in (PhaseNow); nil with no phases
	Milestones []MilestoneLine
	RAGs       map[programme.RAG]int // how many milestones are at each RAG
	// Last is the report this one says what changed since (LastBefore); nil when none was issued before.
	Last    *Issued
	Changes []programme.MilestoneChange // every change to a milestone's status or RAG since Last, to AsAt
	KPIs    []kpis.Progress
	Risks   []programme.Risk     // the top open risks (TopRisks)
	Needed  []programme.Decision // the decisions needed of the board, open
	// Issued is every report issued, newest first, for the page's history.
	Issued []Issued
}

// MilestoneLine is a milestone as it stood at the end of the report's day, with the changes to it since the last
// report.
type MilestoneLine struct {
	programme.Milestone
	Overdue bool
	Changed []programme.MilestoneChange
}

// TopRiskCount is how many risks the report shows: the board reads the highest, and the log holds the rest.
const TopRiskCount = 5

// PhaseNow is the phase a programme is in: the first under way; when none is, the first not started after the last
// done (the next to begin), or the last done when all are; the first phase of one not yet begun.
func PhaseNow(phases []programme.PhasePlan) *programme.PhasePlan {
	lastDone := -1
	for i, p := range phases {
		if p.Status == programme.PhaseUnderWay {
			return &phases[i]
		}
		if p.Status == programme.PhaseDone {
			lastDone = i
		}
	}
	switch {
	case len(phases) == 0:
		return nil
	case lastDone == -1:
		return &phases[0]
	case lastDone+1 < len(phases):
		return &phases[lastDone+1]
	}
	return &phases[lastDone]
}

// TopRisks are the n highest-scoring open risks, highest first; risks with the same score by title.
func TopRisks(risks []programme.Risk, n int) []programme.Risk {
	var open []programme.Risk
	for _, r := range risks {
		if r.Status == programme.RiskOpen {
			open = append(open, r)
		}
	}
	slices.SortStableFunc(open, func(a, b programme.Risk) int {
		return cmp.Or(cmp.Compare(b.Score(), a.Score()), cmp.Compare(a.Title, b.Title))
	})
	return open[:min(n, len(open))]
}

// LastBefore is the report issued most recently as at a day before asAt: the one a report as at asAt says what
// changed since. A report as at the same day as one issued shares its "last", so that looking again at an issued
// report shows what it showed. issued is any order.
func LastBefore(issued []Issued, asAt sqldb.Date) *Issued {
	var last *Issued
	for i, r := range issued {
		if !r.AsAt.Before(asAt.Time) {
			continue
		}
		if last == nil || r.AsAt.After(last.AsAt.Time) || (r.AsAt.Equal(last.AsAt.Time) && r.IssuedAt.After(last.IssuedAt)) {
			last = &issued[i]
		}
	}
	return last
}

// EndOf is the last moment of a UK day: a report as at a day holds everything recorded by the end of it.
func EndOf(day sqldb.Date) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, sqldb.London()).Add(-time.Nanosecond)
}

// Since is the moment after which changes are new to the report following last: the end of last's day, or when it
// was issued if that was earlier (a report issued as at a day still to end covered only what was recorded by then).
// The zero time, for every change, when there is no last report.
func Since(last *Issued) time.Time {
	if last == nil {
		return time.Time{}
	}
	end := EndOf(last.AsAt)
	if last.IssuedAt.Before(end) {
		return last.IssuedAt
	}
	return end
}

// AsAt is each milestone as it stood at the end of the day asAt: its status, RAG and reason from the last change
// recorded by then (history holds every change, oldest first), and only the milestones added by then. The
// milestones' other fields are as they are now.
func AsAt(milestones []programme.Milestone, history []programme.MilestoneChange, asAt sqldb.Date) []programme.Milestone {
	end := EndOf(asAt)
	last := map[string]programme.MilestoneChange{}
	for _, c := range history {
		if !c.ChangedAt.After(end) {
			last[c.MilestoneID] = c
		}
	}
	var out []programme.Milestone
	for _, m := range milestones {
		c, ok := last[m.ID]
		if !ok {
			continue
		}
		m.Status, m.RAG, m.RAGReason = c.ToStatus, c.ToRAG, c.Reason
		out = append(out, m)
	}
	return out
}

// Between is the changes in history made after since and by the end of asAt, oldest first.
func Between(history []programme.MilestoneChange, since time.Time, asAt sqldb.Date) []programme.MilestoneChange {
	end := EndOf(asAt)
	var out []programme.MilestoneChange
	for _, c := range history {
		if c.ChangedAt.After(since) && !c.ChangedAt.After(end) {
			out = append(out, c)
		}
	}
	return out
}
