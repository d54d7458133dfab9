package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/supervision"
)

// Supervision: who stands where with supervision, each member of staff's sessions, and a session's record, which its
// supervisor records and its supervisee agrees. The store applies who sees what: a session is read by its supervisor,
// its supervisee and quality leads, and by nobody else (404); its wellbeing, learning and reflection are personal, the
// two of them's alone (a quality lead reads them only through an audit of the session); a list of sessions never
// holds what they said. Reading a session opens the record of each person whose
// case it discussed, which the store logs.

// SupervisionStore is what the API needs of supervision.Store.
type SupervisionStore interface {
	Standings(ctx context.Context) ([]supervision.Standing, error)
	History(ctx context.Context, superviseeID string) ([]supervision.Session, error)
	Session(ctx context.Context, id string) (supervision.Session, error)
	Record(ctx context.Context, sess supervision.Session, done []supervision.Carried) (supervision.Session, error)
	Agree(ctx context.Context, id, comment string, version int) error
}

// WithSupervision adds the supervision store to the API. Its routes are always listed (Routes), so that the OpenAPI
// document is checked against them.
func (a *API) WithSupervision(s SupervisionStore) *API {
	a.supervision = s
	return a
}

// SupervisionPath is where the API's supervision lives.
const SupervisionPath = QualityPath + "/supervision"

// SupervisionSessionPath is the API address of a supervision session.
func SupervisionSessionPath(id string) string { return SupervisionPath + "/sessions/" + id }

func (a *API) supervisionRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+SupervisionPath, a.listSupervisionStandings),
		route("GET "+SupervisionPath+"/staff/{staff}/sessions", a.listSupervisionSessions),
		route("POST "+SupervisionPath+"/sessions", a.recordSupervision),
		route("GET "+SupervisionPath+"/sessions/{session}", a.getSupervisionSession),
		route("POST "+SupervisionPath+"/sessions/{session}/agreement", a.agreeSupervision),
	}
}

// SupervisionStanding is where a member of staff stands with supervision today.
type SupervisionStanding struct {
	StaffID   string  `json:"staff_id"`
	StaffName string  `json:"staff_name"`
	Weeks     int     `json:"weeks"`   // how often they are to be supervised, by policy
	LastOn    *string `json:"last_on"` // null when never supervised
	NextOn    *string `json:"next_on"` // null when never supervised: due now
	Overdue   bool    `json:"overdue"`
}

// SupervisionSummary is a session as a list shows it: who, when and how, never what was said.
type SupervisionSummary struct {
	ID             string     `json:"id"`              // read-only
	SupervisorID   string     `json:"supervisor_id"`   // read-only: who records it
	SupervisorName string     `json:"supervisor_name"` // read-only
	SuperviseeID   string     `json:"supervisee_id"`
	SuperviseeName string     `json:"supervisee_name"` // read-only
	HeldOn         *string    `json:"held_on"`
	Kind           string     `json:"kind"`
	AgreedAt       *time.Time `json:"agreed_at"` // read-only: when the supervisee agreed the record
	Version        int        `json:"version"`   // read-only: send it back in If-Match
}

// SupervisionSession is a session's record: what has gone well (first, and required), the cases discussed, the
// supervisee's wellbeing, learning and reflection (personal), and the actions agreed.
type SupervisionSession struct {
	SupervisionSummary
	WentWell   string              `json:"went_well"`
	Cases      []SupervisionCase   `json:"cases"`
	Wellbeing  string              `json:"wellbeing"`
	Learning   string              `json:"learning"`
	Reflection string              `json:"reflection"`
	Actions    []SupervisionAction `json:"actions"`
	Comment    string              `json:"comment"` // read-only: the supervisee's, with their agreement
}

// SupervisionCase is a person's case discussed in supervision, with what was decided and why.
type SupervisionCase struct {
	PersonID   string `json:"person_id"`
	PersonName string `json:"person_name"` // read-only
	Discussion string `json:"discussion"`
	Decision   string `json:"decision"`
}

// SupervisionAction is an action agreed in supervision, with who owns it and by when.
type SupervisionAction struct {
	What   string  `json:"what"`
	Owner  string  `json:"owner"`
	DueOn  *string `json:"due_on"`
	DoneOn *string `json:"done_on"` // read-only: marked done in a later session
}

// SupervisionAgreement is the supervisee's agreement to the record of their session, with their comment.
type SupervisionAgreement struct {
	Comment string `json:"comment"`
}

func supervisionSummaryOf(x supervision.Session) SupervisionSummary {
	return SupervisionSummary{ID: x.ID, SupervisorID: x.SupervisorID, SupervisorName: x.SupervisorName, SuperviseeID: x.SuperviseeID,
		SuperviseeName: x.SuperviseeName, HeldOn: dateOrNull(x.HeldOn), Kind: string(x.Kind), AgreedAt: timeOrNull(x.AgreedAt), Version: x.Version}
}

