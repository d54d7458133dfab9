// Package duties holds required actions: the things the law or the council's practice says must happen by a date —
// arrange an independent advocate, instruct an IMCA, decide whether the section 42 enquiry duty applies, review
// crisis holding support, review a risk-taking decision. A duty is raised by the domain whose record shows it is
// needed, in the transaction that makes that record, and stays open, visibly dated, until that domain meets it (a
// referral, a decision, a review) or a lawful reason not to is recorded. Nothing here decides when a duty arises:
// each domain's rules do; this package keeps them from slipping silently.
package duties

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Kind is what must be done.
type Kind string

// The kinds of duty.
const (
	AdvocateAssessment   Kind = "advocate_assessment"   // Care Act s67: a needs or carer's assessment
	AdvocatePlanning     Kind = "advocate_planning"     // s67: care and support planning
	AdvocateReview       Kind = "advocate_review"       // s67: a review of the plan
	AdvocateSafeguarding Kind = "advocate_safeguarding" // s68: a safeguarding enquiry or review
	IMCA                 Kind = "imca"                  // Mental Capacity Act ss37–39
	Section42Decision    Kind = "section42_decision"    // decide whether the section 42 duty applies
	CrisisReview         Kind = "crisis_review"         // the early review of crisis holding support
	RiskReview           Kind = "risk_review"           // a positive risk-taking decision's review
	DirectPaymentReview  Kind = "direct_payment_review" // Direct Payments Regulations 2014 reg 7: monitor the payments
)

// Kinds lists every kind, in the order a list groups them.
func Kinds() []Kind {
	return []Kind{CrisisReview, Section42Decision, AdvocateSafeguarding, IMCA, AdvocateAssessment, AdvocatePlanning, AdvocateReview, RiskReview, DirectPaymentReview}
}

// Label is what must be done, as a list says it.
func (k Kind) Label() string {
	switch k {
	case AdvocateAssessment:
		return "Arrange an independent advocate for the assessment"
	case AdvocatePlanning:
		return "Arrange an independent advocate for care and support planning"
	case AdvocateReview:
		return "Arrange an independent advocate for the review"
	case AdvocateSafeguarding:
		return "Arrange an independent advocate for the safeguarding enquiry"
	case IMCA:
		return "Instruct an independent mental capacity advocate (IMCA)"
	case Section42Decision:
		return "Decide whether the section 42 enquiry duty applies"
	case CrisisReview:
		return "Review the crisis holding support"
	case RiskReview:
		return "Review the risk-taking decision"
	case DirectPaymentReview:
		return "Hold the direct payment’s monitoring review"
	}
	return string(k)
}

// Safeguarding says whether the duty belongs to a safeguarding record, so only the council's safeguarding roles
// may see it.
func (k Kind) Safeguarding() bool { return k == Section42Decision || k == AdvocateSafeguarding }

// The ways a duty is met.
const (
	MetByReferral = "referral" // a referral was made (an advocate, an IMCA)
	MetByReason   = "reason"   // a lawful reason not to was recorded
	MetByDone     = "done"     // what was due was done (a decision, a review)
	Withdrawn     = "withdrawn"
)

// Duty is one required action.
type Duty struct {
	ID        string
	PersonID  string
	EpisodeID string // empty for a duty outside an episode, such as a safeguarding concern
	Kind      Kind
	SubjectID string // the record that raised it: a concern, an advocacy needs record, a risk, an episode ...
	Reason    string // why, in plain words with the law that says so
	Path      string // the page where it is met
	RaisedAt  time.Time
	RaisedBy  string
	DueAt     time.Time // the instant it becomes overdue
	MetAt     time.Time // zero while open
	MetHow    string
	MetNote   string
	MetBy     string

	PersonName string // "Family, Given", filled in by lists across people
}

// Open says whether the duty is still to be met.
func (d Duty) Open() bool { return d.MetAt.IsZero() }

// Withdrawn says whether the duty was closed because it no longer applied, rather than met.
func (d Duty) Withdrawn() bool { return !d.Open() && d.MetHow == Withdrawn }

// MetInTime says whether the duty was met before it became overdue.
func (d Duty) MetInTime() bool { return !d.Open() && !d.Withdrawn() && d.MetAt.Before(d.DueAt) }

// DueOn is the last UK day on which the duty is in time.
func (d Duty) DueOn() sqldb.Date { return sqldb.UKDate(d.DueAt.Add(-time.Nanosecond)) }

// Overdue says whether an open duty's time has passed at now.
func (d Duty) Overdue(now time.Time) bool { return d.Open() && !now.Before(d.DueAt) }

// When says when the duty falls due, in UK time, as pages say it: the time and the day for a crisis review, due
// within hours; for the rest, the last day on which it is in time.
func (d Duty) When() string {
	at := d.DueAt.In(sqldb.London())
	if d.Kind == CrisisReview {
		return at.Format("3:04pm on 2 January 2006")
	}
	return d.DueOn().Format("2 January 2006")
}

