// Package programmepage provides the implementation programme's pages: the overview (phases as a timeline,
// milestones by workstream with their RAG, counts of overdue actions, very high risks and decisions needed),
// starting and changing the programme and its phases and workstreams, milestones with their history and evidence
// and seed 001's template, the action plan, the risk log and the decisions and issues log.
package programmepage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of programme.Store.
type Store interface {
	Programme(ctx context.Context) (programme.Programme, error)
	StartProgramme(ctx context.Context, p programme.Programme) (programme.Programme, error)
	UpdateProgramme(ctx context.Context, p programme.Programme) (programme.Programme, error)
	Phases(ctx context.Context) ([]programme.PhasePlan, error)
	UpdatePhase(ctx context.Context, p programme.PhasePlan) (programme.PhasePlan, error)
	Workstreams(ctx context.Context) ([]programme.Workstream, error)
	Workstream(ctx context.Context, id string) (programme.Workstream, error)
	AddWorkstream(ctx context.Context, w programme.Workstream) (programme.Workstream, error)
	UpdateWorkstream(ctx context.Context, w programme.Workstream) (programme.Workstream, error)
	Milestones(ctx context.Context) ([]programme.Milestone, error)
	Milestone(ctx context.Context, id string) (programme.Milestone, error)
	MilestoneHistory(ctx context.Context, id string) ([]programme.MilestoneChange, error)
	AddMilestone(ctx context.Context, m programme.Milestone) (programme.Milestone, error)
	UpdateMilestone(ctx context.Context, m programme.Milestone) (programme.Milestone, error)
	LoadTemplate(ctx context.Context) (int, error)
	AddEvidence(ctx context.Context, e programme.Evidence) (programme.Evidence, error)
	Document(ctx context.Context, milestoneID, id string) (programme.Evidence, error)
	RemoveEvidence(ctx context.Context, milestoneID, id string) error
	AuditRounds(ctx context.Context) ([]programme.AuditRound, error)
	Actions(ctx context.Context) ([]programme.Action, error)
	Action(ctx context.Context, id string) (programme.Action, error)
	AddAction(ctx context.Context, a programme.Action) (programme.Action, error)
	UpdateAction(ctx context.Context, a programme.Action) (programme.Action, error)
	Risks(ctx context.Context) ([]programme.Risk, error)
	Risk(ctx context.Context, id string) (programme.Risk, error)
	AddRisk(ctx context.Context, r programme.Risk) (programme.Risk, error)
	UpdateRisk(ctx context.Context, r programme.Risk, note string) (programme.Risk, error)
	Decisions(ctx context.Context) ([]programme.Decision, error)
	Decision(ctx context.Context, id string) (programme.Decision, error)
	AddDecision(ctx context.Context, d programme.Decision) (programme.Decision, error)
	UpdateDecision(ctx context.Context, d programme.Decision) (programme.Decision, error)
}

// Staff is what these pages need of the council's staff: to choose who owns a milestone, an action or a risk.
type Staff interface {
	StaffList(ctx context.Context) ([]councils.Staff, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
	staff Staff
}

// New returns the pages.
func New(tmpl *web.Templates, store Store, staff Staff) *Pages {
	return &Pages{tmpl: tmpl, store: store, staff: staff}
}

var (
	reads   = councils.Role.ReadsProgramme
	changes = councils.Role.ChangesProgramme
)

// staffItems are the council's staff who may own something, for a select, with a first choice that asks.
func (p *Pages) staffItems(r *http.Request) ([]web.Item, error) {
	list, err := p.staff.StaffList(web.Route(r))
	if err != nil {
		return nil, err
	}
	out := []web.Item{{Value: "", Text: "Choose a member of staff"}}
	for _, st := range list {
		if !st.Disabled() {
			out = append(out, web.Item{Value: st.ID, Text: st.Name + " (" + st.Role.Label() + ")"})
		}
	}
	return out, nil
}

// bandClass is the GOV.UK tag colour of a risk's band.
func bandClass(b programme.Band) string {
	switch b {
	case programme.BandVeryHigh:
		return "govuk-tag--red"
	case programme.BandHigh:
		return "govuk-tag--orange"
	case programme.BandMedium:
		return "govuk-tag--yellow"
	}
	return "govuk-tag--grey"
}

// items turns a list of labelled values into a form's choices.
func items[T interface {
	~string
	Label() string
}](values []T) []web.Item {
	out := make([]web.Item, len(values))
	for i, v := range values {
		out[i] = web.Item{Value: string(v), Text: v.Label()}
	}
	return out
}

// chosen is the label of the item with value, for a row of the conflict panel.
func chosen(list []web.Item, value string) string { return web.ChosenText(list, value) }

// checkForm adds the record's problems to the form's errors, except on a field that already has one (a date that is
// not a real date, say), so that each field says one thing.
func checkForm(errs *web.Errors, ps validation.Problems) {
	for _, pb := range ps {
		if !errs.Has(pb.Field) {
			errs.Add(pb.Field, pb.Message)
		}
	}
}

// flashTo answers a saved form: the message shown on the page it sends the user to.
func flashTo(w http.ResponseWriter, r *http.Request, message, to string) error {
	web.SetFlash(r, message)
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
