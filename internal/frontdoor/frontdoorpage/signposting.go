package frontdoorpage

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// SuggestLimit is how many services a search of the section offers, with or without JavaScript.
const SuggestLimit = 10

// FollowUpDays is how long after a signpost its follow-up falls unless the practitioner changes it.
const FollowUpDays = 14

// Directory is what the signposting section needs of directory.Store: the practitioners' word search, and the
// services chosen read back by their ids (so a service from another council or none is never shown as chosen).
type Directory interface {
	Search(ctx context.Context, q directory.Search) (directory.Results, error)
	Cards(ctx context.Context, ids []string) ([]directory.Service, error)
}

// Signposting is the signposting section that every page recording signposts shares: resolving a contact on the
// practitioner's contact page or at the front door, and an episode's new signposts. It lists the community
// services chosen, each with what was shared and how, a referral and when to follow up, and finds more by the
// directory's own word search: without JavaScript through a second submit button that shows the page again with
// the results, each with an Add button; with JavaScript (static/signposting.js) through a type-ahead box over
// Suggest.
type Signposting struct {
	dir   Directory
	today func() time.Time
}

// NewSignposting returns the section over the council's directory; today is the date in the UK, for follow-ups.
func NewSignposting(dir Directory, today func() time.Time) *Signposting {
	return &Signposting{dir: dir, today: today}
}

// SignpostsForm is the section as typed, and as the page shows it again.
type SignpostsForm struct {
	Chosen   []ChosenService
	Find     string         // the words in "Find a service"
	Searched string         // the words Found is for, carried so that they are not searched again
	Found    []FoundService // what the search found, without JavaScript
	// New is the service a script adds, as a template with "__INDEX__" for its number.
	New         ChosenService
	WithOutcome bool
	Outcomes    []web.Item
	Shared      []web.Item
}

// ChosenService is one service chosen, with what the practitioner says about it.
type ChosenService struct {
	Key                     string // its number in the form, from 0
	ServiceID               string
	Name, Organisation      string
	Missing                 bool // not a service in the council's directory
	WhatShared              string
	SharedHow               []string
	Referred, Consent       bool
	OutcomeID               string
	FollowUpOn              web.DateInput
	WithOutcome             bool
	Outcomes, SharedOptions []web.Item
}

// Field is the form field name of this service's part, as frontdoor.SignpostField names its problems.
func (c ChosenService) Field(name string) string { return "signpost-" + c.Key + "-" + name }

// ReferralItems are the two ticks of a referral made on the person's behalf, with their consent.
func (c ChosenService) ReferralItems() []web.Item {
	return []web.Item{
		{Name: c.Field("referred"), ID: web.FieldID(c.Field("referred")), Value: "yes", Text: "I referred them on their behalf", Checked: c.Referred},
		{Name: c.Field("consent"), ID: web.FieldID(c.Field("consent")), Value: "yes", Text: "They agreed to the referral", Checked: c.Consent},
	}
}

// FoundService is a service a search found.
type FoundService struct {
	ID, Name, Organisation, Details string
	Added                           bool
}

// The section's own button: its value says what to do.
const actionField = "signpost_action"

// Blank is the section of a new form, with the services given (a link from a service's page) already chosen.
func (s *Signposting) Blank(ctx context.Context, ids ...string) (SignpostsForm, error) {
	f := s.blank()
	ids = slices.DeleteFunc(ids, func(id string) bool { return strings.TrimSpace(id) == "" })
	if len(ids) == 0 {
		f.number()
		return f, nil
	}
	cards, err := s.dir.Cards(ctx, ids)
	if err != nil {
		return f, err
	}
	for _, c := range cards {
		f.Chosen = append(f.Chosen, s.chosen(c))
	}
	f.number()
	return f, nil
}

func (s *Signposting) blank() SignpostsForm {
	f := SignpostsForm{Shared: sharedItems()}
	f.New = s.chosen(directory.Service{})
	f.New.Key = "__INDEX__"
	return f
}

// chosen is a service as it is first chosen: told in person, its details as shared, a follow-up in two weeks.
func (s *Signposting) chosen(svc directory.Service) ChosenService {
	return ChosenService{ServiceID: svc.ID, Name: svc.Name, Organisation: svc.OrganisationName, WhatShared: whatShared(svc),
		SharedHow: []string{string(frontdoor.Told)}, FollowUpOn: web.DateInputOf(s.today().AddDate(0, 0, FollowUpDays))}
}

// whatShared is what a practitioner usually passes on about a service: its name and how to find and use it.
func whatShared(svc directory.Service) string {
	if svc.ID == "" {
		return ""
	}
	if d := svc.Details(); d != "" {
		return svc.Name + ": " + d
	}
	return svc.Name
}

// WithOutcomes lets each service serve one of the episode's outcomes (an episode's signposts, not at first contact).
func (f *SignpostsForm) WithOutcomes(items []web.Item) {
	f.WithOutcome, f.Outcomes = true, items
	f.number()
}

