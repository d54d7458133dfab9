package programmepage

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type milestoneList struct {
	web.Page
	Changes    bool
	Milestones []milestoneRow
}

// Milestones lists the programme's milestones by due date, with their RAG and whether they are overdue (GET
// /programme/milestones).
func (p *Pages) Milestones() web.Handler {
	return web.Requires(reads, func(w http.ResponseWriter, r *http.Request) error {
		ms, err := p.store.Milestones(web.Route(r))
		if err != nil {
			return err
		}
		data := &milestoneList{Page: web.NewPage(r, "Milestones"), Changes: web.Can(r, changes)}
		data.Back = paths.Programme.URL()
		for _, m := range ms {
			data.Milestones = append(data.Milestones, rowOf(m, web.Today(r)))
		}
		return p.tmpl.Render(w, r, http.StatusOK, "programme/milestones.html", data)
	})
}

// templateRow is one of seed 001's milestones as it would be loaded.
type templateRow struct {
	programme.TemplateMilestone
	Shifted programme.TemplateMilestone
	DueText string
}

type templatePage struct {
	web.Page
	P    programme.Programme
	Rows []templateRow
}

// Template shows seed 001's nine milestones with the dates they would have in this programme, and loads them
// (GET and POST /programme/milestones/template): for the programme's owners. Loading twice adds nothing again.
func (p *Pages) Template() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		ctx := web.Route(r)
		if r.Method == http.MethodPost {
			n, err := p.store.LoadTemplate(ctx)
			if err != nil {
				return err
			}
			if n == 0 {
				web.SetFlash(r, "The template's milestones were already loaded: nothing was added")
			} else {
				web.SetFlash(r, web.Plural(n, "milestone", "milestones")+" loaded from the template")
			}
			http.Redirect(w, r, paths.ProgrammeMilestones.URL(), http.StatusSeeOther)
			return nil
		}
		pr, err := p.store.Programme(ctx)
		if err != nil {
			return err
		}
		data := &templatePage{Page: web.NewPage(r, "Load the milestone template"), P: pr}
		data.Back = paths.ProgrammeMilestones.URL()
		for _, t := range programme.MilestoneTemplate() {
			row := templateRow{TemplateMilestone: t, DueText: "To be confirmed"}
			if due := t.ShiftedDue(pr.StartedOn); !due.IsZero() {
				row.DueText = web.DateText(due.Time)
			}
			data.Rows = append(data.Rows, row)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "programme/template.html", data)
	})
}

type milestoneForm struct {
	web.Page
	web.ConflictPanel
	Editing                     bool
	Title, Workstream, Owner    string
	DueOn, CompletedOn          web.DateInput
	Status, RAG, Reason, Phase  string
	Notes                       string
	Version                     int
	WorkstreamItems, OwnerItems []web.Item
	StatusItems, RAGItems       []web.Item
	PhaseItems                  []web.Item
}

var milestoneOrder = []string{"version", "title", "workstream", "phase", "due_on", "owner", "status", "rag", "rag_reason",
	"completed_on", "notes"}

func (p *Pages) loadMilestoneForm(r *http.Request, data *milestoneForm) error {
	ws, err := p.store.Workstreams(web.Route(r))
	if err != nil {
		return err
	}
	data.WorkstreamItems = []web.Item{{Value: "", Text: "Choose a workstream"}}
	for _, w := range ws {
		data.WorkstreamItems = append(data.WorkstreamItems, web.Item{Value: w.ID, Text: w.Name})
	}
	data.OwnerItems, err = p.staffItems(r)
	data.StatusItems, data.RAGItems = items(programme.MilestoneStatuses), items(programme.RAGs)
	data.PhaseItems = append([]web.Item{{Value: "", Text: "None"}}, items(programme.Phases)...)
	return err
}

func (data *milestoneForm) fill(m programme.Milestone) {
	data.Title, data.Workstream, data.Owner, data.Phase = m.Title, m.WorkstreamID, m.OwnerStaffID, string(m.Phase)
	data.DueOn, data.CompletedOn = web.DateInputOf(m.DueOn.Time), web.DateInputOf(m.CompletedOn.Time)
	data.Status, data.RAG, data.Reason, data.Notes, data.Version = string(m.Status), string(m.RAG), m.RAGReason, m.Notes, m.Version
}

