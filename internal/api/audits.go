package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/sqldb"
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
	CreateRound(ctx context.Context, n audits.NewRound) (audits.Round, int, error)
	CloseRound(ctx context.Context, id string, version int) error
	DrawModeration(ctx context.Context, roundID string) (int, error)
	Moderate(ctx context.Context, id string, m audits.Moderation, version int) (audits.Audit, error)
	Reflect(ctx context.Context, id string, r audits.Reflection, version int) (audits.Audit, error)
}

// WithAudits adds the audit store to the API. Its routes are always listed (Routes), so that the OpenAPI document is
// checked against them.
func (a *API) WithAudits(s AuditStore) *API {
	a.audits = s
	return a
}

// QualityPath is where the API's quality assurance lives.
const QualityPath = "/api/v1/quality"

// AuditRoundPath is the API address of an audit round.
func AuditRoundPath(id string) string { return QualityPath + "/rounds/" + id }

func (a *API) auditRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+QualityPath+"/tools", a.listAuditTools),
		route("GET "+QualityPath+"/rounds", a.listAuditRounds),
		route("POST "+QualityPath+"/rounds", a.createAuditRound),
		route("GET "+QualityPath+"/rounds/{round}", a.getAuditRound),
		route("POST "+QualityPath+"/rounds/{round}/close", a.closeAuditRound),
		route("POST "+QualityPath+"/rounds/{round}/moderation", a.drawModeration),
		route("GET "+QualityPath+"/rounds/{round}/findings", a.getAuditFindings),
		route("GET "+QualityPath+"/audits/{audit}", a.getAudit),
		route("PUT "+QualityPath+"/audits/{audit}/grading", a.gradeAudit),
		route("PUT "+QualityPath+"/audits/{audit}/moderation", a.moderateAudit),
		route("PUT "+QualityPath+"/audits/{audit}/reflection", a.reflectOnAudit),
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

// AuditRound is an audit round with how far its audits have got. A quality lead sends one to create a round, with
// a number of episodes for each team or a share of each team's episodes, not both; a seed of 0 has the API draw one.
type AuditRound struct {
	ID                string     `json:"id"` // read-only
	Name              string     `json:"name"`
	ToolID            string     `json:"tool_id"`
	ToolName          string     `json:"tool_name"`    // read-only
	ToolVersion       int        `json:"tool_version"` // read-only
	ToolKind          string     `json:"tool_kind"`    // read-only
	StartsOn          *string    `json:"starts_on"`
	EndsOn            *string    `json:"ends_on"`
	PerTeam           int        `json:"per_team"`
	SharePercent      int        `json:"share_percent"`
	Stratify          string     `json:"stratify"`
	ExcludeMonths     int        `json:"exclude_months"`
	Seed              int64      `json:"seed"`
	NotOwnTeam        bool       `json:"not_own_team"`
	ModerationPercent int        `json:"moderation_percent"`
	ClosedAt          *time.Time `json:"closed_at"` // read-only, as are the counts and the version
	Sampled           int        `json:"sampled"`
	Allocated         int        `json:"allocated"`
	InProgress        int        `json:"in_progress"`
	Completed         int        `json:"completed"`
	Moderated         int        `json:"moderated"`
	Version           int        `json:"version"`
}

