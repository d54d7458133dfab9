package advocacy

import (
	"context"
	"errors"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store keeps advocacy needs records and referrals, and raises and meets the required actions they lead to. Every
// method opens the person's record with people.Open (people.Peek for a form posted back whose change is
// logged) and records each change in the chronology, in one transaction.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.db.Now() }

// ErrAlreadyMet: the required action was met (or withdrawn) by someone else while the form was open.
var ErrAlreadyMet = fmt.Errorf("this required action has already been met: %w", sqldb.ErrConflict)

// Page is an episode's advocacy: the open required actions (Care Act advocates and IMCAs), the latest needs
// record and those before it, and the referrals.
type Page struct {
	Person    people.Person
	EpisodeID string
	Actions   []duties.Duty // open, soonest due first; safeguarding ones only for the council's safeguarding roles
	Met       []duties.Duty // met or withdrawn, newest first
	Needs     []Needs       // newest first
	Referrals []Referral    // newest first
	Now       time.Time
}

// Latest is the needs record that applies, or the zero value.
func (p Page) Latest() Needs {
	if len(p.Needs) == 0 {
		return Needs{}
	}
	return p.Needs[0]
}

// Action is the open required action of kind for subject, if there is one on the page.
func (p Page) Action(kind duties.Kind, subject string) (duties.Duty, bool) {
	for _, d := range p.Actions {
		if d.Kind == kind && d.SubjectID == subject {
			return d, true
		}
	}
	return duties.Duty{}, false
}

// Kinds are the required actions this package meets.
func Kinds() []duties.Kind {
	return []duties.Kind{duties.AdvocateAssessment, duties.AdvocatePlanning, duties.AdvocateReview, duties.AdvocateSafeguarding, duties.IMCA}
}

// Episode reads an episode's advocacy and logs the view.
func (s *Store) Episode(ctx context.Context, personID, episodeID string) (Page, error) {
	return s.page(ctx, personID, episodeID, people.Log)
}

// EpisodeGlance reads what Episode does without logging, for a form posted back whose change is logged.
func (s *Store) EpisodeGlance(ctx context.Context, personID, episodeID string) (Page, error) {
	return s.page(ctx, personID, episodeID, people.Peek)
}

func (s *Store) page(ctx context.Context, personID, episodeID string, mode people.Mode) (Page, error) {
	out := Page{EpisodeID: episodeID}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out.Now = tx.Now()
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, mode, accesslog.View); err != nil {
			return err
		}
		if out.Actions, out.Met, err = episodeDuties(ctx, tx, personID, episodeID); err != nil {
			return err
		}
		if out.Needs, err = readNeeds(ctx, tx, `n.episode_id = $2`, episodeID); err != nil {
			return err
		}
		out.Referrals, err = readReferrals(ctx, tx, `r.episode_id = $2`, episodeID)
		return err
	})
	return out, err
}

