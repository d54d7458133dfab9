package networks

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Milestone is one of a member council's programme milestones as the network sees it, when the council shares
// them: what, when it is due, where it stands, and its RAG with the reason when amber or red. It names no one.
type Milestone struct {
	Title    string
	Due      sqldb.Date
	Status   string // as the programme names it: "Not started", "In progress", "Done"...
	RAG      string // as the programme names it: "Green", "Amber" or "Red"
	RAGClass string // its GOV.UK tag colour, as the programme's pages show it
	Reason   string // why amber or red
}

// KPI is one of a member council's programme KPIs as the network sees it: the measure it is bound to, its
// baseline, target and latest figure as the programme shows them (already made safe by the council's measures),
// and whether it is on its trajectory.
type KPI struct {
	Name       string
	MeasureID  string
	Baseline   string
	Target     string
	Latest     string
	Trajectory string // as the KPIs name it: "On track", "Behind"...
}

// Programmes reads a member council's shared programme records. The programme's and the KPIs' own packages satisfy
// it; the app wires them. ctx is scoped to the council asked about (sqldb.WithCouncil), so that they are read
// inside its tenancy; the implementation returns only what the types above hold.
type Programmes interface {
	SharedMilestones(ctx context.Context, councilID string) ([]Milestone, error)
	SharedKPIs(ctx context.Context, councilID string) ([]KPI, error)
}

// SharedProgramme is what a member council shares with the network.
type SharedProgramme struct {
	Member     Member
	Shares     bool // false: the council has not chosen to share, and nothing is read
	Wired      bool // false: this installation has no programme records to read yet
	Milestones []Milestone
	KPIs       []KPI
}

// Shared reads the programme milestones and KPIs a member council shares with the network whose tenancy ctx is
// in, inside the council's own tenancy. A council that is not a member now is ErrNotFound; a member that does not
// share shows nothing and nothing of it is read.
func Shared(ctx context.Context, members interface {
	MemberOf(ctx context.Context, councilID string) (Member, error)
}, programmes Programmes, councilID string) (SharedProgramme, error) {
	m, err := members.MemberOf(ctx, councilID)
	if err != nil {
		return SharedProgramme{}, err
	}
	out := SharedProgramme{Member: m, Shares: m.Shares, Wired: programmes != nil}
	if !m.Shares || programmes == nil {
		return out, nil
	}
	cctx := sqldb.WithCouncil(ctx, councilID)
	if out.Milestones, err = programmes.SharedMilestones(cctx, councilID); err != nil {
		return SharedProgramme{}, fmt.Errorf("the milestones %s shares: %w", m.Name, err)
	}
	if out.KPIs, err = programmes.SharedKPIs(cctx, councilID); err != nil {
		return SharedProgramme{}, fmt.Errorf("the KPIs %s shares: %w", m.Name, err)
	}
	return out, nil
}
