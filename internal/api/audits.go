package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/disclosure"
)

// Case file audits: the council's audit tools, its rounds with their audits and findings, and an audit with what
// the record showed for each check, which its auditor grades. The store applies who may see and do what (quality
// leads run rounds, team managers and quality leads audit, practitioners see audits of their own cases) and writes
// the access log when an audit opens a person's record. Counts in a round's findings are made safe as the findings
// page makes them: 1 to 5 withheld, the rest rounded to 5.

// AuditStore is what the API needs of audits.Store.
type AuditStore interface {
	Tools(ctx context.Context) ([]audits.Tool, error)
	Rounds(ctx context.Context) ([]audits.RoundSummary, error)
	Round(ctx context.Context, id string) (audits.RoundPage, error)
	Findings(ctx context.Context, roundID string) (audits.Findings, error)
	Audit(ctx context.Context, id string) (audits.AuditPage, error)
	Grade(ctx context.Context, id string, g audits.Grading, version int) (audits.Audit, error)
}

// WithAudits adds the audit store to the API. Its routes are always listed (Routes), so that the OpenAPI document is
// checked against them.
func (a *API) WithAudits(s AuditStore) *API {
	a.audits = s
	return a
}

// QualityPath is where the API's quality assurance lives.
const QualityPath = "/api/v1/quality"

func (a *API) auditRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+QualityPath+"/tools", a.listAuditTools),
		route("GET "+QualityPath+"/rounds", a.listAuditRounds),
		route("GET "+QualityPath+"/rounds/{round}", a.getAuditRound),
		route("GET "+QualityPath+"/rounds/{round}/findings", a.getAuditFindings),
		route("GET "+QualityPath+"/audits/{audit}", a.getAudit),
		route("PUT "+QualityPath+"/audits/{audit}/grading", a.gradeAudit),
	}
}

// AuditTool is one version of an audit tool.
type AuditTool struct {
	ID       string             `json:"id"`
	Key      string             `json:"key"` // the same for every version of the tool
	Version  int                `json:"version"`
	Kind     string             `json:"kind"`
	Name     string             `json:"name"`
	Sections []AuditToolSection `json:"sections"`
}

// AuditToolSection is a heading of a tool with its questions.
type AuditToolSection struct {
	Title     string          `json:"title"`
	Questions []AuditQuestion `json:"questions"`
}

// AuditQuestion is a question of a tool: its grading scale and the check the record answers beside it, if any.
type AuditQuestion struct {
	Key      string `json:"key"`
	Text     string `json:"text"`
	Guidance string `json:"guidance"`
	Scale    string `json:"scale"`
	Check    string `json:"check"` // "" when the record cannot answer it
}

func auditToolOf(t audits.Tool) AuditTool {
	out := AuditTool{ID: t.ID, Key: t.Key, Version: t.Version, Kind: string(t.Kind), Name: t.Name}
	out.Sections = listOf(t.Sections, func(s audits.Section) AuditToolSection {
		return AuditToolSection{Title: s.Title, Questions: listOf(s.Questions, func(q audits.Question) AuditQuestion {
			return AuditQuestion{Key: q.Key, Text: q.Text, Guidance: q.Guidance, Scale: string(q.Scale), Check: string(q.Check)}
		})}
	})
	return out
}

// AuditRound is an audit round with how far its audits have got.
type AuditRound struct {
	ID                string     `json:"id"`
	Name              string     `json:"name"`
	ToolID            string     `json:"tool_id"`
	ToolName          string     `json:"tool_name"`
	ToolVersion       int        `json:"tool_version"`
	StartsOn          *string    `json:"starts_on"`
	EndsOn            *string    `json:"ends_on"`
	PerTeam           int        `json:"per_team"`
	SharePercent      int        `json:"share_percent"`
	Stratify          string     `json:"stratify"`
	ExcludeMonths     int        `json:"exclude_months"`
	Seed              int64      `json:"seed"`
	NotOwnTeam        bool       `json:"not_own_team"`
	ModerationPercent int        `json:"moderation_percent"`
	ClosedAt          *time.Time `json:"closed_at"`
	Sampled           int        `json:"sampled"`
	Allocated         int        `json:"allocated"`
	InProgress        int        `json:"in_progress"`
	Completed         int        `json:"completed"`
	Moderated         int        `json:"moderated"`
	Version           int        `json:"version"`
}