// EndOfDay is the first instant after UK day d: a duty due on a day is overdue from the next midnight in the UK.
func EndOfDay(d sqldb.Date) time.Time {
	next := d.AddDate(0, 0, 1)
	return time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, sqldb.London()).UTC()
}

// DaysAfter is the end of the UK day that is days after t, for duties due within a number of days.
func DaysAfter(t time.Time, days int) time.Time {
	return EndOfDay(sqldb.NewDate(sqldb.UKDate(t).AddDate(0, 0, days)))
}

const columns = `id, person_id, episode_id, kind, subject_id, reason, path, raised_at, raised_by, due_at, met_at, met_how, met_note, met_by`

func scan(row interface{ Scan(...any) error }) (Duty, error) {
	var d Duty
	var met *time.Time
	if err := row.Scan(&d.ID, &d.PersonID, &d.EpisodeID, &d.Kind, &d.SubjectID, &d.Reason, &d.Path, &d.RaisedAt, &d.RaisedBy, &d.DueAt, &met, &d.MetHow, &d.MetNote, &d.MetBy); err != nil {
		return Duty{}, err
	}
	if met != nil {
		d.MetAt = met.UTC()
	}
	d.RaisedAt, d.DueAt = d.RaisedAt.UTC(), d.DueAt.UTC()
	return d, nil
}

