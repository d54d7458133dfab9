package strengthpage

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// community is the target radio's value for a group, place or organisation rather than someone who matters.
const community = "community"

// connectionOrder is the order of the connection form's fields, for the error summary.
var connectionOrder = []string{"version", "target", "name", "closeness", "link", "support_received", "support_given", "note"}

type connectionData struct {
	web.Page
	web.ConflictPanel
	PersonID, PersonName string
	Editing              bool
	Form                 strengths.Connection
	Target               string     // the chosen person who matters, or "community"
	Targets              []web.Item // on a new connection: the people who matter not on the map yet, then community
	Closeness            []web.Item
	Links                []web.Item
	Cancel               string
}

// ClosenessValue is the closeness radio's value: empty until one is chosen.
func (d connectionData) ClosenessValue() string {
	if !d.Form.Closeness.Valid() {
		return ""
	}
	return strconv.Itoa(int(d.Form.Closeness))
}

func closenessItems() []web.Item {
	var out []web.Item
	for _, c := range strengths.Closenesses() {
		out = append(out, web.Item{Value: strconv.Itoa(int(c)), Text: c.Label()})
	}
	return out
}

func linkItems() []web.Item {
	var out []web.Item
	for _, l := range strengths.Links() {
		out = append(out, web.Item{Value: string(l), Text: l.Label(), Hint: l.Hint()})
	}
	return out
}

func readConnection(f url.Values) (strengths.Connection, string) {
	v := web.FormVersion(f, "version")
	// No closeness chosen, or one that is not a number, is 0, which Validate refuses with "Select how close…".
	closeness, err := strconv.Atoi(f.Get("closeness"))
	if err != nil {
		closeness = 0
	}
	c := strengths.Connection{Name: f.Get("name"), Closeness: strengths.Closeness(closeness), Link: strengths.Link(f.Get("link")),
		SupportReceived: f.Get("support_received"), SupportGiven: f.Get("support_given"), Note: f.Get("note"), Version: v}
	target := f.Get("target")
	if target != "" && target != community {
		c.NetworkMemberID = target
	}
	return c, target
}

// targets lists who a new connection can be to: each person who matters not on the map yet, then the community.
func targets(m strengths.Map) []web.Item {
	var out []web.Item
	for _, c := range m.Connections {
		if c.NetworkMemberID != "" && !c.Described() {
			out = append(out, web.Item{Value: c.NetworkMemberID, Text: c.MemberName, Hint: c.Relationship})
		}
	}
	if len(out) > 0 {
		out = append(out, web.Item{Divider: "or"})
	}
	return append(out, web.Item{Value: community, Text: "A group, place or organisation in the community"})
}

// Connection puts a connection on the ecomap (on /connections/new, with ?member= to describe someone who matters)
// or changes or removes one. As with strengths, a change from an old version shows what was saved and keeps what
// this user typed.
func (p *Pages) Connection() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, connID := r.PathValue("id"), r.PathValue("connection")
		data := &connectionData{PersonID: id, Editing: connID != "", Closeness: closenessItems(), Links: linkItems(), Cancel: paths.Ecomap.URL(id)}
		title := "Add a connection"
		if data.Editing {
			title = "Change a connection"
		}
		data.Page = web.NewPage(r, title)
		data.Back = paths.Ecomap.URL(id)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[strengths.Connection]{
			Template: "strengths/connection.html",
			Order:    connectionOrder,
			Conflict: "Someone else changed this connection while you were editing it. Check their change, then save again to keep yours",
			Heading:  "What they saved",
			// Load reads the map (logging the view) to list the people who matter or name the one this connection is to.
			Load: func() (strengths.Connection, error) {
				m, err := p.store.Ecomap(web.Route(r), id)
				if err != nil {
					return strengths.Connection{}, err
				}
				data.PersonName = m.Person.FullName()
				if !data.Editing {
					data.Targets = targets(m)
					return strengths.Connection{}, nil
				}
				i := slices.IndexFunc(m.Connections, func(c strengths.Connection) bool { return c.ID == connID })
				if i < 0 {
					return strengths.Connection{}, web.NotFound
				}
				c := m.Connections[i]
				form := data.Form
				if r.Method != http.MethodPost {
					form = c
				}
				data.Form.NetworkMemberID, data.Form.MemberName = c.NetworkMemberID, c.MemberName
				form.NetworkMemberID, form.MemberName = c.NetworkMemberID, c.MemberName
				data.Title = "Change a connection: " + form.Title()
				return c, nil
			},
			Fill: func(c strengths.Connection) {
				if data.Editing {
					data.Form = c
				} else if member := r.URL.Query().Get("member"); member != "" {
					data.Target = member
				}
			},
			// Read makes the form's own checks first, so that a mistake is shown with one view of the record, not a change.
			Read: func(f url.Values, errs *web.Errors) strengths.Connection {
				c, target := readConnection(f)
				c.ID, c.PersonID = connID, id
				data.Form, data.Target = c, target
				switch {
				case target == "":
					errs.Add("target", "Select someone who matters, or a group, place or organisation")
				case target == community && c.Name == "":
					errs.Add("name", "Enter the name of the group, place or organisation")
				}
				checked := c
				checked.Normalise()
				if target == "" {
					checked.Name = "not chosen" // already reported against the choice
				}
				web.AddProblems(errs, checked.Validate(), connectionOrder)
				return c
			},
			Save: func(c strengths.Connection) (strengths.Connection, error) {
				if data.Editing {
					return c, p.store.UpdateConnection(web.Route(r), c)
				}
				_, err := p.store.AddConnection(web.Route(r), c)
				return c, err
			},
			// Problems puts the store's problem with the name of someone who matters against the choice of them.
			Problems: func(err error, errs *web.Errors) bool {
				ps, ok := validation.AsProblems(err)
				for _, pr := range ps {
					if pr.Field == "name" && data.Form.NetworkMemberID != "" {
						pr.Field = "target"
					}
					errs.Add(pr.Field, pr.Message)
				}
				return ok
			},
			Compare: func(theirs, typed strengths.Connection) []web.Difference {
				data.Form.Version = theirs.Version
				typed.NetworkMemberID = theirs.NetworkMemberID
				typed.Normalise()
				return web.Differences(
					[3]string{"Name", theirs.Name, typed.Name},
					[3]string{"Closeness", theirs.Closeness.Label(), typed.Closeness.Label()},
					[3]string{"Link", theirs.Link.Label(), typed.Link.Label()},
					[3]string{"Support they give", theirs.SupportReceived, typed.SupportReceived},
					[3]string{"Support " + data.PersonName + " gives", theirs.SupportGiven, typed.SupportGiven},
					[3]string{"Notes", theirs.Note, typed.Note},
				)
			},
			Done: func(strengths.Connection) error {
				web.SetFlash(r, "Ecomap updated")
				http.Redirect(w, r, paths.Ecomap.URL(id), http.StatusSeeOther)
				return nil
			},
			Remove: func(c strengths.Connection) error {
				return p.store.RemoveConnection(web.Route(r), id, connID, c.Version)
			},
			RemoveConflict: "Someone else changed this connection while you were looking at it. Check their change, then remove it again if you still want to",
			Removed: func() error {
				web.SetFlash(r, "Connection taken off the map")
				http.Redirect(w, r, paths.Ecomap.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	})
}