func auditRoundOf(r audits.Round, as []audits.Audit) AuditRound {
	out := AuditRound{ID: r.ID, Name: r.Name, ToolID: r.ToolID, ToolName: r.ToolName, ToolVersion: r.ToolVersion,
		StartsOn: dateOrNull(r.StartsOn), EndsOn: dateOrNull(r.EndsOn), PerTeam: r.Rule.PerTeam, SharePercent: r.Rule.SharePercent,
		Stratify: string(r.Rule.Stratify), ExcludeMonths: r.Rule.ExcludeMonths, Seed: r.Rule.Seed, NotOwnTeam: r.NotOwnTeam,
		ModerationPercent: r.ModerationPercent, ClosedAt: timeOrNull(r.ClosedAt), Sampled: len(as), Version: r.Version}
	for _, a := range as {
		switch a.Status() {
		case audits.Allocated:
			out.Allocated++
		case audits.InProgress:
			out.InProgress++
		case audits.Completed:
			out.Completed++
		case audits.Moderated:
			out.Moderated++
		}
	}
	return out
}

// AuditRoundDetail is a round with its audits, without their grades.
type AuditRoundDetail struct {
	Round  AuditRound     `json:"round"`
	Audits []AuditSummary `json:"audits"`
}

// AuditSummary is an audit as a round lists it.
type AuditSummary struct {
	ID            string  `json:"id"`
	PersonID      string  `json:"person_id"`
	EpisodeID     string  `json:"episode_id"`
	PersonName    string  `json:"person_name"`
	TeamName      string  `json:"team_name"`
	WorkerName    string  `json:"worker_name"`
	AuditorName   string  `json:"auditor_name"`
	ModeratorName string  `json:"moderator_name"`
	DueOn         *string `json:"due_on"`
	Status        string  `json:"status"`
}

// AuditFindings is what a round found, every count made safe to show beyond one team: counts from 1 to 5 are
// "fewer than 6", the rest rounded to 5, so counts are strings.
type AuditFindings struct {
	RoundID   string           `json:"round_id"`
	Sampled   string           `json:"sampled"`
	Completed string           `json:"completed"`
	Moderated string           `json:"moderated"`
	Questions []AuditTally     `json:"questions"`
	Teams     []AuditTally     `json:"teams"` // the overall grade by team
	Checks    []AuditCheckRate `json:"checks"`
	Agreement []AuditAgreement `json:"agreement"` // by question, then every question
}

// AuditTally is how many completed audits gave each grade, for a question or a team.
type AuditTally struct {
	Label  string            `json:"label"`
	Grades []AuditGradeCount `json:"grades"`
	Total  string            `json:"total"`
}

// AuditGradeCount is one grade's count.
type AuditGradeCount struct {
	Grade string `json:"grade"`
	Count string `json:"count"`
}

// AuditCheckRate is how often a check was found in the record of the round's completed audits.
type AuditCheckRate struct {
	Check         string `json:"check"`
	Label         string `json:"label"`
	Met           string `json:"met"`
	NotMet        string `json:"not_met"`
	NotApplicable string `json:"not_applicable"`
	Share         string `json:"share"` // "" when a count behind it is withheld
}

// AuditAgreement is how often moderators gave the auditor's grade.
type AuditAgreement struct {
	Label    string `json:"label"`
	Compared string `json:"compared"`
	Agreed   string `json:"agreed"`
	Share    string `json:"share"`
}

func safe(n int) string { return disclosure.Safe(n).String() }