// Raise opens a duty inside tx, the transaction that records why it is needed. If a duty of the same kind for the
// same subject is already open, it is brought up to date (reason, page and due time) instead, so raising twice
// never duplicates. It returns the duty as stored.
func Raise(ctx context.Context, tx *sqldb.Tx, d Duty) (Duty, error) {
	if d.PersonID == "" || d.Kind == "" || d.SubjectID == "" || strings.TrimSpace(d.Reason) == "" || d.DueAt.IsZero() {
		return Duty{}, errors.New("duties: a duty needs a person, a kind, the record that raised it, a reason and a due time")
	}
	d.Reason, d.DueAt = strings.TrimSpace(d.Reason), d.DueAt.UTC()
	existing, err := scan(tx.QueryRowContext(ctx, `SELECT `+columns+` FROM duty
		WHERE council_id = $1 AND kind = $2 AND subject_id = $3 AND met_at IS NULL`+tx.Dialect().ForUpdate(), tx.Council(), string(d.Kind), d.SubjectID))
	switch {
	case err == nil:
		if _, err := tx.ExecContext(ctx, `UPDATE duty SET reason = $1, path = $2, due_at = $3 WHERE council_id = $4 AND id = $5`,
			d.Reason, d.Path, d.DueAt, tx.Council(), existing.ID); err != nil {
			return Duty{}, fmt.Errorf("duties: bring %s up to date: %w", d.Kind, err)
		}
		existing.Reason, existing.Path, existing.DueAt = d.Reason, d.Path, d.DueAt
		return existing, nil
	case !errors.Is(sqldb.Normalise(err), sqldb.ErrNotFound):
		return Duty{}, fmt.Errorf("duties: look for an open %s: %w", d.Kind, err)
	}
	d.ID, d.RaisedAt, d.MetAt, d.MetHow, d.MetNote, d.MetBy = sqldb.NewID(), tx.Now(), time.Time{}, "", "", ""
	if id := councils.StaffID(ctx); id != "" {
		d.RaisedBy = id
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO duty (council_id, id, person_id, episode_id, kind, subject_id, reason, path, raised_at, raised_by, due_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		tx.Council(), d.ID, d.PersonID, d.EpisodeID, string(d.Kind), d.SubjectID, d.Reason, d.Path, d.RaisedAt, d.RaisedBy, d.DueAt)
	if err != nil {
		return Duty{}, fmt.Errorf("duties: raise %s: %w", d.Kind, sqldb.Normalise(err))
	}
	return d, nil
}

// Meet closes the open duty of kind raised by subjectID inside tx, saying how (MetByReferral, MetByReason or
// MetByDone) and, for a reason or a referral, what it was. It returns sqldb.ErrNotFound if none is open.
func Meet(ctx context.Context, tx *sqldb.Tx, kind Kind, subjectID, how, note string) error {
	switch how {
	case MetByReferral, MetByDone:
	case MetByReason:
		if strings.TrimSpace(note) == "" {
			return errors.New("duties: a lawful reason not to act must be given")
		}
	default:
		return fmt.Errorf("duties: %q is not a way to meet a duty", how)
	}
	return closeDuty(ctx, tx, kind, subjectID, how, note)
}

// Withdraw closes an open duty that no longer applies, because the record that raised it has changed; nothing
// happens if none is open.
func Withdraw(ctx context.Context, tx *sqldb.Tx, kind Kind, subjectID, note string) error {
	err := closeDuty(ctx, tx, kind, subjectID, Withdrawn, note)
	if errors.Is(err, sqldb.ErrNotFound) {
		return nil
	}
	return err
}

func closeDuty(ctx context.Context, tx *sqldb.Tx, kind Kind, subjectID, how, note string) error {
	by := councils.StaffID(ctx)
	res, err := tx.ExecContext(ctx, `UPDATE duty SET met_at = $1, met_how = $2, met_note = $3, met_by = $4
		WHERE council_id = $5 AND kind = $6 AND subject_id = $7 AND met_at IS NULL`,
		tx.Now(), how, strings.TrimSpace(note), by, tx.Council(), string(kind), subjectID)
	if err != nil {
		return fmt.Errorf("duties: close %s: %w", kind, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("duties: no open %s for %s: %w", kind, subjectID, sqldb.ErrNotFound)
	}
	return nil
}

// ForSubject reads the duties, open and met, raised by one record, newest first.
func ForSubject(ctx context.Context, tx *sqldb.Tx, subjectID string) ([]Duty, error) {
	return list(ctx, tx, `SELECT `+columns+` FROM duty WHERE council_id = $1 AND subject_id = $2 ORDER BY raised_at DESC, id DESC`, tx.Council(), subjectID)
}

// OpenForPerson reads a person's open duties, soonest due first.
func OpenForPerson(ctx context.Context, tx *sqldb.Tx, personID string) ([]Duty, error) {
	return list(ctx, tx, `SELECT `+columns+` FROM duty WHERE council_id = $1 AND person_id = $2 AND met_at IS NULL ORDER BY due_at, id`, tx.Council(), personID)
}

// OpenForPeople reads the open duties of several people at once (a page of a caseload), soonest due first.
func OpenForPeople(ctx context.Context, tx *sqldb.Tx, personIDs []string) (map[string][]Duty, error) {
	out := map[string][]Duty{}
	if len(personIDs) == 0 {
		return out, nil
	}
	in, args := sqldb.In([]any{tx.Council()}, personIDs)
	ds, err := list(ctx, tx, `SELECT `+columns+` FROM duty WHERE council_id = $1 AND met_at IS NULL AND person_id IN (`+in+`)
		ORDER BY due_at, id`, args...)
	for _, d := range ds {
		out[d.PersonID] = append(out[d.PersonID], d)
	}
	return out, err
}

func list(ctx context.Context, tx *sqldb.Tx, query string, args ...any) ([]Duty, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("duties: read: %w", err)
	}
	defer rows.Close()
	var out []Duty
	for rows.Next() {
		d, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Visible keeps the duties that staff in a role may see under the council's settings: safeguarding duties only for
// its safeguarding roles.
func Visible(ds []Duty, set councils.Settings, role councils.Role) []Duty {
	if set.SeesSafeguarding(role) {
		return ds
	}
	var out []Duty
	for _, d := range ds {
		if !d.Kind.Safeguarding() {
			out = append(out, d)
		}
	}
	return out
}

// Store reads required actions for pages.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// PersonDuties reads a person's open required actions that the signed-in member of staff may see, soonest due
// first, for a section of a page that has already logged its view of the person: it checks the access rule but
// does not log another view.
func (s *Store) PersonDuties(ctx context.Context, personID string) ([]Duty, error) {
	staff, ok := councils.StaffFrom(ctx)
	if !ok {
		return nil, errors.New("duties: no member of staff in the context")
	}
	var out []Duty
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Peek, accesslog.View); err != nil {
			return err
		}
		set, err := councils.SettingsIn(ctx, tx)
		if err != nil {
			return err
		}
		open, err := OpenForPerson(ctx, tx, personID)
		out = Visible(open, set, staff.Role)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read required actions: %w", err)
	}
	return out, nil
}

// Now is the store's clock, for telling which duties are overdue.
func (s *Store) Now() time.Time { return s.db.Now() }

// ForEpisodes reads the duties, open and met, raised in several episodes at once, oldest first, by episode: a case
// file audit asks which duties a case raised and how each was met.
func ForEpisodes(ctx context.Context, tx *sqldb.Tx, episodeIDs []string) (map[string][]Duty, error) {
	out := map[string][]Duty{}
	if len(episodeIDs) == 0 {
		return out, nil
	}
	in, args := sqldb.In([]any{tx.Council()}, episodeIDs)
	ds, err := list(ctx, tx, `SELECT `+columns+` FROM duty WHERE council_id = $1 AND episode_id IN (`+in+`)
		ORDER BY raised_at, id`, args...)
	for _, d := range ds {
		out[d.EpisodeID] = append(out[d.EpisodeID], d)
	}
	return out, err
}