// episodeDuties reads the episode's advocacy and IMCA required actions that the signed-in member of staff may
// see: open ones soonest due first, then met ones newest first.
func episodeDuties(ctx context.Context, tx *sqldb.Tx, personID, episodeID string) (open, met []duties.Duty, err error) {
	set, err := councils.SettingsIn(ctx, tx)
	if err != nil {
		return nil, nil, fmt.Errorf("read the council's settings: %w", err)
	}
	staff, _ := councils.StaffFrom(ctx)
	all, err := duties.OpenForPerson(ctx, tx, personID)
	if err != nil {
		return nil, nil, err
	}
	for _, d := range duties.Visible(all, set, staff.Role) {
		if d.EpisodeID == episodeID && slices.Contains(Kinds(), d.Kind) {
			open = append(open, d)
		}
	}
	// Met ones: those raised by this episode's needs records (subject: the episode) and its assessments, read by
	// subject.
	subjects := []string{episodeID}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT subject_id FROM duty WHERE council_id = $1 AND person_id = $2 AND episode_id = $3`,
		tx.Council(), personID, episodeID)
	if err != nil {
		return nil, nil, fmt.Errorf("read required actions: %w", err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if !slices.Contains(subjects, s) {
			subjects = append(subjects, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	var closed []duties.Duty
	for _, s := range subjects {
		ds, err := duties.ForSubject(ctx, tx, s)
		if err != nil {
			return nil, nil, err
		}
		for _, d := range ds {
			if !d.Open() && d.EpisodeID == episodeID && slices.Contains(Kinds(), d.Kind) {
				closed = append(closed, d)
			}
		}
	}
	closed = duties.Visible(closed, set, staff.Role)
	slices.SortFunc(closed, func(a, b duties.Duty) int { return b.MetAt.Compare(a.MetAt) })
	return open, closed, nil
}

const needsColumns = `n.id, n.person_id, n.episode_id, n.understanding, n.understanding_evidence, n.retaining, n.retaining_evidence,
	n.using_weighing, n.using_weighing_evidence, n.communicating, n.communicating_evidence, n.no_appropriate_person, n.person_name,
	n.relationship, n.passes, n.nhs_accommodation, n.disagreement, n.processes, n.notes, n.recorded_on, n.replaces, n.created_by,
	COALESCE(st.name, '')`

func readNeeds(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Needs, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+needsColumns+` FROM advocacy_needs n
		LEFT JOIN staff st ON st.council_id = n.council_id AND st.id = n.created_by
		WHERE n.council_id = $1 AND `+where+` ORDER BY n.created_at DESC, n.id DESC`, append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read advocacy needs: %w", err)
	}
	defer rows.Close()
	var out []Needs
	for rows.Next() {
		var n Needs
		d := make([]struct{ state, evidence string }, 4)
		var passes, processes string
		if err := rows.Scan(&n.ID, &n.PersonID, &n.EpisodeID, &d[0].state, &d[0].evidence, &d[1].state, &d[1].evidence, &d[2].state, &d[2].evidence,
			&d[3].state, &d[3].evidence, &n.NoAppropriatePerson, &n.PersonName, &n.Relationship, &passes, &n.NHSAccommodation, &n.Disagreement,
			&processes, &n.Notes, &n.RecordedOn, &n.Replaces, &n.RecordedBy, &n.RecorderName); err != nil {
			return nil, fmt.Errorf("read advocacy needs: %w", sqldb.Normalise(err))
		}
		n.Difficulties = map[Area]Difficulty{}
		for i, a := range Areas() {
			n.Difficulties[a] = Difficulty{Answered: d[i].state != "", Substantial: d[i].state == "yes", Evidence: d[i].evidence}
		}
		n.Passes = map[Check]bool{}
		for _, c := range split(passes) {
			n.Passes[Check(c)] = true
		}
		for _, p := range split(processes) {
			n.Processes = append(n.Processes, Process(p))
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func yesNo(d Difficulty) string {
	if d.Substantial {
		return "yes"
	}
	return "no"
}

// RecordNeeds keeps a new needs record for an episode, replacing n.Replaces, which must be the latest record (or
// "" when there is none): a record made since the form was opened is sqldb.ErrConflict and nothing is saved. In
// the same transaction it raises a required action for each process the record makes an advocate due for (keeping
// the due time of one already open), and withdraws the open ones it no longer supports. Problems come back as
// validation.Problems.
func (s *Store) RecordNeeds(ctx context.Context, n Needs) (Needs, error) {
	n.Normalise()
	if ps := n.Validate(s.db.Today()); len(ps) > 0 {
		return Needs{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, n.PersonID, n.EpisodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		var latest string
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), '') FROM advocacy_needs WHERE council_id = $1 AND episode_id = $2`,
			tx.Council(), n.EpisodeID).Scan(&latest); err != nil {
			return fmt.Errorf("read the latest needs record: %w", err)
		}
		if latest != n.Replaces {
			return sqldb.ErrConflict
		}
		var err error
		n, err = KeepNeeds(ctx, tx, n)
		return err
	})
	if err != nil {
		return Needs{}, err
	}
	return n, nil
}