func (data *milestoneForm) read(f url.Values, errs *web.Errors, id string) programme.Milestone {
	data.Title, data.Workstream, data.Owner, data.Phase = f.Get("title"), f.Get("workstream"), f.Get("owner"), f.Get("phase")
	data.DueOn, data.CompletedOn = web.DateInputFrom(f, "due_on"), web.DateInputFrom(f, "completed_on")
	data.Status, data.RAG, data.Reason, data.Notes = f.Get("status"), f.Get("rag"), f.Get("rag_reason"), f.Get("notes")
	data.Version = web.FormVersion(f, "version")
	m := programme.Milestone{ID: id, Title: data.Title, WorkstreamID: data.Workstream, OwnerStaffID: data.Owner,
		Phase: programme.Phase(data.Phase), Status: programme.MilestoneStatus(data.Status), RAG: programme.RAG(data.RAG),
		RAGReason: data.Reason, Notes: data.Notes, Version: data.Version,
		DueOn:       web.ReadDate(errs, data.DueOn, "due_on", "The due date"),
		CompletedOn: web.ReadDate(errs, data.CompletedOn, "completed_on", "The completed date")}
	checkForm(errs, programme.Check(m))
	return m
}

// NewMilestone adds a milestone (GET and POST /programme/milestones/new): for the programme's owners.
func (p *Pages) NewMilestone() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		data := &milestoneForm{Page: web.NewPage(r, "Add a milestone")}
		data.Back = paths.ProgrammeMilestones.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Milestone]{
			Template: "programme/milestone-form.html",
			Order:    milestoneOrder,
			Load:     func() (programme.Milestone, error) { return programme.Milestone{}, p.loadMilestoneForm(r, data) },
			Fill: func(programme.Milestone) {
				data.Status, data.RAG = string(programme.MilestoneNotStarted), string(programme.Green)
			},
			Read:     func(f url.Values, errs *web.Errors) programme.Milestone { return data.read(f, errs, "") },
			Save:     func(m programme.Milestone) (programme.Milestone, error) { return p.store.AddMilestone(web.Route(r), m) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(m programme.Milestone) error {
				return flashTo(w, r, m.Title+" added", paths.ProgrammeMilestone.URL(m.ID))
			},
		})
	})
}

// EditMilestone changes a milestone, its status and RAG among the rest (GET and POST
// /programme/milestones/{milestone}/edit): for the programme's owners. Amber and red need a reason.
func (p *Pages) EditMilestone() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("milestone")
		data := &milestoneForm{Page: web.NewPage(r, "Change a milestone"), Editing: true}
		data.Back = paths.ProgrammeMilestone.URL(id)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Milestone]{
			Template: "programme/milestone-form.html",
			Order:    milestoneOrder,
			Conflict: "Someone else changed this milestone while you were editing it. Check their changes, then save again",
			Load: func() (programme.Milestone, error) {
				m, err := p.store.Milestone(web.Route(r), id)
				if err != nil {
					return m, err
				}
				return m, p.loadMilestoneForm(r, data)
			},
			Fill: data.fill,
			Read: func(f url.Values, errs *web.Errors) programme.Milestone { return data.read(f, errs, id) },
			Save: func(m programme.Milestone) (programme.Milestone, error) {
				return p.store.UpdateMilestone(web.Route(r), m)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed programme.Milestone) []web.Difference {
				data.Version = saved.Version
				return web.Differences(
					[3]string{"Title", saved.Title, strings.TrimSpace(typed.Title)},
					[3]string{"Workstream", chosen(data.WorkstreamItems, saved.WorkstreamID), chosen(data.WorkstreamItems, typed.WorkstreamID)},
					[3]string{"Due", web.DateText(saved.DueOn.Time), data.DueOn.Text()},
					[3]string{"Owner", chosen(data.OwnerItems, saved.OwnerStaffID), chosen(data.OwnerItems, typed.OwnerStaffID)},
					[3]string{"Status", saved.Status.Label(), typed.Status.Label()},
					[3]string{"RAG", saved.RAG.Label(), typed.RAG.Label()},
					[3]string{"Reason", saved.RAGReason, strings.TrimSpace(typed.RAGReason)},
					[3]string{"Completed", web.DateText(saved.CompletedOn.Time), data.CompletedOn.Text()},
					[3]string{"Notes", saved.Notes, strings.TrimSpace(typed.Notes)},
				)
			},
			Done: func(m programme.Milestone) error {
				return flashTo(w, r, m.Title+" changed", paths.ProgrammeMilestone.URL(m.ID))
			},
		})
	})
}

