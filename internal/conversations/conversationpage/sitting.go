package conversationpage

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sittings"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// Sittings is what the conversation page needs of sittings.Store.
type Sittings interface {
	Setting(ctx context.Context, personID, episodeID string, named practicemodels.Model, mode people.Mode) (sittings.Setting, error)
	Save(ctx context.Context, personID, episodeID string, s sittings.Sitting) (sittings.Sitting, error)
	SaveDraft(ctx context.Context, personID, episodeID string, form url.Values) (sittings.Draft, error)
	OwnDraft(ctx context.Context, personID, episodeID string) (sittings.Draft, bool, error)
}

// WithSittings records conversations in one sitting, on the conversation page, through store.
func (p *Pages) WithSittings(store Sittings) *Pages {
	p.sittings = store
	return p
}

// sittingData is the conversation page: the conversation's form, its entries, and the lists they choose from.
type sittingData struct {
	conversationData
	Sitting             sittingForm
	Kinds, Terms, Rungs []web.Item
	Relationships       []web.Item
	Baselines, Ratings  []web.Item
	Difficulties        []web.Item
	// DraftSavedAt is when the member of staff last saved this page as a draft, when it came back from one.
	DraftSavedAt time.Time
	setting      sittings.Setting
}

// NewConversation records a conversation in one sitting: how it happened, what was said under each heading of the
// council's practice model, and the strengths, people who matter, hopes, outcomes and solutions that came up, all
// saved together (sittings.Store.Save). "Add" and "Remove" change the page without saving it.
func (p *Pages) NewConversation() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		data := &sittingData{conversationData: *p.conversationData(r, id, epID)}
		data.lists()
		model, err := p.postedModel(r)
		if err != nil {
			return err
		}
		if r.Method == http.MethodPost && r.PostForm.Get("entry") == draftButton {
			return p.saveDraft(w, r, id, epID)
		}
		// A draft comes back as it was typed, unless a form kept after the session ended is coming back instead.
		if _, kept := web.KeptForm(r.Context()); r.Method != http.MethodPost && !kept {
			d, found, err := p.sittings.OwnDraft(web.Route(r), id, epID)
			if err != nil {
				return err
			}
			if found {
				r = r.WithContext(web.WithKeptForm(r.Context(), d.Form))
				data.DraftSavedAt = d.SavedAt
			}
		}
		var order []string
		if r.Method == http.MethodPost {
			f := readSittingForm(r.PostForm, model)
			f.compact()
			order = f.order()
		}
		var step conversations.Step
		return web.Edit(p.tmpl, w, r, data, web.EditForm[sittings.Sitting]{
			Template: "conversations/sitting.html",
			Order:    order,
			// Load reads what the page chooses from (the person's hopes and the episode's outcomes), logging a view
			// when the page is first shown.
			Load: func() (sittings.Sitting, error) {
				mode := people.Log
				if r.Method == http.MethodPost {
					mode = people.Peek
				}
				set, err := p.sittings.Setting(web.Route(r), id, epID, model, mode)
				if err != nil {
					return sittings.Sitting{}, err
				}
				data.PersonName, step, data.setting = set.Person.FullName(), set.Episode.Position().Current(), set
				return sittings.Sitting{}, nil
			},
			Fill: func(sittings.Sitting) {
				if s, err := conversations.ParseStep(r.URL.Query().Get("step")); err == nil {
					step = s
				}
				data.Form = formOfConversation(conversations.Conversation{Step: step, HeldOn: sqldb.NewDate(web.Today(r).Time), Model: model})
				data.Form.NeededHelp = ""
				data.Sitting = sittingForm{Model: model}
			},
			Stay: func(f url.Values) bool {
				return f.Get("entry") != ""
			},
			Read: func(f url.Values, errs *web.Errors) sittings.Sitting {
				form := readSittingForm(f, model)
				if !form.change(f.Get("entry")) {
					form.compact()
				}
				form.checkOutcomes()
				data.Sitting = form
				c := data.readConversation(f, errs, web.Today(r).Time, model)
				s := form.sitting(errs)
				s.Conversation = c
				web.AddProblems(errs, s.Check(), order)
				return s
			},
			Save: func(s sittings.Sitting) (sittings.Sitting, error) {
				return p.sittings.Save(web.Route(r), id, epID, s)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(s sittings.Sitting) error {
				message := "Conversation recorded"
				if n := s.Entries(); n > 0 {
					message += " with " + web.Plural(n, "entry", "entries")
				}
				web.SetFlash(r, message)
				http.Redirect(w, r, paths.Episode.URL(id, epID)+"#steps", http.StatusSeeOther)
				return nil
			},
		})
	})
}