// number keys the services chosen 0, 1, 2… in order, as the problems from the store number them, and gives each
// the form's choices.
func (f *SignpostsForm) number() {
	for i := range f.Chosen {
		f.Chosen[i].Key = strconv.Itoa(i)
	}
	for _, c := range append([]*ChosenService{&f.New}, pointers(f.Chosen)...) {
		c.WithOutcome, c.SharedOptions = f.WithOutcome, f.Shared
		c.Outcomes = nil
		for _, o := range f.Outcomes {
			o.Checked = o.Value == c.OutcomeID
			c.Outcomes = append(c.Outcomes, o)
		}
	}
	for i := range f.Found {
		f.Found[i].Added = slices.ContainsFunc(f.Chosen, func(c ChosenService) bool { return c.ServiceID == f.Found[i].ID })
	}
}

func pointers(cs []ChosenService) []*ChosenService {
	out := make([]*ChosenService, len(cs))
	for i := range cs {
		out[i] = &cs[i]
	}
	return out
}

// Read reads the section from a posted form. When it was sent by one of the section's own buttons (search, add,
// remove), or with words in "Find a service" that were never searched (Enter pressed in the box), Read does that
// and reports acted: the page shows the form again, keeping everything typed, and saves nothing. Problems with the
// search go in errs.
func (s *Signposting) Read(r *http.Request, errs *web.Errors) (SignpostsForm, bool, error) {
	form := r.PostForm
	f := s.blank()
	f.Find, f.Searched = strings.TrimSpace(form.Get("signpost_find")), strings.TrimSpace(form.Get("signpost_searched"))
	type posted struct {
		n int
		c ChosenService
	}
	var all []posted
	for k := range form {
		key, ok := strings.CutPrefix(k, "signpost-")
		if !ok {
			continue
		}
		if key, ok = strings.CutSuffix(key, "-service"); !ok {
			continue
		}
		n, err := strconv.Atoi(key)
		if err != nil || n < 0 {
			continue
		}
		c := ChosenService{Key: key, ServiceID: strings.TrimSpace(form.Get(k))}
		c.WhatShared = strings.TrimSpace(form.Get(c.Field("what_shared")))
		c.SharedHow = form[c.Field("shared_how")]
		c.Referred, c.Consent = form.Get(c.Field("referred")) == "yes", form.Get(c.Field("consent")) == "yes"
		c.OutcomeID = form.Get(c.Field("outcome_id"))
		c.FollowUpOn = web.DateInputFrom(form, c.Field("follow_up_on"))
		all = append(all, posted{n, c})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].n < all[j].n })
	action := form.Get(actionField)
	remove, removing := strings.CutPrefix(action, "remove:")
	for _, p := range all {
		if removing && p.c.Key == remove {
			continue
		}
		f.Chosen = append(f.Chosen, p.c)
	}
	// The names come from the directory, never from the form.
	if err := s.name(r.Context(), f.Chosen); err != nil {
		return f, false, err
	}
	acted := removing
	add, adding := strings.CutPrefix(action, "add:")
	switch {
	case adding:
		acted = true
		cards, err := s.dir.Cards(r.Context(), []string{add})
		if err != nil {
			return f, true, err
		}
		switch {
		case len(cards) == 0:
			errs.Add("signpost_find", "That service is not in your council’s directory: search again")
		case !slices.ContainsFunc(f.Chosen, func(c ChosenService) bool { return c.ServiceID == add }):
			f.Chosen = append(f.Chosen, s.chosen(cards[0]))
		}
		f.Find = f.Searched
	case action == "search" || (f.Find != "" && f.Find != f.Searched):
		acted = true
		f.Searched = f.Find
		if f.Find == "" {
			errs.Add("signpost_find", "Enter what the person is looking for, for example gardening")
		}
	}
	if acted && f.Searched != "" && !errs.Has("signpost_find") {
		found, err := s.search(r.Context(), f.Searched)
		if err != nil {
			return f, true, err
		}
		for _, svc := range found {
			f.Found = append(f.Found, FoundService{ID: svc.ID, Name: svc.Name, Organisation: svc.OrganisationName, Details: svc.Details()})
		}
	}
	f.number()
	return f, acted, nil
}

// name fills in the services' names from the council's directory, marking any it does not hold.
func (s *Signposting) name(ctx context.Context, cs []ChosenService) error {
	if len(cs) == 0 {
		return nil
	}
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ServiceID
	}
	cards, err := s.dir.Cards(ctx, ids)
	if err != nil {
		return err
	}
	for i := range cs {
		j := slices.IndexFunc(cards, func(svc directory.Service) bool { return svc.ID == cs[i].ServiceID })
		if j < 0 {
			cs[i].Missing, cs[i].Name = true, ""
			continue
		}
		cs[i].Name, cs[i].Organisation = cards[j].Name, cards[j].OrganisationName
	}
	return nil
}

