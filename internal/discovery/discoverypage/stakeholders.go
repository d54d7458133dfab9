package discoverypage

import (
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type stakeholdersData struct {
	web.Page
	Sections     []section
	Grid         []gridRow // high influence, then low
	Stakeholders []discovery.Stakeholder
	Changes      bool
}

// Stakeholders is the stakeholder map (GET /programme/stakeholders): the influence and interest grid, each
// stakeholder in their quarter, then every stakeholder with how they are engaged and who owns it.
func (p *Pages) Stakeholders() web.Handler {
	return web.Requires(reads, func(w http.ResponseWriter, r *http.Request) error {
		ss, err := p.store.Stakeholders(web.Route(r))
		if err != nil {
			return err
		}
		data := stakeholdersData{Page: web.NewPage(r, "Stakeholders"), Sections: sections(), Grid: gridRows(discovery.Grid(ss)), Stakeholders: ss,
			Changes: web.Can(r, changes)}
		return p.tmpl.Render(w, r, http.StatusOK, "discovery/stakeholders.html", data)
	})
}

// gridRow is a row of the influence and interest grid: low interest, then high.
type gridRow struct {
	Label string
	Cells []discovery.Cell
}

// gridRows lays the grid's four quarters, in the order discovery.Quadrants draws them, out in two rows.
func gridRows(cells []discovery.Cell) []gridRow {
	return []gridRow{{"High influence", cells[:2]}, {"Low influence", cells[2:]}}
}

type stakeholderForm struct {
	web.Page
	web.ConflictPanel
	ID           string
	Name         string
	Organisation string
	Kinds        []web.Item
	Kind         string
	Levels       []web.Item
	Influence    string
	Interest     string
	Engagement   string
	Owners       []web.Item
	OwnerID      string
	Version      int
}

var stakeholderOrder = []string{"version", "name", "organisation", "kind", "influence", "interest", "engagement", "owner_id"}

// StakeholderForm adds a stakeholder to the map (GET and POST /programme/stakeholders/new) or changes one
// (…/{stakeholder}/edit), for those who change the programme; a stale change shows theirs beside yours (409).
func (p *Pages) StakeholderForm() web.Handler {
	return recordForm("stakeholder", p.stakeholderForm)
}

func (p *Pages) stakeholderForm(w http.ResponseWriter, r *http.Request, id string) error {
	title := "Add a stakeholder"
	if id != "" {
		title = "Change a stakeholder"
	}
	data := &stakeholderForm{Page: web.NewPage(r, title), ID: id, Kinds: choices(discovery.StakeholderKinds), Levels: choices(discovery.Levels)}
	data.Back = paths.Stakeholders.URL()
	form := web.EditForm[discovery.Stakeholder]{
		Template: "discovery/stakeholder-form.html",
		Order:    stakeholderOrder,
		Conflict: "Someone else changed this stakeholder while you were editing them. Check what they changed, then save again",
		Load: func() (discovery.Stakeholder, error) {
			staff, err := p.staff.StaffList(web.Route(r))
			if err != nil {
				return discovery.Stakeholder{}, err
			}
			data.Owners = []web.Item{{Value: "", Text: "Select a member of staff"}}
			for _, s := range staff {
				if !s.Disabled() {
					data.Owners = append(data.Owners, web.Item{Value: s.ID, Text: s.Name})
				}
			}
			if id == "" {
				return discovery.Stakeholder{}, nil
			}
			return p.store.Stakeholder(web.Route(r), id)
		},
		Fill: func(x discovery.Stakeholder) {
			data.Name, data.Organisation, data.Kind, data.Engagement = x.Name, x.Organisation, string(x.Kind), x.Engagement
			data.Influence, data.Interest, data.OwnerID, data.Version = string(x.Influence), string(x.Interest), x.OwnerID, x.Version
		},
		Read: func(form url.Values, errs *web.Errors) discovery.Stakeholder {
			data.Name, data.Organisation, data.Kind, data.Engagement = form.Get("name"), form.Get("organisation"), form.Get("kind"), form.Get("engagement")
			data.Influence, data.Interest, data.OwnerID = form.Get("influence"), form.Get("interest"), form.Get("owner_id")
			data.Version = web.FormVersion(form, "version")
			x := discovery.Stakeholder{ID: id, Name: data.Name, Organisation: data.Organisation, Kind: discovery.StakeholderKind(data.Kind),
				Influence: discovery.Level(data.Influence), Interest: discovery.Level(data.Interest), Engagement: data.Engagement,
				OwnerID: data.OwnerID, Version: data.Version}
			check := x
			check.Normalise()
			web.AddProblems(errs, check.Validate(), stakeholderOrder)
			return x
		},
		Save: func(x discovery.Stakeholder) (discovery.Stakeholder, error) {
			return p.store.SaveStakeholder(web.Route(r), x)
		},
		Problems: web.ProblemsIn(validation.AsProblems),
		Compare: func(saved, typed discovery.Stakeholder) []web.Difference {
			typed.Normalise()
			data.Version = saved.Version
			return web.Differences(
				[3]string{"Name or group", saved.Name, typed.Name},
				[3]string{"Organisation or role", saved.Organisation, typed.Organisation},
				[3]string{"Kind", saved.Kind.Label(), typed.Kind.Label()},
				[3]string{"Influence", saved.Influence.Label(), typed.Influence.Label()},
				[3]string{"Interest", saved.Interest.Label(), typed.Interest.Label()},
				[3]string{"How they are engaged", saved.Engagement, typed.Engagement},
				[3]string{"Engagement owner", web.ChosenText(data.Owners, saved.OwnerID), web.ChosenText(data.Owners, typed.OwnerID)},
			)
		},
		Done: func(x discovery.Stakeholder) error {
			web.SetFlash(r, "Stakeholder saved: "+x.Name)
			http.Redirect(w, r, paths.Stakeholders.URL(), http.StatusSeeOther)
			return nil
		},
	}
	removable(&form, w, r, id, p.store.RemoveStakeholder, func(x discovery.Stakeholder) int { return x.Version },
		"Someone else changed this stakeholder while you were looking at them. Check what they changed, then remove them again if you still want to", "Stakeholder removed", paths.Stakeholders.URL())
	return web.Edit(p.tmpl, w, r, data, form)
}
