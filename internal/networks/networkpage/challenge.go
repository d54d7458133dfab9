package networkpage

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type challengesData struct {
	web.Page
	NetworkID, Network string
	Own                bool
	Challenges         []networks.ChallengeView
	Today              sqldb.Date
}

// Challenges lists the network's peer challenges (GET /networks/{network}/challenges): every one for its own
// staff, and for a member council's quality lead those the council took part in.
func (p *WorkPages) Challenges() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		net := r.PathValue("network")
		name, err := p.store.NetworkName(web.Route(r), net)
		if err != nil {
			return err
		}
		all, err := p.store.Challenges(web.Route(r), net)
		if err != nil {
			return err
		}
		data := challengesData{Page: web.NewPage(r, "Peer challenges"), NetworkID: net, Network: name, Own: ownStaff(r, net), Challenges: all, Today: web.Today(r)}
		data.Back = paths.OurNetworks.URL()
		return p.tmpl.Render(w, r, http.StatusOK, "networkwork/challenges.html", data)
	})
}

type challengeData struct {
	web.Page
	NetworkID string
	C         networks.ChallengeView
	Own       bool
	Host      bool // the signed-in member of staff is the host council's, and may respond
	Stage     networks.Stage
}

// Challenge shows a peer challenge (GET /networks/{network}/challenges/{challenge}): who took part, the theme,
// when, what was found and the host's response.
func (p *WorkPages) Challenge() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		net := r.PathValue("network")
		c, err := p.store.Challenge(web.Route(r), net, r.PathValue("challenge"))
		if err != nil {
			return err
		}
		st, _ := councils.StaffFrom(r.Context())
		data := challengeData{Page: web.NewPage(r, c.Theme), NetworkID: net, C: c, Own: ownStaff(r, net), Stage: c.StageOn(web.Today(r))}
		data.Host = st.CouncilID == c.HostID && networks.RespondsToChallenge(st.Role)
		data.Back = paths.NetworkChallenges.URL(net)
		return p.tmpl.Render(w, r, http.StatusOK, "networkwork/challenge.html", data)
	})
}

type challengeForm struct {
	web.Page
	web.ConflictPanel
	NetworkID, ID      string
	Editing            bool
	Theme              string
	Host               string
	Challengers        []string
	StartsOn, EndsOn   web.DateInput
	Strengths, Areas   string
	Version            int
	HostItems, Members []web.Item
	names              map[string]string
}

var challengeOrder = []string{"version", "theme", "host", "challengers", "starts_on", "ends_on", "strengths", "areas"}

// load fills the form's choices from the network's current members, and the councils already on the challenge.
func (p *WorkPages) loadMembers(r *http.Request, data *challengeForm, was networks.ChallengeView) error {
	members, err := p.store.Members(web.Route(r), data.NetworkID)
	if err != nil {
		return err
	}
	data.names = map[string]string{}
	for _, m := range members {
		data.names[m.CouncilID] = m.Name
	}
	if was.HostID != "" {
		data.names[was.HostID] = was.HostName
	}
	for i, id := range was.ChallengerIDs {
		data.names[id] = was.ChallengerNames[i]
	}
	ids := make([]string, 0, len(data.names))
	for id := range data.names {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return strings.Compare(data.names[a], data.names[b]) })
	data.HostItems, data.Members = []web.Item{{Value: "", Text: "Choose the host council"}}, nil
	for _, id := range ids {
		data.HostItems = append(data.HostItems, web.Item{Value: id, Text: data.names[id]})
		data.Members = append(data.Members, web.Item{Value: id, Text: data.names[id]})
	}
	return nil
}

func (data *challengeForm) fill(c networks.ChallengeView) {
	data.Theme, data.Host, data.Challengers = c.Theme, c.HostID, c.ChallengerIDs
	data.StartsOn, data.EndsOn = web.DateInputOf(c.StartsOn.Time), web.DateInputOf(c.EndsOn.Time)
	data.Strengths, data.Areas, data.Version = c.Strengths, c.Areas, c.Version
}

func (data *challengeForm) read(f url.Values, errs *web.Errors) networks.ChallengeView {
	data.Theme, data.Host, data.Challengers = f.Get("theme"), f.Get("host"), f["challengers"]
	data.StartsOn, data.EndsOn = web.DateInputFrom(f, "starts_on"), web.DateInputFrom(f, "ends_on")
	data.Strengths, data.Areas, data.Version = f.Get("strengths"), f.Get("areas"), web.FormVersion(f, "version")
	c := networks.Challenge{ID: data.ID, HostID: data.Host, ChallengerIDs: data.Challengers, Theme: data.Theme,
		StartsOn:  web.ReadDate(errs, data.StartsOn, "starts_on", "the date the challenge started"),
		EndsOn:    web.ReadDate(errs, data.EndsOn, "ends_on", "the date the challenge ended"),
		Strengths: data.Strengths, Areas: data.Areas, Version: data.Version}
	c.Normalise()
	known := func(id string) bool { _, ok := data.names[id]; return ok }
	for _, pr := range c.Validate(known, networks.Challenge{}) {
		if !errs.Has(pr.Field) {
			errs.Add(pr.Field, pr.Message)
		}
	}
	errs.Sort(challengeOrder)
	v := networks.ChallengeView{Challenge: c, HostName: data.names[c.HostID]}
	for _, id := range c.ChallengerIDs {
		v.ChallengerNames = append(v.ChallengerNames, data.names[id])
	}
	return v
}