// draftButton is the value of "Save as a draft", which keeps the page as typed without recording it.
const draftButton = "draft"

// saveDraft keeps the page as typed as the member of staff's draft, and shows it again (with the draft).
func (p *Pages) saveDraft(w http.ResponseWriter, r *http.Request, id, epID string) error {
	form := maps.Clone(r.PostForm)
	delete(form, "entry")
	d, err := p.sittings.SaveDraft(web.Route(r), id, epID, form)
	if ps, ok := validation.AsProblems(err); ok && len(ps) > 0 {
		web.SetFlash(r, ps[0].Message)
	} else if err != nil {
		return err
	} else {
		web.SetFlash(r, "Draft saved at "+web.TimeText(d.SavedAt)+". It is on your caseload until you save the conversation")
	}
	http.Redirect(w, r, r.URL.RequestURI(), http.StatusSeeOther)
	return nil
}

// lists fills the lists every entry chooses from.
func (data *sittingData) lists() {
	for _, k := range strengths.Kinds() {
		data.Kinds = append(data.Kinds, web.Item{Value: string(k), Text: k.Label()})
	}
	data.Relationships = []web.Item{{Value: "", Text: "Choose who they are"}}
	for _, c := range codelists.Relationship.Codes {
		data.Relationships = append(data.Relationships, web.Item{Value: c.Value, Text: c.Label})
	}
	for _, t := range []outcomes.Term{outcomes.ShortTerm, outcomes.LongTerm} {
		data.Terms = append(data.Terms, web.Item{Value: string(t), Text: t.Label()})
	}
	data.Rungs = []web.Item{{Value: "", Text: "Choose a rung"}}
	for _, r := range plans.AllRungs() {
		data.Rungs = append(data.Rungs, web.Item{Value: r.String(), Text: r.Label(), Attributes: map[string]string{"data-needs-reason": strconv.FormatBool(r.NeedsLowerRungReason())}})
	}
	data.Baselines = []web.Item{{Value: "", Text: "Not set yet"}, {Value: "-1", Text: outcomes.Less.Label()}, {Value: "-2", Text: outcomes.MuchLess.Label()}}
	data.Ratings = []web.Item{{Value: "", Text: "Not rated"}, {Value: "1", Text: "A little"}, {Value: "2", Text: "Moderately"}, {Value: "3", Text: "Very much"}}
	data.Difficulties = []web.Item{{Value: "", Text: "Not rated"}, {Value: "1", Text: "A little"}, {Value: "2", Text: "Moderately"}, {Value: "3", Text: "Very"}}
}

// Hopes are what a new outcome's hope is chosen from: the hopes written on this page, then those recorded before.
func (data *sittingData) Hopes() []web.Item {
	out := []web.Item{{Value: "", Text: "None of these hopes"}}
	for i, h := range data.Sitting.Hopes {
		if h.Words != "" {
			out = append(out, web.Item{Value: newHope + strconv.Itoa(i), Text: "“" + h.Words + "” (written today)"})
		}
	}
	for _, h := range data.setting.Hopes {
		out = append(out, web.Item{Value: h.ID, Text: "“" + h.Words + "”"})
	}
	return out
}

// Outcomes are the outcomes the episode already had, which a solution found today may serve.
func (data *sittingData) Outcomes() []web.Item {
	out := []web.Item{{Value: "", Text: "Choose an outcome"}}
	for _, o := range data.setting.Outcomes {
		out = append(out, web.Item{Value: o.ID, Text: o.Different})
	}
	return out
}

// Under is the key of the model's heading a list of entries is shown under (its strengths, aspirations, outcomes
// or solutions heading), or "" when the model has no such heading and the list comes after them all.
func (data *sittingData) Under(list string) string {
	want := map[string]conversations.Heading{sittings.StrengthField: conversations.Strengths, sittings.HopeField: conversations.Aspirations,
		sittings.OutcomeField: conversations.Outcomes, sittings.SolutionField: conversations.Solutions}[list]
	for _, h := range data.Form.Model.Headings {
		if conversations.Heading(h.Key) == want {
			return h.Key
		}
	}
	return ""
}
