package conversationpage

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// headingView is one heading of the conversation's practice model on the form: the prompt as hint text, and two boxes, never required.
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
	// The practice model the form is shown under, sent back with it so that what was typed is read, and recorded,
	// under the headings it was typed under.
	Model practicemodels.Model
}

func readConversationForm(f url.Values, m practicemodels.Model) conversationForm {
	get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	out := conversationForm{
		Step: get("step"), HeldOn: web.DateInputFrom(f, "held_on"), Method: get("method"), Place: get("place"),
		Participants: get("participants"), NeededHelp: get("needed_help"), HelpNote: get("help_note"),
	}
	out.Version, out.Model = web.FormVersion(f, "version"), m
	for _, h := range m.Headings {
		out.Headings = append(out.Headings, headingView{Name: h.Key, Label: h.Label, Hint: h.Prompt,
			Words: f.Get(h.Key + "_words"), Observed: f.Get(h.Key + "_observed")})
	}
	return out
}

// modelOf is the model the posted form names (model and model_version), for the store to read.
func modelOf(f url.Values) practicemodels.Model {
	return practicemodels.Model{ID: strings.TrimSpace(f.Get("model")), Version: web.FormVersion(f, "model_version")}
}

func formOfConversation(c conversations.Conversation) conversationForm {
	out := conversationForm{
		Step: strconv.Itoa(int(c.Step)), HeldOn: web.DateInputOf(c.HeldOn.Time), Method: string(c.Method), Place: string(c.Place),
		Participants: c.Participants, NeededHelp: "no", HelpNote: c.HelpNote, Version: c.Version, Model: c.Model,
	}
	if c.NeededHelp {
		out.NeededHelp = "yes"
	}
	for _, h := range c.Headings() {
		s := c.Section(conversations.Heading(h.Key))
		out.Headings = append(out.Headings, headingView{Name: h.Key, Label: h.Label, Hint: h.Prompt, Words: s.PersonWords, Observed: s.Observed})
	}
	return out
}

// conversation turns the form into a record, with the errors only the form can find (a date that is not a date).
func (f conversationForm) conversation(errs *web.Errors) conversations.Conversation {
	step, _ := conversations.ParseStep(f.Step)
	c := conversations.Conversation{
		Step: step, Method: conversations.Method(f.Method), Place: conversations.Place(f.Place), Participants: f.Participants,
		NeededHelp: f.NeededHelp == "yes", HelpNote: f.HelpNote, Version: f.Version, Model: f.Model,
	}
	c.HeldOn = web.ReadDate(errs, f.HeldOn, "held_on", "Date of the conversation")
	for _, h := range f.Headings {
		c.Sections = append(c.Sections, conversations.Section{Heading: conversations.Heading(h.Name), PersonWords: h.Words, Observed: h.Observed})
	}
	return c
}

// conversationOrder is the form's fields from top to bottom, under the model's headings.
func conversationOrder(m practicemodels.Model) []string {
	out := []string{"version", "held_on", "step", "method", "place", "participants", "needed_help", "help_note", "sections"}
	for _, h := range m.Headings {
		out = append(out, h.Key+"_words", h.Key+"_observed")
	}
	return out
}

// postedModel reads, for a posted form, the model it was shown under (or the council's model, when the form names
// none the council has); for a form about to be shown, the council's model.
func (p *Pages) postedModel(r *http.Request) (practicemodels.Model, error) {
	if r.Method != http.MethodPost {
		return p.store.RecordingModel(web.Route(r), practicemodels.Model{})
	}
	if err := web.ParseForm(r); err != nil {
		return practicemodels.Model{}, err
	}
	return p.store.RecordingModel(web.Route(r), modelOf(r.PostForm))
}

type conversationData struct {
	web.Page
	web.ConflictPanel
	PersonName                    string
	Form                          conversationForm
	Steps, Methods, Places, YesNo []web.Item
	Editing                       bool
	Cancel                        string
	RecordedBy                    string
}

