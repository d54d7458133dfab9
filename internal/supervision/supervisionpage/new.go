package supervisionpage

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/caseloads"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// Rows is how many cases and actions the session form offers.
const Rows = 3

type caseRow struct {
	N                                        int
	PersonName, DiscussionName, DecisionName string
	PersonID, Discussion, Decision           string
}

type actionRow struct {
	N                            int
	WhatName, OwnerName, DueName string
	What, Owner                  string
	Due                          web.DateInput
}

type newData struct {
	web.Page
	web.ConflictPanel
	Supervisees  []web.Item
	SuperviseeID string
	Supervisee   string // their name, once chosen
	People       []web.Item
	HeldOn       web.DateInput
	Kinds        []web.Item
	Kind         string
	WentWell     string
	Wellbeing    string
	Learning     string
	Reflection   string
	Cases        []caseRow
	Actions      []actionRow
	Carried      []supervision.Carried
	Done         []string
}

// recorded is a session with the carried actions marked done.
type recorded struct {
	supervision.Session
	Done []supervision.Carried
}

var newOrder = func() []string {
	out := []string{"supervisee_id", "held_on", "kind", "went_well"}
	for i := range Rows {
		out = append(out, supervision.CaseField(i, "person"), supervision.CaseField(i, "discussion"))
	}
	out = append(out, "wellbeing", "learning", "reflection")
	for i := range Rows {
		out = append(out, supervision.ActionField(i, "what"), supervision.ActionField(i, "owner"), supervision.ActionField(i, "due_on"))
	}
	return out
}()

func rows[T any](n int, row func(i int) T) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = row(i)
	}
	return out
}

// New records a supervision session (GET and POST /supervision/new?supervisee=ID): for team managers, of their teams'
// staff, and the quality lead. What has gone well comes first and cannot be skipped; cases are chosen from the
// supervisee's caseload; actions from earlier sessions not yet done are offered to mark done.
func (p *Pages) New() web.Handler {
	return web.Requires(supervises, func(w http.ResponseWriter, r *http.Request) error {
		data := &newData{Page: web.NewPage(r, "Record supervision")}
		data.Back = paths.Supervision.URL()
		for _, k := range supervision.Kinds() {
			data.Kinds = append(data.Kinds, web.Item{Value: string(k), Text: k.Label()})
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[recorded]{
			Template: "supervision/new.html",
			Order:    newOrder,
			Load: func() (recorded, error) {
				standings, err := p.store.Standings(web.Route(r))
				if err != nil {
					return recorded{}, err
				}
				me, _ := councils.StaffFrom(r.Context())
				if data.SuperviseeID == "" {
					data.SuperviseeID = r.URL.Query().Get("supervisee")
				}
				data.Supervisees = nil
				for _, s := range standings {
					if s.Staff.ID != me.ID {
						data.Supervisees = append(data.Supervisees, web.Item{Value: s.Staff.ID, Text: s.Staff.Name})
						if s.Staff.ID == data.SuperviseeID {
							data.Supervisee = s.Staff.Name
						}
					}
				}
				if data.Supervisee == "" {
					data.SuperviseeID = ""
					return recorded{}, nil
				}
				res, err := p.people.Caseload(web.Route(r), caseloads.Filter{WorkerID: data.SuperviseeID, Page: 1})
				if err != nil {
					return recorded{}, err
				}
				data.People = []web.Item{{Value: "", Text: "Choose a person"}}
				for _, e := range res.Entries {
					data.People = append(data.People, web.Item{Value: e.PersonID, Text: e.Name})
				}
				data.Carried, err = p.store.Carried(web.Route(r), data.SuperviseeID)
				return recorded{}, err
			},
			Fill: func(recorded) {
				data.HeldOn, data.Kind = web.DateInputOf(web.Today(r).Time), string(supervision.OneToOne)
				data.Cases = rows(Rows, func(i int) caseRow { return newCase(i, nil) })
				data.Actions = rows(Rows, func(i int) actionRow { return newAction(i, nil) })
			},
			Read: func(f url.Values, errs *web.Errors) recorded {
				data.SuperviseeID, data.Kind = f.Get("supervisee_id"), f.Get("kind")
				data.WentWell, data.Wellbeing, data.Learning, data.Reflection = f.Get("went_well"), f.Get("wellbeing"), f.Get("learning"), f.Get("reflection")
				data.HeldOn, data.Done = web.DateInputFrom(f, "held_on"), f["done"]
				data.Cases = rows(Rows, func(i int) caseRow { return newCase(i, f) })
				data.Actions = rows(Rows, func(i int) actionRow { return newAction(i, f) })
				rec := recorded{Session: supervision.Session{SuperviseeID: data.SuperviseeID, Kind: supervision.Kind(data.Kind),
					HeldOn:   web.ReadDate(errs, data.HeldOn, "held_on", "The date of the supervision"),
					WentWell: data.WentWell, Wellbeing: data.Wellbeing, Learning: data.Learning, Reflection: data.Reflection}}
				for _, c := range data.Cases {
					rec.Cases = append(rec.Cases, supervision.Case{PersonID: c.PersonID, Discussion: c.Discussion, Decision: c.Decision})
				}
				for i, a := range data.Actions {
					act := supervision.Action{What: a.What, Owner: a.Owner}
					if a.Due != (web.DateInput{}) {
						act.DueOn = web.ReadDate(errs, a.Due, supervision.ActionField(i, "due_on"), "The date action "+strconv.Itoa(i+1)+" is due")
					}
					rec.Actions = append(rec.Actions, act)
				}
				for _, d := range data.Done {
					sid, pos, ok := splitDone(d)
					if !ok {
						errs.Add("done", "Select the actions done from the list")
						continue
					}
					rec.Done = append(rec.Done, supervision.Carried{SupervisionID: sid, Position: pos})
				}
				check := rec.Session
				check.Normalise()
				web.AddProblems(errs, check.Validate(web.Today(r)), newOrder)
				return rec
			},
			Save: func(rec recorded) (recorded, error) {
				s, err := p.store.Record(web.Route(r), rec.Session, rec.Done)
				rec.Session = s
				return rec, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(rec recorded) error {
				web.SetFlash(r, "Supervision recorded: "+data.Supervisee+" can now read it and agree")
				http.Redirect(w, r, paths.SupervisionSession.URL(rec.ID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

func newCase(i int, f url.Values) caseRow {
	c := caseRow{N: i + 1, PersonName: supervision.CaseField(i, "person"), DiscussionName: supervision.CaseField(i, "discussion"),
		DecisionName: supervision.CaseField(i, "decision")}
	if f != nil {
		c.PersonID, c.Discussion, c.Decision = f.Get(c.PersonName), f.Get(c.DiscussionName), f.Get(c.DecisionName)
	}
	return c
}

func newAction(i int, f url.Values) actionRow {
	a := actionRow{N: i + 1, WhatName: supervision.ActionField(i, "what"), OwnerName: supervision.ActionField(i, "owner"),
		DueName: supervision.ActionField(i, "due_on")}
	if f != nil {
		a.What, a.Owner, a.Due = f.Get(a.WhatName), f.Get(a.OwnerName), web.DateInputFrom(f, a.DueName)
	}
	return a
}

// splitDone reads a carried action as the form names it: its session and its position, "session/position".
func splitDone(v string) (string, int, bool) {
	i := slices.Index([]byte(v), '/')
	if i < 1 {
		return "", 0, false
	}
	n, err := strconv.Atoi(v[i+1:])
	return v[:i], n, err == nil
}