func supervisionSessionOf(x supervision.Session) SupervisionSession {
	return SupervisionSession{SupervisionSummary: supervisionSummaryOf(x), WentWell: x.WentWell, Wellbeing: x.Wellbeing, Learning: x.Learning,
		Reflection: x.Reflection, Comment: x.Comment,
		Cases: listOf(x.Cases, func(c supervision.Case) SupervisionCase {
			return SupervisionCase{PersonID: c.PersonID, PersonName: c.PersonName, Discussion: c.Discussion, Decision: c.Decision}
		}),
		Actions: listOf(x.Actions, func(x supervision.Action) SupervisionAction {
			return SupervisionAction{What: x.What, Owner: x.Owner, DueOn: dateOrNull(x.DueOn), DoneOn: dateOrNull(x.DoneOn)}
		})}
}

// listSupervisionStandings is GET /api/v1/quality/supervision: where each member of staff the signed-in member of
// staff sees stands today (a team manager their teams' staff, the quality lead everyone supervised, a practitioner
// themselves).
func (a *API) listSupervisionStandings(w http.ResponseWriter, r *http.Request) error {
	ss, err := a.supervision.Standings(r.Context())
	if err != nil {
		return err
	}
	sendList(w, listOf(ss, func(s supervision.Standing) SupervisionStanding {
		return SupervisionStanding{StaffID: s.Staff.ID, StaffName: s.Staff.Name, Weeks: s.Weeks, LastOn: dateOrNull(s.Last),
			NextOn: dateOrNull(s.Next), Overdue: s.Overdue}
	}))
	return nil
}

// listSupervisionSessions is GET /api/v1/quality/supervision/staff/{staff}/sessions: a member of staff's sessions
// that the signed-in member of staff may read, newest first, without their contents.
func (a *API) listSupervisionSessions(w http.ResponseWriter, r *http.Request) error {
	ss, err := a.supervision.History(r.Context(), r.PathValue("staff"))
	if err != nil {
		return err
	}
	sendList(w, listOf(ss, supervisionSummaryOf))
	return nil
}

func (a *API) readSupervision(r *http.Request, id string) (int, any, error) {
	x, err := a.supervision.Session(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	return x.Version, supervisionSessionOf(x), nil
}

// getSupervisionSession is GET /api/v1/quality/supervision/sessions/{session}: the record, opening each person's
// record whose case it discussed.
func (a *API) getSupervisionSession(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readSupervision(r, r.PathValue("session")) })
}

// recordSupervision is POST /api/v1/quality/supervision/sessions: a session recorded by its supervisor, the
// signed-in team manager or quality lead, with someone they supervise. Each case discussed goes on that person's
// chronology with its decision, never the personal sections.
func (a *API) recordSupervision(w http.ResponseWriter, r *http.Request) error {
	return create(w, r, func(in SupervisionSession) (string, int, any, error) {
		var f fields
		s := supervision.Session{SuperviseeID: strings.TrimSpace(in.SuperviseeID), HeldOn: f.date("held_on", "The date of the supervision", in.HeldOn),
			Kind: supervision.Kind(strings.TrimSpace(in.Kind)), WentWell: in.WentWell, Wellbeing: in.Wellbeing, Learning: in.Learning,
			Reflection: in.Reflection}
		for _, c := range in.Cases {
			s.Cases = append(s.Cases, supervision.Case{PersonID: strings.TrimSpace(c.PersonID), Discussion: c.Discussion, Decision: c.Decision})
		}
		for i, x := range in.Actions {
			s.Actions = append(s.Actions, supervision.Action{What: x.What, Owner: x.Owner,
				DueOn: f.date(fmt.Sprintf("actions[%d].due_on", i), "The date it is due", x.DueOn)})
		}
		if err := f.check(nil); err != nil {
			return "", 0, nil, err
		}
		got, err := a.supervision.Record(r.Context(), s, nil)
		if err != nil {
			return "", 0, nil, renamed(err, supervisionField)
		}
		version, body, err := a.readSupervision(r, got.ID)
		return SupervisionSessionPath(got.ID), version, body, err
	})
}

// supervisionField names the rules' fields of cases and actions ("case_1_person") as the JSON does
// ("cases[0].person_id").
func supervisionField(field string) string {
	for prefix, list := range map[string]string{"case_": "cases", "action_": "actions"} {
		rest, ok := strings.CutPrefix(field, prefix)
		if !ok {
			continue
		}
		n, part, ok := strings.Cut(rest, "_")
		i, err := strconv.Atoi(n)
		if !ok || err != nil {
			return field
		}
		if part == "person" {
			part = "person_id"
		}
		return fmt.Sprintf("%s[%d].%s", list, i-1, part)
	}
	return field
}

// agreeSupervision is POST /api/v1/quality/supervision/sessions/{session}/agreement: the supervisee agrees the
// record of their session, with a comment. Only the supervisee, with If-Match.
func (a *API) agreeSupervision(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("session")
	return change(w, r, "the supervision session",
		func(in SupervisionAgreement, version int) error {
			return a.supervision.Agree(r.Context(), id, in.Comment, version)
		},
		func() (int, any, error) { return a.readSupervision(r, id) })
}