func (p *Pages) conversationData(r *http.Request, id, epID string) *conversationData {
	data := &conversationData{Page: web.NewPage(r, "Record a conversation"), Cancel: paths.Episode.URL(id, epID), YesNo: []web.Item{{Value: "yes", Text: "Yes"}, {Value: "no", Text: "No"}}}
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

// readConversation reads the form into the page and returns the conversation it records, with the form's own
// problems and the conversation's.
func (data *conversationData) readConversation(f url.Values, errs *web.Errors, today time.Time, m practicemodels.Model) conversations.Conversation {
	data.Form = readConversationForm(f, m)
	c := data.Form.conversation(errs)
	if !data.Editing && data.Form.NeededHelp == "" {
		errs.Add("needed_help", "Select whether the person needed help to take part")
	}
	checked := c
	checked.Normalise()
	web.AddProblems(errs, checked.Validate(today), conversationOrder(m))
	return c
}

// Conversation shows a recorded conversation as its form, to read and change. A change saved from an old version
// is refused: the page shows what the other person saved and keeps what this user typed.
func (p *Pages) Conversation() web.Handler {
	return web.RequiresToChange(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID, convID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("conversation")
		data := p.conversationData(r, id, epID)
		data.Editing, data.Title = true, "Conversation"
		// The form is shown under the headings the conversation was recorded with; a posted form names them.
		model, err := p.postedModel(r)
		if err != nil {
			return err
		}
		// saved reads the conversation, logging a view.
		saved := func() (conversations.Conversation, error) {
			person, c, err := p.store.Conversation(web.Route(r), id, epID, convID)
			if err != nil {
				return c, err
			}
			data.PersonName, data.RecordedBy = person.FullName(), recordedBy(c)
			return c, nil
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[conversations.Conversation]{
			Template: "conversations/conversation.html",
			Order:    conversationOrder(model),
			Conflict: "Someone else changed this conversation while you were editing it. Check their version below, then save again to keep yours",
			Heading:  "What they saved",
			Load:     formLoad(p, r, id, &data.PersonName, saved),
			Latest:   saved,
			Fill:     func(c conversations.Conversation) { data.Form = formOfConversation(c) },
			Read: func(f url.Values, errs *web.Errors) conversations.Conversation {
				c := data.readConversation(f, errs, web.Today(r).Time, model)
				c.ID, c.PersonID, c.EpisodeID = convID, id, epID
				return c
			},
			Save: func(c conversations.Conversation) (conversations.Conversation, error) {
				return c, p.store.UpdateConversation(web.Route(r), c)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, _ conversations.Conversation) []web.Difference {
				d := differences(formOfConversation(theirs), data.Form)
				data.Form.Version = theirs.Version
				return d
			},
			Done: func(conversations.Conversation) error {
				web.SetFlash(r, "Conversation saved")
				http.Redirect(w, r, paths.Episode.URL(id, epID)+"#steps", http.StatusSeeOther)
				return nil
			},
		})
	})
}

func recordedBy(c conversations.Conversation) string {
	by := c.CreatedByName
	if by == "" {
		by = "someone no longer on the staff list"
	}
	return by
}

// differences lists where the saved conversation differs from what this user typed.
func differences(saved, typed conversationForm) []web.Difference {
	label := func(v string, labelOf func(string) string) string {
		if v == "" {
			return "Not recorded"
		}
		return labelOf(v)
	}
	method := func(v string) string { return conversations.Method(v).Label() }
	place := func(v string) string { return conversations.Place(v).Label() }
	rows := [][3]string{
		{"Date", saved.HeldOn.Text(), typed.HeldOn.Text()},
		{"Step", saved.Step, typed.Step},
		{"How it happened", label(saved.Method, method), label(typed.Method, method)},
		{"Where", label(saved.Place, place), label(typed.Place, place)},
		{"Who took part", saved.Participants, typed.Participants},
		{"Needed help to take part", saved.NeededHelp, typed.NeededHelp},
		{"Help they needed", saved.HelpNote, typed.HelpNote},
	}
	for _, h := range saved.Headings {
		var yours headingView
		for _, t := range typed.Headings {
			if t.Name == h.Name {
				yours = t
			}
		}
		rows = append(rows,
			[3]string{h.Label + ": in their words", h.Words, yours.Words},
			[3]string{h.Label + ": what you observed", h.Observed, yours.Observed})
	}
	for i := range rows {
		rows[i][1], rows[i][2] = strings.TrimSpace(rows[i][1]), strings.TrimSpace(rows[i][2])
	}
	return web.Differences(rows...)
}