// apply raises the required actions a needs record makes due, for the processes it covers, with the episode as
// their subject, and withdraws the open ones it no longer supports.
func apply(ctx context.Context, tx *sqldb.Tx, n Needs) error {
	existing, err := duties.ForSubject(ctx, tx, n.EpisodeID)
	if err != nil {
		return err
	}
	openOf := func(k duties.Kind) (duties.Duty, bool) {
		for _, d := range existing {
			if d.Kind == k && d.Open() {
				return d, true
			}
		}
		return duties.Duty{}, false
	}
	for _, p := range Processes() {
		due, ok := n.Duty(p)
		old, isOpen := openOf(p.Kind())
		switch {
		case ok && n.Covers(p):
			if err := raise(ctx, tx, n.PersonID, n.EpisodeID, p, n.EpisodeID, due.Reason, old, isOpen); err != nil {
				return err
			}
		case isOpen:
			if err := duties.Withdraw(ctx, tx, p.Kind(), n.EpisodeID, "The latest advocacy needs record no longer makes an advocate due"); err != nil {
				return fmt.Errorf("withdraw a required action: %w", err)
			}
			if err := chronology.Record(ctx, tx, chronology.Event{PersonID: n.PersonID, EpisodeID: n.EpisodeID, Kind: eventKind(p.Kind()),
				Summary: "Required action withdrawn: " + strings.ToLower(p.Kind().Label()), RefID: n.ID}); err != nil {
				return err
			}
		}
	}
	return nil
}

func raise(ctx context.Context, tx *sqldb.Tx, personID, episodeID string, p Process, subject, reason string, old duties.Duty, isOpen bool) error {
	set, err := councils.SettingsIn(ctx, tx)
	if err != nil {
		return fmt.Errorf("read the council's settings: %w", err)
	}
	days := set.AdvocacyActionDays
	if days <= 0 {
		days = 5
	}
	due := duties.DaysAfter(tx.Now(), days)
	if isOpen {
		due = old.DueAt // a duty still due keeps its time: recording again never resets the clock
	}
	if _, err := duties.Raise(ctx, tx, duties.Duty{PersonID: personID, EpisodeID: episodeID, Kind: p.Kind(), SubjectID: subject,
		Reason: reason, Path: paths.Advocacy.URL(personID, episodeID), DueAt: due}); err != nil {
		return fmt.Errorf("raise a required action: %w", err)
	}
	if isOpen {
		return nil
	}
	return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: eventKind(p.Kind()),
		Summary: "Required action: arrange an independent advocate for the " + strings.ToLower(p.Label()) + " (" + p.Section() + ")", RefID: subject})
}

// Consider applies the latest advocacy needs record for the person to process p as it starts (a safeguarding
// enquiry, a review), inside the caller's transaction, which has already opened the person with people.Open:
// when an advocate is due, it raises the required action with subjectID (the caller's record) as its subject.
// With no needs record, nothing is raised: the process's own page asks for one.
func Consider(ctx context.Context, tx *sqldb.Tx, personID, episodeID string, p Process, subjectID string) error {
	got, err := readNeeds(ctx, tx, `n.person_id = $2`, personID)
	if err != nil {
		return err
	}
	if len(got) == 0 {
		return nil
	}
	due, ok := got[0].Duty(p)
	if !ok {
		return nil
	}
	existing, err := duties.ForSubject(ctx, tx, subjectID)
	if err != nil {
		return err
	}
	var old duties.Duty
	isOpen := false
	for _, d := range existing {
		if d.Kind == p.Kind() && d.Open() {
			old, isOpen = d, true
		}
	}
	// A process outside an episode (a safeguarding enquiry) has its advocate arranged on the episode whose needs
	// record shows the difficulty, where the action is shown and met.
	if episodeID == "" {
		episodeID = got[0].EpisodeID
	}
	path := paths.Advocacy.URL(personID, episodeID)
	set, err := councils.SettingsIn(ctx, tx)
	if err != nil {
		return err
	}
	days := set.AdvocacyActionDays
	if days <= 0 {
		days = 5
	}
	dueAt := duties.DaysAfter(tx.Now(), days)
	if isOpen {
		dueAt = old.DueAt
	}
	if _, err := duties.Raise(ctx, tx, duties.Duty{PersonID: personID, EpisodeID: episodeID, Kind: p.Kind(), SubjectID: subjectID,
		Reason: due.Reason, Path: path, DueAt: dueAt}); err != nil {
		return fmt.Errorf("raise a required action: %w", err)
	}
	if isOpen {
		return nil
	}
	return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: eventKind(p.Kind()),
		Summary: "Required action: arrange an independent advocate for the " + strings.ToLower(p.Label()) + " (" + p.Section() + ")", RefID: subjectID})
}

