package app

import (
	"context"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/networks/networkpage"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

// networkRoutes mounts the pages of networks of councils (internal/networks): the network's own, for its staff, and
// a council administrator's decisions about its networks.
func (a *App) networkRoutes(tmpl *web.Templates, page func(string, web.Handler)) {
	n := networkpage.New(tmpl, a.Networks, a.networkComparer(), func() networks.Programmes { return a.NetworkProgrammes }, a.Councils)
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

// networkComparer is the network's comparison, asking the practice models wired when it runs (NetworkModels), so
// that they may be wired after the routes are built.
func (a *App) networkComparer() *networks.Comparer {
	return networks.NewComparer(a.Networks, lateModels{a})
}

// lateModels asks the app's practice models, when there are any; with none, no council has a model recorded.
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
