package strengthpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/web"
)

// community is the target radio's value for a group, place or organisation rather than someone who matters.
const community = "community"

// connectionOrder is the order of the connection form's fields, for the error summary.
var connectionOrder = []string{"version", "target", "name", "closeness", "link", "support_received", "support_given", "note"}

type connectionData struct {
	web.Page
	PersonID, PersonName string
	Editing              bool
	Form                 strengths.Connection
	Target               string     // the chosen person who matters, or "community"
	Targets              []web.Item // on a new connection: the people who matter not on the map yet, then community
	Closeness            []web.Item
	Links                []web.Item
	Theirs               *strengths.Connection
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

func readConnection(r *http.Request) (strengths.Connection, string) {
	f := r.PostForm
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
		data := connectionData{PersonID: id, Editing: connID != "", Closeness: closenessItems(), Links: linkItems(), Cancel: paths.Ecomap.URL(id)}
		title := "Add a connection"
		if data.Editing {
			title = "Change a connection"
		}
		data.Page = web.NewPage(r, title)
		data.Back = paths.Ecomap.URL(id)
		// show renders the form, reading the map (and logging the view) to list the people who matter or name the one
		// this connection is to.
		show := func(status int) error {
			m, err := p.store.Ecomap(web.Route(r), id)
			if err != nil {
				return err
			}
			data.PersonName = m.Person.FullName()
			if data.Editing {
				found := false
				for _, c := range m.Connections {
					if c.ID == connID {
						found = true
						if status == http.StatusOK {
							data.Form = c
						}
						data.Form.NetworkMemberID, data.Form.MemberName = c.NetworkMemberID, c.MemberName
						if status == http.StatusConflict {
							saved := c
							data.Theirs, data.Form.Version = &saved, c.Version
						}
					}
				}
				if !found {
					return web.NotFound
				}
				data.Title = "Change a connection: " + data.Form.Title()
			} else {
				data.Targets = targets(m)
			}
			return p.tmpl.Render(w, r, status, "strengths/connection.html", data)
		}
		if r.Method != http.MethodPost {
			if member := r.URL.Query().Get("member"); member != "" {
				data.Target = member
			}
			return show(http.StatusOK)
		}

		if err := web.ParseForm(r); err != nil {
			return err
		}
		c, target := readConnection(r)
		c.ID, c.PersonID = connID, id
		data.Form, data.Target = c, target
		if data.Editing && r.PostForm.Get("remove") == "yes" {
			err := p.store.RemoveConnection(web.Route(r), id, connID, c.Version)
			if errors.Is(err, sqldb.ErrConflict) {
				data.Errors.Add("version", "Someone else changed this connection while you were looking at it. Check their change, then remove it again if you still want to")
				return show(http.StatusConflict)
			}
			if err != nil {
				return err
			}
			web.SetFlash(r, "Connection taken off the map")
			http.Redirect(w, r, paths.Ecomap.URL(id), http.StatusSeeOther)
			return nil
		}
		// The form's own checks first, so that a mistake is shown with one view of the record, not a change.
		switch {
		case target == "":
			data.Errors.Add("target", "Select someone who matters, or a group, place or organisation")
		case target == community && c.Name == "":
			data.Errors.Add("name", "Enter the name of the group, place or organisation")
		}
		checked := c
		checked.Normalise()
		if target == "" {
			checked.Name = "not chosen" // already reported against the choice
		}
		ps := checked.Validate()
		if data.Errors.Any() || len(ps) > 0 {
			web.AddProblems(&data.Errors, ps, connectionOrder)
			return show(http.StatusUnprocessableEntity)
		}
		var err error
		if data.Editing {
			err = p.store.UpdateConnection(web.Route(r), c)
		} else {
			_, err = p.store.AddConnection(web.Route(r), c)
		}
		if ps, ok := validation.AsProblems(err); ok {
			for _, pr := range ps {
				if pr.Field == "name" && c.NetworkMemberID != "" {
					pr.Field = "target"
				}
				data.Errors.Add(pr.Field, pr.Message)
			}
			return show(http.StatusUnprocessableEntity)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			data.Errors.Add("version", "Someone else changed this connection while you were editing it. Check their change, then save again to keep yours")
			return show(http.StatusConflict)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Ecomap updated")
		http.Redirect(w, r, paths.Ecomap.URL(id), http.StatusSeeOther)
		return nil
	})
}
