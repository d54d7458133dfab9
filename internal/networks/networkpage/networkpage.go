// Package networkpage provides the pages of a network of councils. For the network's staff (programme leads of the
// network's own tenancy): the network's home, with its member councils, its open invitations and every decision its
// councils have made; a member council's shared programme summary; and the comparison of the member councils'
// measures by council and by practice model, as aggregates only. For a council's administrator: the networks the
// council belongs to or was invited to, joining by a network's code, and each decision (accept or decline an
// invitation, share or stop sharing programme milestones and KPIs, leave with a reason), every one kept.
package networkpage

import (
	"context"
	"embed"
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of networks.Store.
type Store interface {
	Mine(ctx context.Context) (networks.Network, error)
	MembersOf(ctx context.Context) (networks.Members, error)
	MemberOf(ctx context.Context, councilID string) (networks.Member, error)
	Invite(ctx context.Context, councilCode, message string) (networks.Invitation, error)
	Withdraw(ctx context.Context, councilID, id string, version int) error
	NetworksOfCouncil(ctx context.Context) ([]networks.CouncilNetwork, error)
	CouncilNetworkByID(ctx context.Context, networkID string) (networks.CouncilNetwork, error)
	JoinByCode(ctx context.Context, joinCode string) (networks.Network, error)
	AcceptInvitation(ctx context.Context, networkID string, version int) error
	Decide(ctx context.Context, networkID string, d networks.Decision, reason string, version int) error
}

// Comparer runs the network's comparison (networks.Comparer).
type Comparer interface {
	Compare(ctx context.Context, p insight.Period, ids ...string) (networks.Comparison, error)
}

// Staff names a council's own staff, for its administrator's history of decisions.
type Staff interface {
	StaffList(ctx context.Context) ([]councils.Staff, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl       *web.Templates
	store      Store
	comparer   Comparer
	programmes func() networks.Programmes
	staff      Staff
}

// New returns the pages. programmes gives the programme records wired when a page asks, nil until they are: a
// member council's page then says so.
func New(tmpl *web.Templates, store Store, comparer Comparer, programmes func() networks.Programmes, staff Staff) *Pages {
	return &Pages{tmpl: tmpl, store: store, comparer: comparer, programmes: programmes, staff: staff}
}

// networkStaff: the network's pages are for programme leads; which tenancy they are in (a network's, not a
// council's) is the store's to say (networks.Store.Mine), so that a council's own programme lead finds none.
func networkStaff(r councils.Role) bool { return r == councils.ProgrammeLead }

// administers: a council's administrator decides about its networks.
var administers = councils.Role.Administers

type homeData struct {
	web.Page
	Network     networks.Network
	Current     []networks.Membership
	Past        []networks.Membership
	Invitations []networks.Invitation
	History     []historyRow
}

type historyRow struct {
	At, Council, Decision, How, Reason string
}

// Home is the network's home (GET /network): its member councils with when and how each joined and whether it
// shares its programme, the councils that left, the open invitations, and every decision its councils made.
func (p *Pages) Home() web.Handler {
	return web.Requires(networkStaff, func(w http.ResponseWriter, r *http.Request) error {
		m, err := p.store.MembersOf(r.Context())
		if err != nil {
			return err
		}
		data := homeData{Page: web.NewPage(r, m.Network.Name), Network: m.Network, Invitations: m.Invitations}
		for _, ms := range m.Memberships {
			if ms.Current() {
				data.Current = append(data.Current, ms)
			} else {
				data.Past = append(data.Past, ms)
			}
		}
		for _, rec := range m.Records {
			data.History = append(data.History, historyRow{At: web.DateText(rec.At), Council: m.Names[rec.CouncilID], Decision: rec.Decision.Label(),
				How: howText(rec.How), Reason: rec.Reason})
		}
		return p.tmpl.Render(w, r, http.StatusOK, "network/home.html", data)
	})
}

// howText says how a council joined.
func howText(how string) string {
	switch how {
	case networks.ByInvitation:
		return "By invitation"
	case networks.ByCode:
		return "By the network’s code"
	}
	return ""
}

type inviteData struct {
	web.Page
	web.ConflictPanel
	Code, Message string
}

type invitation struct{ Code, Message string }

// Invite is inviting a council to join (GET and POST /network/invitations/new), by its ONS code.
func (p *Pages) Invite() web.Handler {
	return web.Requires(networkStaff, func(w http.ResponseWriter, r *http.Request) error {
		n, err := p.store.Mine(r.Context())
		if err != nil {
			return err
		}
		data := &inviteData{Page: web.NewPage(r, "Invite a council to join "+n.Name)}
		data.Back = paths.NetworkHome.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[invitation]{
			Template: "network/invite.html",
			Order:    []string{"code", "message"},
			Load:     func() (invitation, error) { return invitation{}, nil },
			Read: func(f url.Values, errs *web.Errors) invitation {
				in := invitation{Code: strings.TrimSpace(f.Get("code")), Message: strings.TrimSpace(f.Get("message"))}
				data.Code, data.Message = in.Code, in.Message
				if err := councils.ValidCode(strings.ToUpper(in.Code)); err != nil {
					errs.Add("code", "Enter the council’s ONS code: a letter E, N, S or W and 8 digits, such as E06000044")
				}
				if len(in.Message) > 2000 {
					errs.Add("message", "The message must be 2,000 characters or fewer")
				}
				return in
			},
			Problems: func(err error, errs *web.Errors) bool {
				switch {
				case errors.Is(err, sqldb.ErrNotFound):
					errs.Add("code", "No council in Golden Thread has the code "+strings.ToUpper(data.Code))
				case errors.Is(err, networks.ErrDecision):
					errs.Add("code", "That council is already a member of the network, or already has an open invitation")
				default:
					return false
				}
				return true
			},
			Save: func(in invitation) (invitation, error) {
				_, err := p.store.Invite(r.Context(), in.Code, in.Message)
				return in, err
			},
			Done: func(in invitation) error {
				web.SetFlash(r, "Invitation sent to "+strings.ToUpper(in.Code)+": its administrator will see it on their networks page")
				http.Redirect(w, r, paths.NetworkHome.URL(), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// Withdraw withdraws an open invitation (POST /network/invitations/{council}/{invitation}/withdraw).
func (p *Pages) Withdraw() web.Handler {
	return web.Requires(networkStaff, func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(r); err != nil {
			return err
		}
		if err := p.store.Withdraw(r.Context(), r.PathValue("council"), r.PathValue("invitation"), web.FormVersion(r.PostForm, "version")); err != nil {
			return err
		}
		web.SetFlash(r, "Invitation withdrawn")
		http.Redirect(w, r, paths.NetworkHome.URL(), http.StatusSeeOther)
		return nil
	})
}

type memberData struct {
	web.Page
	networks.SharedProgramme
}

// Member is a member council's page under the network (GET /network/members/{council}): the programme milestones,
// with their RAG, and the KPIs it shares. A council that is not a member now is not found.
func (p *Pages) Member() web.Handler {
	return web.Requires(networkStaff, func(w http.ResponseWriter, r *http.Request) error {
		if _, err := p.store.Mine(r.Context()); err != nil {
			return err
		}
		sp, err := networks.Shared(r.Context(), p.store, p.programmes(), r.PathValue("council"))
		if err != nil {
			return err
		}
		data := memberData{Page: web.NewPage(r, sp.Member.Name), SharedProgramme: sp}
		data.Back = paths.NetworkHome.URL()
		return p.tmpl.Render(w, r, http.StatusOK, "network/member.html", data)
	})
}