func auditRoundOf(r audits.Round, as []audits.Audit) AuditRound {
	out := AuditRound{ID: r.ID, Name: r.Name, ToolID: r.ToolID, ToolName: r.ToolName, ToolVersion: r.ToolVersion, ToolKind: string(r.ToolKind),
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

// ModerationDrawn is how many completed audits a draw gave to moderators.
type ModerationDrawn struct {
	Drawn int `json:"drawn"`
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
	SupervisionID string  `json:"supervision_id"`
	Subject       string  `json:"subject"`
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
	ID             string              `json:"id"`             // read-only
	RoundID        string              `json:"round_id"`       // read-only
	PersonID       string              `json:"person_id"`      // read-only
	EpisodeID      string              `json:"episode_id"`     // read-only
	SupervisionID  string              `json:"supervision_id"` // read-only: "" for a case file audit
	Subject        string              `json:"subject"`        // read-only
	Supervision    *SupervisionSession `json:"supervision"`    // read-only: the session an audit of supervision audits
	Status         string              `json:"status"`         // read-only
	DueOn          *string             `json:"due_on"`         // read-only
	AuditorName    string              `json:"auditor_name"`   // read-only
	WorkerName     string              `json:"worker_name"`    // read-only
	TeamName       string              `json:"team_name"`      // read-only
	Checks         []AuditFinding      `json:"checks"`         // read-only
	Grades         []AuditAnswer       `json:"grades"`
	StrengthsFound string              `json:"strengths_found"`
	Learning       string              `json:"learning"`
	Actions        []AuditAction       `json:"actions"`
	Complete       bool                `json:"complete"`        // true completes the audit: every question must be graded
	Reflection     string              `json:"reflection"`      // read-only: the practitioner's
	ModeratorName  string              `json:"moderator_name"`  // read-only
	Moderation     []AuditAnswer       `json:"moderation"`      // read-only: the moderator's grades, once moderated
	ModerationNote string              `json:"moderation_note"` // read-only
	Version        int                 `json:"version"`         // read-only: send it back in If-Match
}

// AuditModeration is a moderator's blind re-grading of an audit drawn for them: a grade for every question, and
// their note on where they agree and differ.
type AuditModeration struct {
	Grades         []AuditAnswer `json:"grades"`
	ModerationNote string        `json:"moderation_note"`
}

// AuditReflection is the practitioner's reflection on a completed audit of their case, with the actions they have
// done, by position from 0.
type AuditReflection struct {
	Reflection string `json:"reflection"`
	Done       []int  `json:"done"`
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
	out := Audit{ID: a.ID, RoundID: a.RoundID, PersonID: a.PersonID, EpisodeID: a.EpisodeID, SupervisionID: a.SupervisionID,
		Subject: a.Subject(), Status: string(a.Status()),
		DueOn: dateOrNull(a.DueOn), AuditorName: a.AuditorName, WorkerName: a.WorkerName, TeamName: a.TeamName,
		StrengthsFound: a.StrengthsFound, Learning: a.Learning, Complete: !a.CompletedAt.IsZero(), Reflection: a.Reflection,
		ModeratorName: a.ModeratorName, ModerationNote: a.ModerationNote, Version: a.Version}
	out.Checks = listOf(p.Findings, func(f audits.Finding) AuditFinding {
		return AuditFinding{Check: string(f.Check), Label: f.Check.Label(), Result: string(f.Result), Summary: f.Summary,
			Evidence: listOf(f.Evidence, func(e audits.Evidence) AuditEvidence { return AuditEvidence{Text: e.Text, Href: e.Href} })}
	})
	if a.OfSupervision() {
		x := supervisionSessionOf(p.Session)
		out.Supervision = &x
	}
	out.Grades, out.Moderation = answersOf(p.Tool, a.Grades), answersOf(p.Tool, p.Moderation)
	out.Actions = listOf(a.Actions, func(x audits.Action) AuditAction {
		return AuditAction{What: x.What, DueOn: dateOrNull(x.DueOn), DoneOn: dateOrNull(x.DoneOn)}
	})
	return out
}

// answersOf lists grades in the order of the tool's questions; empty, never null, when there are none.
func answersOf(t audits.Tool, grades map[string]audits.Answer) []AuditAnswer {
	out := []AuditAnswer{}
	for _, q := range t.Questions() {
		if g, ok := grades[q.Key]; ok {
			out = append(out, AuditAnswer{Question: q.Key, Grade: g.Grade, Evidence: g.Evidence})
		}
	}
	return out
}

// gradesOf is the store's grades by question key from the answers sent.
func gradesOf(answers []AuditAnswer) map[string]audits.Answer {
	out := map[string]audits.Answer{}
	for _, ans := range answers {
		out[strings.TrimSpace(ans.Question)] = audits.Answer{Grade: strings.TrimSpace(ans.Grade), Evidence: ans.Evidence}
	}
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

func (a *API) readAuditRound(r *http.Request, id string) (int, any, error) {
	page, err := a.audits.Round(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	out := AuditRoundDetail{Round: auditRoundOf(page.Round, page.Audits), Audits: listOf(page.Audits, func(x audits.Audit) AuditSummary {
		return AuditSummary{ID: x.ID, PersonID: x.PersonID, EpisodeID: x.EpisodeID, SupervisionID: x.SupervisionID, Subject: x.Subject(),
			PersonName: x.PersonName, TeamName: x.TeamName,
			WorkerName: x.WorkerName, AuditorName: x.AuditorName, ModeratorName: x.ModeratorName, DueOn: dateOrNull(x.DueOn),
			Status: string(x.Status())}
	})}
	return page.Round.Version, out, nil
}

// getAuditRound is GET /api/v1/quality/rounds/{round}: the round and its audits.
func (a *API) getAuditRound(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readAuditRound(r, r.PathValue("round")) })
}

// createAuditRound is POST /api/v1/quality/rounds: a round with its sample drawn and allocated, as the new round
// page creates one, for the quality lead. Without a seed the API draws one, as the page offers one.
func (a *API) createAuditRound(w http.ResponseWriter, r *http.Request) error {
	return create(w, r, func(in AuditRound) (string, int, any, error) {
		var f fields
		n := audits.NewRound{Name: in.Name, ToolID: strings.TrimSpace(in.ToolID), PerTeam: in.PerTeam, SharePercent: in.SharePercent,
			Stratify: audits.Stratum(strings.TrimSpace(in.Stratify)), ExcludeMonths: in.ExcludeMonths, Seed: in.Seed,
			NotOwnTeam: in.NotOwnTeam, ModerationPercent: in.ModerationPercent,
			StartsOn: f.date("starts_on", "The date the round starts", in.StartsOn),
			EndsOn:   f.date("ends_on", "The date audits are due", in.EndsOn)}
		switch {
		case n.Seed < 0:
			f.add("seed", "Sampling number must be a whole number, like 4071, or 0 for the API to draw one")
		case n.Seed == 0:
			n.Seed = audits.NewSeed()
		}
		if err := f.check(n.Validate()); err != nil {
			return "", 0, nil, err
		}
		round, _, err := a.audits.CreateRound(r.Context(), n)
		if err != nil {
			return "", 0, nil, err
		}
		version, body, err := a.readAuditRound(r, round.ID)
		return AuditRoundPath(round.ID), version, body, err
	})
}

// closeAuditRound is POST /api/v1/quality/rounds/{round}/close: the round closes and its auditors' read access to
// the sampled cases ends. For the quality lead, with If-Match.
func (a *API) closeAuditRound(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("round")
	read := func() (int, any, error) { return a.readAuditRound(r, id) }
	return act(w, r, "the round", func(version int) error {
		err := a.audits.CloseRound(r.Context(), id, version)
		if errors.Is(err, sqldb.ErrConflict) {
			// The store refuses to close a closed round as it refuses a stale version: tell them apart.
			if page, readErr := a.audits.Round(r.Context(), id); readErr == nil && !page.Round.Open() && page.Round.Version == version {
				return &Problem{Status: http.StatusConflict, Detail: "The round is already closed."}
			}
		}
		return err
	}, read)
}

// drawModeration is POST /api/v1/quality/rounds/{round}/moderation: the round's share of its completed audits not
// yet drawn goes to moderators. For the quality lead, while the round is open.
func (a *API) drawModeration(w http.ResponseWriter, r *http.Request) error {
	n, err := a.audits.DrawModeration(r.Context(), r.PathValue("round"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, "application/json", ModerationDrawn{Drawn: n})
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
			g := audits.Grading{Grades: gradesOf(in.Grades), StrengthsFound: in.StrengthsFound, Learning: in.Learning, Complete: in.Complete}
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

// moderateAudit is PUT /api/v1/quality/audits/{audit}/moderation: the moderator's blind re-grading, once, while the
// round is open. The moderated grade stands.
func (a *API) moderateAudit(w http.ResponseWriter, r *http.Request) error {
	return change(w, r, "the audit",
		func(in AuditModeration, version int) error {
			_, err := a.audits.Moderate(r.Context(), r.PathValue("audit"), audits.Moderation{Grades: gradesOf(in.Grades), Note: in.ModerationNote}, version)
			return err
		},
		func() (int, any, error) { return a.readAudit(r) })
}

// reflectOnAudit is PUT /api/v1/quality/audits/{audit}/reflection: the practitioner's reflection on a completed
// audit of their case, marking the actions they have done. Only the practitioner whose case it was.
func (a *API) reflectOnAudit(w http.ResponseWriter, r *http.Request) error {
	return change(w, r, "the audit",
		func(in AuditReflection, version int) error {
			_, err := a.audits.Reflect(r.Context(), r.PathValue("audit"), audits.Reflection{Text: in.Reflection, Done: in.Done}, version)
			return err
		},
		func() (int, any, error) { return a.readAudit(r) })
}