func auditFindingsOf(f audits.Findings) AuditFindings {
	out := AuditFindings{RoundID: f.Round.ID, Sampled: safe(f.Audits), Completed: safe(f.Completed), Moderated: safe(f.Moderated)}
	tally := func(t audits.Tally, grades []audits.Grade) AuditTally {
		return AuditTally{Label: t.Label, Total: safe(t.Total), Grades: listOf(grades, func(g audits.Grade) AuditGradeCount {
			return AuditGradeCount{Grade: g.Value, Count: safe(t.Counts[g.Value])}
		})}
	}
	qs := f.Tool.Questions()
	for i, t := range f.ByQuestion {
		out.Questions = append(out.Questions, tally(t, qs[i].Scale.Grades()))
	}
	out.Teams = listOf(f.OverallBy, func(t audits.Tally) AuditTally { return tally(t, audits.Quality.Grades()) })
	out.Checks = listOf(f.Checks, func(c audits.CheckRate) AuditCheckRate {
		return AuditCheckRate{Check: string(c.Check), Label: c.Check.Label(), Met: safe(c.Met), NotMet: safe(c.NotMet),
			NotApplicable: safe(c.NotApplicable), Share: disclosure.Percent(c.Met, c.Met+c.NotMet)}
	})
	out.Agreement = listOf(f.Agreement, func(a audits.Agreement) AuditAgreement {
		return AuditAgreement{Label: a.Label, Compared: safe(a.Compared), Agreed: safe(a.Agreed), Share: disclosure.Percent(a.Agreed, a.Compared)}
	})
	if out.Questions == nil {
		out.Questions = []AuditTally{}
	}
	return out
}

// Audit is one audit with what the record showed for each check when its round sampled the episode.
type Audit struct {
	ID             string         `json:"id"`           // read-only
	RoundID        string         `json:"round_id"`     // read-only
	PersonID       string         `json:"person_id"`    // read-only
	EpisodeID      string         `json:"episode_id"`   // read-only
	Status         string         `json:"status"`       // read-only
	DueOn          *string        `json:"due_on"`       // read-only
	AuditorName    string         `json:"auditor_name"` // read-only
	WorkerName     string         `json:"worker_name"`  // read-only
	TeamName       string         `json:"team_name"`    // read-only
	Checks         []AuditFinding `json:"checks"`       // read-only
	Grades         []AuditAnswer  `json:"grades"`
	StrengthsFound string         `json:"strengths_found"`
	Learning       string         `json:"learning"`
	Actions        []AuditAction  `json:"actions"`
	Complete       bool           `json:"complete"`   // true completes the audit: every question must be graded
	Reflection     string         `json:"reflection"` // read-only: the practitioner's
	Version        int            `json:"version"`    // read-only: send it back in If-Match
}

// AuditAnswer is a grade given to a question, by its key, with the evidence.
type AuditAnswer struct {
	Question string `json:"question"`
	Grade    string `json:"grade"`
	Evidence string `json:"evidence"`
}

// AuditAction is an action agreed for the practitioner.
type AuditAction struct {
	What   string  `json:"what"`
	DueOn  *string `json:"due_on"`
	DoneOn *string `json:"done_on"` // read-only: the practitioner marks it done
}

// AuditFinding is what a check found in the record: met, not_met, not_applicable or figures. Never a grade.
type AuditFinding struct {
	Check    string          `json:"check"`
	Label    string          `json:"label"`
	Result   string          `json:"result"`
	Summary  string          `json:"summary"`
	Evidence []AuditEvidence `json:"evidence"`
}

// AuditEvidence is a record a finding came from, with the address of its page ("" when there is none to open).
type AuditEvidence struct {
	Text string `json:"text"`
	Href string `json:"href"`
}

func auditOf(p audits.AuditPage) Audit {
	a := p.Audit
	out := Audit{ID: a.ID, RoundID: a.RoundID, PersonID: a.PersonID, EpisodeID: a.EpisodeID, Status: string(a.Status()),
		DueOn: dateOrNull(a.DueOn), AuditorName: a.AuditorName, WorkerName: a.WorkerName, TeamName: a.TeamName,
		StrengthsFound: a.StrengthsFound, Learning: a.Learning, Complete: !a.CompletedAt.IsZero(), Reflection: a.Reflection, Version: a.Version}
	out.Checks = listOf(p.Findings, func(f audits.Finding) AuditFinding {
		return AuditFinding{Check: string(f.Check), Label: f.Check.Label(), Result: string(f.Result), Summary: f.Summary,
			Evidence: listOf(f.Evidence, func(e audits.Evidence) AuditEvidence { return AuditEvidence{Text: e.Text, Href: e.Href} })}
	})
	out.Grades = []AuditAnswer{}
	for _, q := range p.Tool.Questions() {
		if g, ok := a.Grades[q.Key]; ok {
			out.Grades = append(out.Grades, AuditAnswer{Question: q.Key, Grade: g.Grade, Evidence: g.Evidence})
		}
	}
	out.Actions = listOf(a.Actions, func(x audits.Action) AuditAction {
		return AuditAction{What: x.What, DueOn: dateOrNull(x.DueOn), DoneOn: dateOrNull(x.DoneOn)}
	})
	return out
}