func (p *WorkPages) challengeForm(w http.ResponseWriter, r *http.Request, data *challengeForm) error {
	net := data.NetworkID
	read := func() (networks.ChallengeView, error) {
		if data.ID == "" {
			return networks.ChallengeView{}, nil
		}
		return p.store.Challenge(web.Route(r), net, data.ID)
	}
	// The choices are read before the form, which Read checks against.
	was, err := read()
	if err != nil {
		return err
	}
	if err := p.loadMembers(r, data, was); err != nil {
		return err
	}
	return web.Edit(p.tmpl, w, r, data, web.EditForm[networks.ChallengeView]{
		Template: "networkwork/challenge-form.html",
		Order:    challengeOrder,
		Conflict: "Someone else changed this peer challenge while you were editing it. Check their changes, then save again",
		Load:     read,
		Fill:     data.fill,
		Read:     data.read,
		Save: func(c networks.ChallengeView) (networks.ChallengeView, error) {
			saved, err := p.store.SaveChallenge(web.Route(r), net, c.Challenge)
			return networks.ChallengeView{Challenge: saved}, err
		},
		Problems: web.ProblemsIn(validation.AsProblems),
		Compare: func(saved, typed networks.ChallengeView) []web.Difference {
			data.Version = saved.Version
			return web.Differences(
				[3]string{"Theme", saved.Theme, strings.TrimSpace(typed.Theme)},
				[3]string{"Host council", saved.HostName, typed.HostName},
				[3]string{"Challenging councils", strings.Join(saved.ChallengerNames, ", "), strings.Join(typed.ChallengerNames, ", ")},
				[3]string{"Started", web.DateText(saved.StartsOn.Time), web.DateText(typed.StartsOn.Time)},
				[3]string{"Ended", web.DateText(saved.EndsOn.Time), web.DateText(typed.EndsOn.Time)},
				[3]string{"Strengths found", saved.Strengths, strings.TrimSpace(typed.Strengths)},
				[3]string{"Areas to consider", saved.Areas, strings.TrimSpace(typed.Areas)},
			)
		},
		Done: func(c networks.ChallengeView) error {
			web.SetFlash(r, "Peer challenge saved")
			http.Redirect(w, r, paths.NetworkChallenge.URL(net, c.ID), http.StatusSeeOther)
			return nil
		},
	})
}

// NewChallenge records a peer challenge (GET and POST /networks/{network}/challenges/new): for the network's own
// staff.
func (p *WorkPages) NewChallenge() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		net := r.PathValue("network")
		data := &challengeForm{Page: web.NewPage(r, "Record a peer challenge"), NetworkID: net}
		data.Back = paths.NetworkChallenges.URL(net)
		return p.challengeForm(w, r, data)
	})
}

// EditChallenge changes a peer challenge (GET and POST /networks/{network}/challenges/{challenge}/edit): for the
// network's own staff. The host's response is kept as it is.
func (p *WorkPages) EditChallenge() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		net, id := r.PathValue("network"), r.PathValue("challenge")
		data := &challengeForm{Page: web.NewPage(r, "Change a peer challenge"), NetworkID: net, ID: id, Editing: true}
		data.Back = paths.NetworkChallenge.URL(net, id)
		return p.challengeForm(w, r, data)
	})
}

type responseForm struct {
	web.Page
	web.ConflictPanel
	NetworkID string
	C         networks.ChallengeView
	Response  string
	Version   int
}

// Respond keeps the host council's response to a peer challenge (GET and POST
// /networks/{network}/challenges/{challenge}/response): for the host council's quality lead.
func (p *WorkPages) Respond() web.Handler {
	return web.Requires(networks.RespondsToChallenge, func(w http.ResponseWriter, r *http.Request) error {
		net, id := r.PathValue("network"), r.PathValue("challenge")
		data := &responseForm{Page: web.NewPage(r, "Respond to the peer challenge"), NetworkID: net}
		data.Back = paths.NetworkChallenge.URL(net, id)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[networks.ChallengeView]{
			Template: "networkwork/response-form.html",
			Order:    []string{"version", "response"},
			Conflict: "Someone else changed this peer challenge or its response while you were writing. Check their changes, then save again",
			Load: func() (networks.ChallengeView, error) {
				var err error
				data.C, err = p.store.Challenge(web.Route(r), net, id)
				if err == nil && data.C.HostID != viewerCouncil(r) {
					return data.C, web.Forbidden
				}
				return data.C, err
			},
			Fill: func(c networks.ChallengeView) { data.Response, data.Version = c.Response, c.Version },
			Read: func(f url.Values, errs *web.Errors) networks.ChallengeView {
				data.Response, data.Version = f.Get("response"), web.FormVersion(f, "version")
				web.AddProblems(errs, networks.ValidateResponse(data.Response), nil)
				c := data.C
				c.Response, c.Version = strings.TrimSpace(data.Response), data.Version
				return c
			},
			Save: func(c networks.ChallengeView) (networks.ChallengeView, error) {
				saved, err := p.store.Respond(web.Route(r), net, id, c.Response, c.Version)
				return networks.ChallengeView{Challenge: saved}, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed networks.ChallengeView) []web.Difference {
				data.Version = saved.Version
				return web.Differences([3]string{"Response", saved.Response, typed.Response})
			},
			Done: func(networks.ChallengeView) error {
				web.SetFlash(r, "Your council’s response is saved")
				http.Redirect(w, r, paths.NetworkChallenge.URL(net, id), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// viewerCouncil is the tenancy of the signed-in member of staff: their council, or the network for its own staff.
func viewerCouncil(r *http.Request) string {
	st, _ := councils.StaffFrom(r.Context())
	return st.CouncilID
}
