package conversationpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// headingView is one MASOSS heading on the form: the prompt as hint text, and two boxes, never required.
type headingView struct {
	Name, Label, Hint string
	Words, Observed   string
}

// conversationForm is the conversation form as typed.
type conversationForm struct {
	Step         string
	HeldOn       web.DateInput
	Method       string
	Place        string
	Participants string
	NeededHelp   string // "yes", "no" or ""
	HelpNote     string
	Headings     []headingView
	Version      int
}

func readConversationForm(f url.Values) conversationForm {
	get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	out := conversationForm{
		Step: get("step"), HeldOn: web.DateInputFrom(f, "held_on"), Method: get("method"), Place: get("place"),
		Participants: get("participants"), NeededHelp: get("needed_help"), HelpNote: get("help_note"),
	}
	out.Version = web.FormVersion(f, "version")
	for _, h := range conversations.Headings() {
		out.Headings = append(out.Headings, headingView{Name: string(h), Label: h.Label(), Hint: h.Hint(),
			Words: f.Get(string(h) + "_words"), Observed: f.Get(string(h) + "_observed")})
	}
	return out
}

func formOfConversation(c conversations.Conversation) conversationForm {
	out := conversationForm{
		Step: strconv.Itoa(int(c.Step)), HeldOn: web.DateInputOf(c.HeldOn.Time), Method: string(c.Method), Place: string(c.Place),
		Participants: c.Participants, NeededHelp: "no", HelpNote: c.HelpNote, Version: c.Version,
	}
	if c.NeededHelp {
		out.NeededHelp = "yes"
	}
	for _, h := range conversations.Headings() {
		s := c.Section(h)
		out.Headings = append(out.Headings, headingView{Name: string(h), Label: h.Label(), Hint: h.Hint(), Words: s.PersonWords, Observed: s.Observed})
	}
	return out
}

// conversation turns the form into a record, with the errors only the form can find (a date that is not a date).
func (f conversationForm) conversation(errs *web.Errors) conversations.Conversation {
	step, _ := conversations.ParseStep(f.Step)
	c := conversations.Conversation{
		Step: step, Method: conversations.Method(f.Method), Place: conversations.Place(f.Place), Participants: f.Participants,
		NeededHelp: f.NeededHelp == "yes", HelpNote: f.HelpNote, Version: f.Version,
	}
	c.HeldOn = web.ReadDate(errs, f.HeldOn, "held_on", "Date of the conversation")
	for _, h := range f.Headings {
		c.Sections = append(c.Sections, conversations.Section{Heading: conversations.Heading(h.Name), PersonWords: h.Words, Observed: h.Observed})
	}
	return c
}

var conversationOrder = func() []string {
	out := []string{"version", "held_on", "step", "method", "place", "participants", "needed_help", "help_note", "sections"}
	for _, h := range conversations.Headings() {
		out = append(out, string(h)+"_words", string(h)+"_observed")
	}
	return out
}()

// change is one thing someone else saved while this user was editing.
type change struct{ Label, Saved string }

type conversationData struct {
	web.Page
	PersonName                    string
	Form                          conversationForm
	Steps, Methods, Places, YesNo []web.Item
	Editing                       bool
	Cancel                        string
	Theirs                        []change
	RecordedBy                    string
}

func (p *Pages) conversationData(r *http.Request, id, epID string) conversationData {
	data := conversationData{Page: web.NewPage(r, "Record a conversation"), Cancel: paths.Episode.URL(id, epID), YesNo: []web.Item{{Value: "yes", Text: "Yes"}, {Value: "no", Text: "No"}}}
	data.Back = data.Cancel
	for _, s := range conversations.Steps() {
		data.Steps = append(data.Steps, web.Item{Value: strconv.Itoa(int(s)), Text: "Step " + strconv.Itoa(int(s)) + ": " + s.Label()})
	}
	for _, m := range conversations.Methods() {
		data.Methods = append(data.Methods, web.Item{Value: string(m), Text: m.Label()})
	}
	for _, pl := range conversations.Places() {
		data.Places = append(data.Places, web.Item{Value: string(pl), Text: pl.Label()})
	}
	return data
}

