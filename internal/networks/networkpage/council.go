package networkpage

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type councilNetworksData struct {
	web.Page
	web.ConflictPanel
	Networks []networks.CouncilNetwork
	JoinCode string
}

// CouncilNetworks is a council's networks (GET and POST /admin/networks), for its administrator: each network it
// belongs to, has left or was invited to, and joining a network by the code the network gave.
func (p *Pages) CouncilNetworks() web.Handler {
	return web.Requires(administers, func(w http.ResponseWriter, r *http.Request) error {
		data := &councilNetworksData{Page: web.NewPage(r, "Networks of councils")}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[string]{
			Template: "network/council-networks.html",
			Order:    []string{"join_code"},
			Load: func() (string, error) {
				var err error
				data.Networks, err = p.store.NetworksOfCouncil(r.Context())
				return "", err
			},
			Read: func(f url.Values, errs *web.Errors) string {
				data.JoinCode = strings.TrimSpace(f.Get("join_code"))
				if data.JoinCode == "" {
					errs.Add("join_code", "Enter the join code the network gave you")
				}
				return data.JoinCode
			},
			Problems: func(err error, errs *web.Errors) bool {
				switch {
				case errors.Is(err, sqldb.ErrNotFound):
					errs.Add("join_code", "No network has the join code "+strings.ToUpper(data.JoinCode)+": check it with the network")
				case errors.Is(err, networks.ErrDecision):
					errs.Add("join_code", "The council is already a member of that network")
				default:
					return false
				}
				return true
			},
			Save: func(code string) (string, error) {
				n, err := p.store.JoinByCode(r.Context(), code)
				return n.ID, err
			},
			Done: func(id string) error {
				web.SetFlash(r, "The council has joined the network. It shares nothing of its programme until you decide to")
				http.Redirect(w, r, paths.CouncilNetwork.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	})
}

type councilNetworkData struct {
	web.Page
	web.ConflictPanel
	N        networks.CouncilNetwork
	Choices  []web.Item
	Decision string
	Reason   string
	Version  int
	History  []historyRow
}

// decision is an administrator's decision as the form holds it.
type decision struct {
	Decision networks.Decision
	Reason   string
	Version  int
}

// CouncilNetwork is one network as the council's administrator sees it (GET and POST /admin/networks/{network}):
// the council's membership and every decision about the network, with the decisions open to it now: accept or
// decline an invitation; share or stop sharing its programme milestones and KPIs; leave, saying why.
func (p *Pages) CouncilNetwork() web.Handler {
	return web.Requires(administers, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("network")
		data := &councilNetworkData{Page: web.NewPage(r, "Network")}
		data.Back = paths.CouncilNetworks.URL()
		load := func() (decision, error) {
			n, err := p.store.CouncilNetworkByID(r.Context(), id)
			if err != nil {
				return decision{}, err
			}
			names, err := p.staffNames(r)
			if err != nil {
				return decision{}, err
			}
			data.N, data.Title, data.Choices, data.History = n, n.Network.Name, choices(n), nil
			for i := len(n.Records) - 1; i >= 0; i-- {
				rec := n.Records[i]
				by := names[rec.By]
				if by == "" {
					by = "The council"
				}
				data.History = append(data.History, historyRow{At: web.DateText(rec.At), Council: by, Decision: rec.Decision.Label(), How: howText(rec.How), Reason: rec.Reason})
			}
			return decision{Version: n.Version}, nil
		}
		if r.Method == http.MethodPost {
			// The decisions open to the council are read before the form is, to check the one posted against them.
			if _, err := load(); err != nil {
				return err
			}
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[decision]{
			Template: "network/council-network.html",
			Order:    []string{"version", "decision", "reason"},
			Conflict: "Another administrator decided about this network after you opened this page. Check their decision, then decide again",
			Heading:  "What the other administrator decided",
			Load:     load,
			Fill:     func(d decision) { data.Version = d.Version },
			Read: func(f url.Values, errs *web.Errors) decision {
				d := decision{Decision: networks.Decision(f.Get("decision")), Reason: strings.TrimSpace(f.Get("reason")), Version: web.FormVersion(f, "version")}
				data.Decision, data.Reason, data.Version = string(d.Decision), d.Reason, d.Version
				offered := false
				for _, c := range choices(data.N) {
					offered = offered || c.Value == string(d.Decision)
				}
				if !offered {
					errs.Add("decision", "Choose what the council decides")
				}
				if d.Decision == networks.Leave && d.Reason == "" {
					errs.Add("reason", "Say why the council is leaving the network")
				}
				if len(d.Reason) > 2000 {
					errs.Add("reason", "The reason must be 2,000 characters or fewer")
				}
				return d
			},
			Problems: func(err error, errs *web.Errors) bool {
				if errors.Is(err, networks.ErrDecision) {
					errs.Add("decision", "That decision no longer follows from the council’s decisions: check them below")
					return true
				}
				return false
			},
			Save: func(d decision) (decision, error) {
				if d.Decision == networks.Join {
					return d, p.store.AcceptInvitation(r.Context(), id, d.Version)
				}
				return d, p.store.Decide(r.Context(), id, d.Decision, d.Reason, d.Version)
			},
			Compare: func(saved, typed decision) []web.Difference {
				data.Version = saved.Version
				latest := ""
				if n := len(data.N.Records); n > 0 {
					latest = data.N.Records[n-1].Decision.Label()
				}
				return []web.Difference{{Label: "Decision", Theirs: latest, Yours: typed.Decision.Label()}}
			},
			Done: func(d decision) error {
				web.SetFlash(r, "Recorded: "+d.Decision.Label())
				http.Redirect(w, r, paths.CouncilNetwork.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// choices are the decisions open to the council about the network now.
func choices(n networks.CouncilNetwork) []web.Item {
	switch {
	case n.Member() && n.Shares():
		return []web.Item{
			{Value: string(networks.StopSharing), Text: "Stop sharing the council’s programme milestones and KPIs with the network"},
			{Value: string(networks.Leave), Text: "Leave the network"},
		}
	case n.Member():
		return []web.Item{
			{Value: string(networks.Share), Text: "Share the council’s programme milestones and KPIs with the network", Hint: "The network’s staff see each milestone with its RAG, and each KPI against its target: never a person, a member of staff or a case"},
			{Value: string(networks.Leave), Text: "Leave the network"},
		}
	case n.Invitation != nil:
		return []web.Item{
			{Value: string(networks.Join), Text: "Accept the invitation and join the network", Hint: "The network’s staff will see the council’s measures beside the other members’, as aggregates only, with counts under 6 suppressed"},
			{Value: string(networks.Decline), Text: "Decline the invitation"},
		}
	}
	return nil
}

// staffNames are the council's staff's names by id, for its history of decisions.
func (p *Pages) staffNames(r *http.Request) (map[string]string, error) {
	staff, err := p.staff.StaffList(r.Context())
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(staff))
	for _, st := range staff {
		out[st.ID] = st.Name
	}
	return out, nil
}