// search runs the directory's word search, the practitioners' search page's, keeping the best few.
func (s *Signposting) search(ctx context.Context, words string) ([]directory.Result, error) {
	res, err := s.dir.Search(ctx, directory.Search{Words: words})
	if err != nil {
		return nil, err
	}
	return res.Found[:min(len(res.Found), SuggestLimit)], nil
}

// Order is the section's fields in the order the page shows them, for the error summary.
func (f SignpostsForm) Order() []string {
	out := []string{"signposts", "signposted_on"}
	for _, c := range f.Chosen {
		out = append(out, c.Field("directory_service_id"), c.Field("what_shared"), c.Field("shared_how"), c.Field("referred"),
			c.Field("consent"), c.Field("outcome_id"), c.Field("follow_up_on"))
	}
	return append(out, "signpost_find")
}

// Signposts are the services chosen as signposts made on the date on (the person and episode the page knows),
// checked by the domain's rules against today: each service not in the directory, follow-up date that is not a
// date and broken rule is a problem in errs on that service's own fields. A zero date on is the page's own
// problem to report.
func (f SignpostsForm) Signposts(errs *web.Errors, on sqldb.Date, today time.Time) []frontdoor.Signpost {
	var out []frontdoor.Signpost
	for _, c := range f.Chosen {
		if c.Missing {
			errs.Add(c.Field("directory_service_id"), "A service you chose is not in your council’s directory: remove it and find the service again")
		}
		sp := frontdoor.Signpost{DirectoryServiceID: c.ServiceID, WhatShared: c.WhatShared, Referred: c.Referred, Consent: c.Consent, OutcomeID: c.OutcomeID}
		for _, h := range c.SharedHow {
			sp.SharedHow = append(sp.SharedHow, frontdoor.Shared(h))
		}
		if !c.FollowUpOn.IsEmpty() {
			t, de := c.FollowUpOn.Parse("Date to follow up")
			if de != nil {
				errs.AddDate(c.Field("follow_up_on"), &web.DateError{Message: f.named(c.Field("follow_up_on"), de.Message), Parts: de.Parts})
			} else {
				sp.FollowUpOn = sqldb.NewDate(t)
			}
		}
		out = append(out, sp)
	}
	ps := frontdoor.PrepareSignposts(out, on, today)
	if on.IsZero() {
		ps = slices.DeleteFunc(ps, func(p validation.Problem) bool { return p.Field == "signposted_on" })
	}
	f.AddProblems(errs, ps, nil)
	return out
}

// AddProblems adds problems to errs as web.AddProblems does, saying which service each of the section's is about,
// so that the error summary reads clearly with several services chosen.
func (f SignpostsForm) AddProblems(errs *web.Errors, ps validation.Problems, order []string) {
	for i := range ps {
		ps[i].Message = f.named(ps[i].Field, ps[i].Message)
	}
	web.AddProblems(errs, ps, order)
}

// named puts the service's name before a message about one of its fields.
func (f SignpostsForm) named(field, message string) string {
	for _, c := range f.Chosen {
		if strings.HasPrefix(field, c.Field("")) {
			return or(c.Name, "A service you chose") + ": " + message
		}
	}
	return message
}

// Names are the services chosen, as a sentence: "A, B and C".
func (f SignpostsForm) Names() string {
	names := make([]string, len(f.Chosen))
	for i, c := range f.Chosen {
		names[i] = c.Name
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Summary says which services were signposted to, for a success message: "; signposted to A and B", or "" for none.
func (f SignpostsForm) Summary() string {
	if len(f.Chosen) == 0 {
		return ""
	}
	return "; signposted to " + f.Names()
}

// StatusOf is the status of a form shown again: 422 when it has problems.
func StatusOf(errs web.Errors) int {
	if errs.Any() {
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}

func or(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

// suggestion is one service the type-ahead box offers.
type suggestion struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Organisation string `json:"organisation"`
	Shared       string `json:"shared"` // what the box fills in as shared when the service is chosen
}

// Suggest answers the type-ahead box (GET /directory/services/suggest?q=words) with the best few services of the
// signed-in member of staff's council for the words, as JSON. The directory is about no one, so it writes no
// access-log entry; someone not signed in gets 401 and nothing else.
func (s *Signposting) Suggest(log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if _, ok := councils.StaffFrom(r.Context()); !ok {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":"Sign in to search the directory"}` + "\n"))
			return
		}
		out := struct {
			Services []suggestion `json:"services"`
		}{Services: []suggestion{}}
		if q := strings.TrimSpace(r.URL.Query().Get("q")); len([]rune(q)) >= 2 {
			found, err := s.search(r.Context(), q)
			if err != nil {
				log.ErrorContext(r.Context(), "suggest directory services", "err", err, "request_id", web.RequestIDFrom(r.Context()))
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = w.Write([]byte(`{"error":"The directory could not be searched"}` + "\n"))
				return
			}
			for _, svc := range found {
				out.Services = append(out.Services, suggestion{ID: svc.ID, Name: svc.Name, Organisation: svc.OrganisationName, Shared: whatShared(svc.Service)})
			}
		}
		_ = json.NewEncoder(w).Encode(out)
	})
}