// checkAction finds the open required action of kind for subject on this person's episode: one met since the
// form was opened is ErrAlreadyMet; one that is not theirs is sqldb.ErrNotFound.
func checkAction(ctx context.Context, tx *sqldb.Tx, personID, episodeID string, kind duties.Kind, subject string) (duties.Duty, error) {
	if !slices.Contains(Kinds(), kind) {
		return duties.Duty{}, sqldb.ErrNotFound
	}
	ds, err := duties.ForSubject(ctx, tx, subject)
	if err != nil {
		return duties.Duty{}, err
	}
	found := false
	for _, d := range ds {
		if d.Kind != kind || d.PersonID != personID || d.EpisodeID != episodeID {
			continue
		}
		if d.Open() {
			return d, nil
		}
		found = true
	}
	if found {
		return duties.Duty{}, ErrAlreadyMet
	}
	return duties.Duty{}, fmt.Errorf("find required action: %w", sqldb.ErrNotFound)
}

const referralColumns = `r.id, r.person_id, r.episode_id, r.advocate_type, r.provider, r.directory_service_id, r.advocate_name, r.referred_on,
	r.allocated_on, r.outcome, r.duty_kind, r.duty_subject, r.created_by, r.version`

func readReferrals(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Referral, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+referralColumns+` FROM advocacy_referral r WHERE r.council_id = $1 AND `+where+
		` ORDER BY r.referred_on DESC, r.id DESC`, append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read referrals: %w", err)
	}
	defer rows.Close()
	var out []Referral
	for rows.Next() {
		var r Referral
		var typ, kind string
		var allocated *sqldb.Date
		if err := rows.Scan(&r.ID, &r.PersonID, &r.EpisodeID, &typ, &r.Provider, &r.DirectoryServiceID, &r.AdvocateName, &r.ReferredOn,
			&allocated, &r.Outcome, &kind, &r.DutySubject, &r.RecordedBy, &r.Version); err != nil {
			return nil, fmt.Errorf("read referral: %w", sqldb.Normalise(err))
		}
		r.Type, r.DutyKind = AdvocateType(typ), duties.Kind(kind)
		if allocated != nil {
			r.AllocatedOn = *allocated
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func nullDate(d sqldb.Date) any {
	if d.IsZero() {
		return nil
	}
	return d
}

// Refer keeps a referral to an advocate. When it names a required action (DutyKind and DutySubject), the referral
// meets it in the same transaction (MetHow "referral"); a required action met by someone else since the form was
// opened is ErrAlreadyMet and nothing is saved. Problems come back as validation.Problems.
func (s *Store) Refer(ctx context.Context, r Referral) (Referral, error) {
	r.Normalise()
	if r.DutyKind != "" && r.Type == "" {
		r.Type = TypeFor(r.DutyKind)
	}
	if ps := r.Validate(s.db.Today()); len(ps) > 0 {
		return Referral{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, r.PersonID, r.EpisodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		var err error
		r, err = KeepReferral(ctx, tx, r)
		return err
	})
	if err != nil {
		return Referral{}, err
	}
	return r, nil
}

// NotNeeded meets an open required action with a lawful reason not to arrange an advocate (MetHow "reason"). One
// met since the form was opened is ErrAlreadyMet. Problems come back as validation.Problems.
func (s *Store) NotNeeded(ctx context.Context, personID, episodeID string, kind duties.Kind, subject string, m NotMet) error {
	m.Details = strings.TrimSpace(m.Details)
	if ps := m.Validate(kind); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		if _, err := checkAction(ctx, tx, personID, episodeID, kind, subject); err != nil {
			return err
		}
		if err := duties.Meet(ctx, tx, kind, subject, duties.MetByReason, m.Note()); err != nil {
			return fmt.Errorf("meet the required action: %w", err)
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: eventKind(kind),
			Summary: "No advocate arranged for " + strings.ToLower(kind.Label()) + ": " + strings.ToLower(m.Reason.Label()), RefID: subject})
	})
}