// evidenceRow is a piece of evidence as the milestone's page shows it.
type evidenceRow struct {
	programme.Evidence
	Text, Href string
}

type milestonePage struct {
	web.Page
	Changes       bool
	M             milestoneRow
	History       []programme.MilestoneChange
	Actions       []programme.Action
	Evidence      []evidenceRow
	KindItems     []web.Item
	RoundItems    []web.Item
	MeasureItems  []web.Item
	Kind          string
	URL, LinkName string
	Round         string
	Measure       string
	Allowed       string
}

var evidenceOrder = []string{"kind", "document", "url", "name", "audit_round", "measure"}

// showMilestone renders a milestone with its history, actions and evidence, and the form to add evidence.
func (p *Pages) showMilestone(w http.ResponseWriter, r *http.Request, status int, data *milestonePage) error {
	ctx, id := web.Route(r), r.PathValue("milestone")
	m, err := p.store.Milestone(ctx, id)
	if err != nil {
		return err
	}
	data.Title, data.M, data.Changes = m.Title, rowOf(m, web.Today(r)), web.Can(r, changes)
	data.Back = paths.ProgrammeMilestones.URL()
	if data.History, err = p.store.MilestoneHistory(ctx, id); err != nil {
		return err
	}
	actions, err := p.store.Actions(ctx)
	if err != nil {
		return err
	}
	for _, a := range actions {
		if a.MilestoneID == id {
			data.Actions = append(data.Actions, a)
		}
	}
	rounds, err := p.store.AuditRounds(ctx)
	if err != nil {
		return err
	}
	names := map[string]string{}
	data.RoundItems = []web.Item{{Value: "", Text: "Choose an audit round"}}
	for _, a := range rounds {
		names[a.ID] = a.Name
		data.RoundItems = append(data.RoundItems, web.Item{Value: a.ID, Text: a.Name})
	}
	data.MeasureItems = []web.Item{{Value: "", Text: "Choose a measure"}}
	for _, ms := range insight.Catalogue() {
		data.MeasureItems = append(data.MeasureItems, web.Item{Value: ms.ID, Text: ms.Name})
	}
	for _, e := range m.Evidence {
		row := evidenceRow{Evidence: e}
		switch e.Kind {
		case programme.EvidenceDocument:
			row.Text, row.Href = e.Name, paths.ProgrammeDocument.URL(id, e.ID)
		case programme.EvidenceURL:
			row.Text, row.Href = cmpOr(e.Name, e.Ref), e.Ref
		case programme.EvidenceAuditRound:
			row.Text, row.Href = cmpOr(names[e.Ref], "An audit round no longer held"), paths.AuditRound.URL(e.Ref)
		case programme.EvidenceMeasure:
			row.Text, row.Href = programme.MeasureName(e.Ref), paths.InsightMeasure.URL(e.Ref)
		}
		data.Evidence = append(data.Evidence, row)
	}
	data.KindItems = items([]programme.EvidenceKind{programme.EvidenceDocument, programme.EvidenceURL, programme.EvidenceAuditRound, programme.EvidenceMeasure})
	data.Allowed = programme.AllowedDocuments()
	return p.tmpl.Render(w, r, status, "programme/milestone.html", data)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Milestone shows a milestone with every change to its status and RAG, the actions linked to it and its evidence
// (GET /programme/milestones/{milestone}).
func (p *Pages) Milestone() web.Handler {
	return web.Requires(reads, func(w http.ResponseWriter, r *http.Request) error {
		return p.showMilestone(w, r, http.StatusOK, &milestonePage{Page: web.NewPage(r, "Milestone")})
	})
}

// AddEvidence links evidence to a milestone (POST /programme/milestones/{milestone}/evidence): a document uploaded,
// a link, an audit round or a measure; for the programme's owners.
func (p *Pages) AddEvidence() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("milestone")
		data := &milestonePage{Page: web.NewPage(r, "Milestone")}
		refuse := func(status int) error {
			data.Errors.Sort(evidenceOrder)
			return p.showMilestone(w, r, status, data)
		}
		if _, err := p.store.Milestone(web.Route(r), id); err != nil {
			return err
		}
		web.AllowBody(w, r, programme.MaxDocumentSize+64<<10)
		switch err := r.ParseMultipartForm(1 << 20); {
		case errors.Is(err, http.ErrNotMultipart):
			// a link, a round or a measure may come as a plain form, as the API's clients and tests send it
			if err := web.ParseForm(r); err != nil {
				return err
			}
		case err != nil:
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				data.Errors.Add("document", fmt.Sprintf("The selected file must be smaller than %d MB", programme.MaxDocumentSize>>20))
				return refuse(http.StatusRequestEntityTooLarge)
			}
			data.Errors.Add("kind", "Select what the evidence is")
			return refuse(http.StatusUnprocessableEntity)
		default:
			defer func() { _ = r.MultipartForm.RemoveAll() }()
		}
		get := r.PostForm.Get
		data.Kind, data.URL, data.LinkName, data.Round, data.Measure = get("kind"), get("url"), get("name"), get("audit_round"), get("measure")
		if data.Kind == "" && r.MultipartForm != nil && len(r.MultipartForm.File["document"]) > 0 {
			data.Kind = string(programme.EvidenceDocument) // a file chosen is a document, whichever kind was left unchosen
		}
		e := programme.Evidence{MilestoneID: id, Kind: programme.EvidenceKind(data.Kind), Name: data.LinkName}
		switch e.Kind {
		case programme.EvidenceURL:
			e.Ref = data.URL
		case programme.EvidenceAuditRound:
			e.Ref = data.Round
		case programme.EvidenceMeasure:
			e.Ref = data.Measure
		case programme.EvidenceDocument:
			file, fh, err := r.FormFile("document")
			if err == nil {
				defer file.Close()
				if e.Content, err = io.ReadAll(io.LimitReader(file, programme.MaxDocumentSize+1)); err != nil {
					return fmt.Errorf("read the uploaded file: %w", err)
				}
				e.Name = fh.Filename
			}
		}
		saved, err := p.store.AddEvidence(web.Route(r), e)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, evidenceOrder)
			return refuse(http.StatusUnprocessableEntity)
		}
		if err != nil {
			return err
		}
		return flashTo(w, r, saved.Kind.Label()+" added as evidence", paths.ProgrammeMilestone.URL(id))
	})
}

// Document gives a milestone's evidence document (GET /programme/milestones/{milestone}/evidence/{evidence}) as an
// attachment of the type its content was found to be.
func (p *Pages) Document() web.Handler {
	return web.Requires(reads, func(w http.ResponseWriter, r *http.Request) error {
		e, err := p.store.Document(web.Route(r), r.PathValue("milestone"), r.PathValue("evidence"))
		if err != nil {
			return err
		}
		h := w.Header()
		h.Set("Content-Type", e.MediaType)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": e.Name}))
		h.Set("Content-Length", strconv.Itoa(len(e.Content)))
		_, err = w.Write(e.Content)
		return err
	})
}

// RemoveEvidence takes evidence off a milestone (POST /programme/milestones/{milestone}/evidence/{evidence}/remove):
// for the programme's owners.
func (p *Pages) RemoveEvidence() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("milestone")
		if err := p.store.RemoveEvidence(web.Route(r), id, r.PathValue("evidence")); err != nil {
			return err
		}
		return flashTo(w, r, "Evidence removed", paths.ProgrammeMilestone.URL(id))
	})
}