// listAuditTools is GET /api/v1/quality/tools: the latest version of each of the council's tools.
func (a *API) listAuditTools(w http.ResponseWriter, r *http.Request) error {
	ts, err := a.audits.Tools(r.Context())
	if err != nil {
		return err
	}
	sendList(w, listOf(ts, auditToolOf))
	return nil
}

// listAuditRounds is GET /api/v1/quality/rounds, newest first.
func (a *API) listAuditRounds(w http.ResponseWriter, r *http.Request) error {
	rs, err := a.audits.Rounds(r.Context())
	if err != nil {
		return err
	}
	sendList(w, listOf(rs, func(s audits.RoundSummary) AuditRound {
		out := auditRoundOf(s.Round, nil)
		out.Sampled, out.Allocated, out.InProgress = s.Total, s.Counts[audits.Allocated], s.Counts[audits.InProgress]
		out.Completed, out.Moderated = s.Counts[audits.Completed], s.Counts[audits.Moderated]
		return out
	}))
	return nil
}

// getAuditRound is GET /api/v1/quality/rounds/{round}: the round and its audits.
func (a *API) getAuditRound(w http.ResponseWriter, r *http.Request) error {
	page, err := a.audits.Round(r.Context(), r.PathValue("round"))
	if err != nil {
		return err
	}
	out := AuditRoundDetail{Round: auditRoundOf(page.Round, page.Audits), Audits: listOf(page.Audits, func(x audits.Audit) AuditSummary {
		return AuditSummary{ID: x.ID, PersonID: x.PersonID, EpisodeID: x.EpisodeID, PersonName: x.PersonName, TeamName: x.TeamName,
			WorkerName: x.WorkerName, AuditorName: x.AuditorName, ModeratorName: x.ModeratorName, DueOn: dateOrNull(x.DueOn),
			Status: string(x.Status())}
	})}
	sendRecord(w, http.StatusOK, page.Round.Version, out)
	return nil
}

// getAuditFindings is GET /api/v1/quality/rounds/{round}/findings, every count made safe.
func (a *API) getAuditFindings(w http.ResponseWriter, r *http.Request) error {
	f, err := a.audits.Findings(r.Context(), r.PathValue("round"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, "application/json", auditFindingsOf(f))
	return nil
}

func (a *API) readAudit(r *http.Request) (int, any, error) {
	p, err := a.audits.Audit(r.Context(), r.PathValue("audit"))
	if err != nil {
		return 0, nil, err
	}
	return p.Audit.Version, auditOf(p), nil
}

// getAudit is GET /api/v1/quality/audits/{audit}: the audit with its checks, opening the person's record.
func (a *API) getAudit(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readAudit(r) })
}

// gradeAudit is PUT /api/v1/quality/audits/{audit}/grading: the auditor's grades, findings for the practitioner and
// actions; complete true completes the audit. Only its auditor, while the round is open.
func (a *API) gradeAudit(w http.ResponseWriter, r *http.Request) error {
	return change(w, r, "the audit",
		func(in Audit, version int) error {
			var f fields
			g := audits.Grading{Grades: map[string]audits.Answer{}, StrengthsFound: in.StrengthsFound, Learning: in.Learning, Complete: in.Complete}
			for _, ans := range in.Grades {
				g.Grades[strings.TrimSpace(ans.Question)] = audits.Answer{Grade: strings.TrimSpace(ans.Grade), Evidence: ans.Evidence}
			}
			for i, x := range in.Actions {
				g.Actions = append(g.Actions, audits.Action{What: strings.TrimSpace(x.What),
					DueOn: f.date(audits.ActionField(i, "due_on"), "The date the action is due", x.DueOn)})
			}
			if err := f.check(nil); err != nil {
				return err
			}
			_, err := a.audits.Grade(r.Context(), r.PathValue("audit"), g, version)
			return err
		},
		func() (int, any, error) { return a.readAudit(r) })
}