// Referral reads one referral and logs the view.
func (s *Store) Referral(ctx context.Context, personID, episodeID, id string) (people.Person, Referral, error) {
	return s.referral(ctx, personID, episodeID, id, people.Log)
}

// ReferralGlance reads one referral without logging, for a form posted back.
func (s *Store) ReferralGlance(ctx context.Context, personID, episodeID, id string) (people.Person, Referral, error) {
	return s.referral(ctx, personID, episodeID, id, people.Peek)
}

func (s *Store) referral(ctx context.Context, personID, episodeID, id string, mode people.Mode) (people.Person, Referral, error) {
	var p people.Person
	var r Referral
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if p, err = people.Open(ctx, tx, personID, "", mode, accesslog.View); err != nil {
			return err
		}
		r, err = oneReferral(ctx, tx, personID, episodeID, id)
		return err
	})
	return p, r, err
}

func oneReferral(ctx context.Context, tx *sqldb.Tx, personID, episodeID, id string) (Referral, error) {
	got, err := readReferrals(ctx, tx, `r.person_id = $2 AND r.episode_id = $3 AND r.id = $4`, personID, episodeID, id)
	if err != nil {
		return Referral{}, err
	}
	if len(got) == 0 {
		return Referral{}, fmt.Errorf("find referral: %w", sqldb.ErrNotFound)
	}
	return got[0], nil
}