// NewConversation records a conversation under the MASOSS headings, with how it happened and who took part.
func (p *Pages) NewConversation() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		data := p.conversationData(r, id, epID)
		if r.Method != http.MethodPost {
			rec, err := p.store.Episode(web.Route(r), id, epID)
			if err != nil {
				return err
			}
			data.PersonName = rec.Person.FullName()
			step := rec.Episode.Position().Current()
			if s, err := conversations.ParseStep(r.URL.Query().Get("step")); err == nil {
				step = s
			}
			data.Form = formOfConversation(conversations.Conversation{Step: step, HeldOn: sqldb.NewDate(p.store.Today())})
			data.Form.NeededHelp = ""
			return p.tmpl.Render(w, r, http.StatusOK, "conversations/conversation.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Form = readConversationForm(r.PostForm)
		c := data.Form.conversation(&data.Errors)
		c.PersonID, c.EpisodeID = id, epID
		if data.Form.NeededHelp == "" {
			data.Errors.Add("needed_help", "Select whether the person needed help to take part")
		}
		checked := c
		checked.Normalise()
		web.AddProblems(&data.Errors, checked.Validate(p.store.Today()), conversationOrder)
		if data.Errors.Any() {
			return p.invalidConversation(w, r, id, data)
		}
		_, err := p.store.AddConversation(web.Route(r), c)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, conversationOrder)
			return p.invalidConversation(w, r, id, data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Conversation recorded")
		http.Redirect(w, r, paths.Episode.URL(id, epID)+"#steps", http.StatusSeeOther)
		return nil
	})
}

func (p *Pages) invalidConversation(w http.ResponseWriter, r *http.Request, id string, data conversationData) error {
	name, err := p.glance(r, id)
	if err != nil {
		return err
	}
	data.PersonName = name
	return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conversations/conversation.html", data)
}

// Conversation shows a recorded conversation as its form, to read and change. A change saved from an old version
// is refused: the page shows what the other person saved and keeps what this user typed.
func (p *Pages) Conversation() web.Handler {
	return web.RequiresToChange(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID, convID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("conversation")
		data := p.conversationData(r, id, epID)
		data.Editing, data.Title = true, "Conversation"
		if r.Method != http.MethodPost {
			person, c, err := p.store.Conversation(web.Route(r), id, epID, convID)
			if err != nil {
				return err
			}
			data.PersonName, data.Form = person.FullName(), formOfConversation(c)
			data.RecordedBy = recordedBy(c)
			return p.tmpl.Render(w, r, http.StatusOK, "conversations/conversation.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Form = readConversationForm(r.PostForm)
		c := data.Form.conversation(&data.Errors)
		c.ID, c.PersonID, c.EpisodeID = convID, id, epID
		checked := c
		checked.Normalise()
		web.AddProblems(&data.Errors, checked.Validate(p.store.Today()), conversationOrder)
		if data.Errors.Any() {
			return p.invalidConversation(w, r, id, data)
		}
		err := p.store.UpdateConversation(web.Route(r), c)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, conversationOrder)
			return p.invalidConversation(w, r, id, data)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			person, saved, err := p.store.Conversation(web.Route(r), id, epID, convID)
			if err != nil {
				return err
			}
			data.PersonName, data.RecordedBy = person.FullName(), recordedBy(saved)
			data.Theirs = differences(formOfConversation(saved), data.Form)
			data.Form.Version = saved.Version
			data.Errors.Add("version", "Someone else changed this conversation while you were editing it. Check their version below, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "conversations/conversation.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Conversation saved")
		http.Redirect(w, r, paths.Episode.URL(id, epID)+"#steps", http.StatusSeeOther)
		return nil
	})
}

func recordedBy(c conversations.Conversation) string {
	by := c.CreatedByName
	if by == "" {
		by = "someone no longer on the staff list"
	}
	return by
}

// differences lists what the saved conversation says where it differs from what this user typed.
func differences(saved, typed conversationForm) []change {
	date := func(d web.DateInput) string { return strings.Join([]string{d.Day, d.Month, d.Year}, "/") }
	label := func(v string, labelOf func(string) string) string {
		if v == "" {
			return "Not recorded"
		}
		return labelOf(v)
	}
	rows := []struct{ label, saved, typed string }{
		{"Date", date(saved.HeldOn), date(typed.HeldOn)},
		{"Step", saved.Step, typed.Step},
		{"How it happened", label(saved.Method, func(v string) string { return conversations.Method(v).Label() }), label(typed.Method, func(v string) string { return conversations.Method(v).Label() })},
		{"Where", label(saved.Place, func(v string) string { return conversations.Place(v).Label() }), label(typed.Place, func(v string) string { return conversations.Place(v).Label() })},
		{"Who took part", saved.Participants, typed.Participants},
		{"Needed help to take part", saved.NeededHelp, typed.NeededHelp},
		{"Help they needed", saved.HelpNote, typed.HelpNote},
	}
	for i, h := range saved.Headings {
		rows = append(rows,
			struct{ label, saved, typed string }{h.Label + ": in their words", h.Words, typed.Headings[i].Words},
			struct{ label, saved, typed string }{h.Label + ": what you observed", h.Observed, typed.Headings[i].Observed})
	}
	var out []change
	for _, r := range rows {
		if strings.TrimSpace(r.saved) != strings.TrimSpace(r.typed) {
			out = append(out, change{Label: r.label, Saved: r.saved})
		}
	}
	return out
}
