package app

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/networks/networkpage"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// networkRoutes mounts the pages of networks of councils (internal/networks): the network's own, for its staff, and
// a council administrator's decisions about its networks.
func (a *App) networkRoutes(tmpl *web.Templates, page func(string, web.Handler)) {
	n := networkpage.New(tmpl, a.Networks, a.NetworkComparer, func() networks.Programmes { return a.NetworkProgrammes }, a.Councils)
	page(paths.NetworkHome.Route("GET"), n.Home())
	page(paths.NetworkInvite.Route("GET"), n.Invite())
	page(paths.NetworkInvite.Route("POST"), n.Invite())
	page(paths.NetworkWithdraw.Route("POST"), n.Withdraw())
	page(paths.NetworkMember.Route("GET"), n.Member())
	page(paths.NetworkCompare.Route("GET"), n.Compare())
	page(paths.CouncilNetworks.Route("GET"), n.CouncilNetworks())
	page(paths.CouncilNetworks.Route("POST"), n.CouncilNetworks())
	page(paths.CouncilNetwork.Route("GET"), n.CouncilNetwork())
	page(paths.CouncilNetwork.Route("POST"), n.CouncilNetwork())
}

// lateModels asks the practice models wired when the comparison runs (NetworkModels), so that they may be wired after
// the comparer is made; with none, no council has a model recorded.
type lateModels struct{ a *App }

func (m lateModels) CurrentModel(ctx context.Context, councilID string) (string, string, error) {
	if m.a.NetworkModels == nil {
		return "", "", nil
	}
	return m.a.NetworkModels.CurrentModel(ctx, councilID)
}

// isNetworkStaff says whether st belongs to a network rather than to a council: a programme lead whose tenancy is
// a network's.
func (a *App) isNetworkStaff(ctx context.Context, st councils.Staff) (bool, error) {
	if st.Role != councils.ProgrammeLead {
		return false, nil
	}
	return a.Networks.IsNetwork(ctx, st.CouncilID)
}

// networkModels tells the network's comparison which practice model a council has chosen, read inside that council's
// tenancy by the practice models' own store: the model's built-in key and name, nothing about anyone.
type networkModels struct{ models *practicemodels.Store }

func (m networkModels) CurrentModel(ctx context.Context, councilID string) (string, string, error) {
	model, err := m.models.ModelOf(ctx, councilID)
	if err != nil {
		return "", "", err
	}
	key := model.Builtin
	if key == "" {
		key = model.ID
	}
	return key, model.Name, nil
}

// sharedProgrammes reads the milestones and KPIs a member council shares with its network, inside that council's
// tenancy (the network has checked the council's decision to share first). Only what networks.Milestone and
// networks.KPI hold leaves: titles, dates, RAG and figures already made safe by the council's measures.
type sharedProgrammes struct{ db *sqldb.DB }

func (s sharedProgrammes) SharedMilestones(ctx context.Context, councilID string) ([]networks.Milestone, error) {
	var out []networks.Milestone
	err := s.db.ReadTx(sqldb.WithCouncil(ctx, councilID), func(tx *sqldb.Tx) error {
		ms, err := programme.MilestonesIn(ctx, tx)
		for _, m := range ms {
			out = append(out, networks.Milestone{Title: m.Title, Due: m.DueOn, Status: m.Status.Label(), RAG: m.RAG.Label(), RAGClass: m.RAG.TagClass(), Reason: m.RAGReason})
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the milestones council %s shares: %w", councilID, err)
	}
	return out, nil
}

func (s sharedProgrammes) SharedKPIs(ctx context.Context, councilID string) ([]networks.KPI, error) {
	var out []networks.KPI
	err := s.db.ReadTx(sqldb.WithCouncil(ctx, councilID), func(tx *sqldb.Tx) error {
		ps, err := kpis.ProgressIn(ctx, tx, tx.Today())
		for _, p := range ps {
			k := networks.KPI{Name: p.Name, MeasureID: p.MeasureID, Target: p.Value(p.Target), Trajectory: p.Status.Label()}
			if !p.Computable() {
				k.Baseline, k.Trajectory = p.NotComputable, ""
			} else {
				k.Baseline = p.BaselineFigure.Text
				if p.Latest != nil {
					k.Latest = p.Latest.Actual.Text
				}
			}
			out = append(out, k)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the KPIs council %s shares: %w", councilID, err)
	}
	return out, nil
}