// UpdateReferral records what happened to a referral (the advocate allocated, when, and the outcome), from
// version: someone else's change since is sqldb.ErrConflict and changes nothing.
func (s *Store) UpdateReferral(ctx context.Context, personID, episodeID, id string, allocatedOn sqldb.Date, advocate, outcome string, version int) error {
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		r, err := oneReferral(ctx, tx, personID, episodeID, id)
		if err != nil {
			return err
		}
		r.AllocatedOn, r.AdvocateName, r.Outcome = allocatedOn, advocate, outcome
		r.Normalise()
		if ps := r.Validate(tx.Today()); len(ps) > 0 {
			return ps
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE advocacy_referral SET allocated_on = $1, advocate_name = $2, outcome = $3,
			updated_at = $4, updated_by = $5, version = version + 1 WHERE council_id = $6 AND id = $7 AND version = $8`,
			nullDate(r.AllocatedOn), r.AdvocateName, r.Outcome, tx.Now(), councils.StaffID(ctx), tx.Council(), id, version)); err != nil {
			return fmt.Errorf("update referral: %w", err)
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Advocacy,
			Summary: "Referral to " + r.Provider + " updated", RefID: id})
	})
}

// IsAlreadyMet reports whether err is ErrAlreadyMet.
func IsAlreadyMet(err error) bool { return errors.Is(err, ErrAlreadyMet) }

// KeepNeeds inserts a valid needs record inside tx, which has already opened the person, records it in the
// chronology and raises and withdraws the required actions it leads to. The store's RecordNeeds uses it, after its
// checks; so does the demo.
func KeepNeeds(ctx context.Context, tx *sqldb.Tx, n Needs) (Needs, error) {
	n.ID, n.RecordedBy = sqldb.NewID(), councils.StaffID(ctx)
	var passes, processes []string
	for _, c := range Checks() {
		if n.Passes[c] {
			passes = append(passes, string(c))
		}
	}
	for _, p := range n.Processes {
		processes = append(processes, string(p))
	}
	d := func(a Area) Difficulty { return n.Difficulties[a] }
	if _, err := tx.ExecContext(ctx, `INSERT INTO advocacy_needs (council_id, id, person_id, episode_id, understanding, understanding_evidence,
			retaining, retaining_evidence, using_weighing, using_weighing_evidence, communicating, communicating_evidence, no_appropriate_person,
			person_name, relationship, passes, nhs_accommodation, disagreement, processes, notes, recorded_on, replaces, created_at, created_by, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, 1)`,
		tx.Council(), n.ID, n.PersonID, n.EpisodeID, yesNo(d(Understanding)), d(Understanding).Evidence, yesNo(d(Retaining)), d(Retaining).Evidence,
		yesNo(d(UsingWeighing)), d(UsingWeighing).Evidence, yesNo(d(Communicating)), d(Communicating).Evidence, n.NoAppropriatePerson,
		n.PersonName, n.Relationship, strings.Join(passes, ","), n.NHSAccommodation, n.Disagreement, strings.Join(processes, ","), n.Notes,
		n.RecordedOn, n.Replaces, tx.Now(), n.RecordedBy); err != nil {
		return Needs{}, fmt.Errorf("add advocacy needs: %w", sqldb.Normalise(err))
	}
	summary := "Advocacy needs recorded: no substantial difficulty"
	if n.AnyDifficulty() {
		summary = "Advocacy needs recorded: substantial difficulty"
	}
	if err := chronology.Record(ctx, tx, chronology.Event{PersonID: n.PersonID, EpisodeID: n.EpisodeID, Kind: chronology.Advocacy,
		OccurredOn: n.RecordedOn, Summary: summary, RefID: n.ID}); err != nil {
		return Needs{}, err
	}
	return n, apply(ctx, tx, n)
}

// KeepReferral inserts a valid referral inside tx, which has already opened the person; when it names a required
// action, it meets it (ErrAlreadyMet when it is not open). The store's Refer uses it; so does the demo.
func KeepReferral(ctx context.Context, tx *sqldb.Tx, r Referral) (Referral, error) {
	if r.DutyKind != "" {
		if _, err := checkAction(ctx, tx, r.PersonID, r.EpisodeID, r.DutyKind, r.DutySubject); err != nil {
			return Referral{}, err
		}
		if r.Type != TypeFor(r.DutyKind) {
			return Referral{}, validation.Problems{{Field: "advocate_type", Message: "This required action needs a referral to an " + TypeFor(r.DutyKind).Label()}}
		}
		if err := duties.Meet(ctx, tx, r.DutyKind, r.DutySubject, duties.MetByReferral, "Referred to "+r.Provider+" on "+r.ReferredOn.Format("2 January 2006")); err != nil {
			return Referral{}, fmt.Errorf("meet the required action: %w", err)
		}
	}
	r.ID, r.Version, r.RecordedBy = sqldb.NewID(), 1, councils.StaffID(ctx)
	if _, err := tx.ExecContext(ctx, `INSERT INTO advocacy_referral (council_id, id, person_id, episode_id, advocate_type, provider,
			directory_service_id, advocate_name, referred_on, allocated_on, outcome, duty_kind, duty_subject, created_at, created_by, updated_at,
			updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14, $15, 1)`,
		tx.Council(), r.ID, r.PersonID, r.EpisodeID, string(r.Type), r.Provider, r.DirectoryServiceID, r.AdvocateName, r.ReferredOn,
		nullDate(r.AllocatedOn), r.Outcome, string(r.DutyKind), r.DutySubject, tx.Now(), r.RecordedBy); err != nil {
		return Referral{}, fmt.Errorf("add referral: %w", sqldb.Normalise(err))
	}
	return r, chronology.Record(ctx, tx, chronology.Event{PersonID: r.PersonID, EpisodeID: r.EpisodeID, Kind: eventKind(r.DutyKind),
		OccurredOn: r.ReferredOn, Summary: "Referred to " + strings.ToLower(r.Type.Label()[:1]) + r.Type.Label()[1:] + ": " + r.Provider, RefID: r.ID})
}

// eventKind is the chronology kind of an event about a required action of kind k: one for a safeguarding enquiry is
// a safeguarding event, shown only to the council's safeguarding roles, as the enquiry itself is.
func eventKind(k duties.Kind) chronology.Kind {
	if k.Safeguarding() {
		return chronology.Safeguarding
	}
	return chronology.Advocacy
}
