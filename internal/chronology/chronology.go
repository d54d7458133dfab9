// Package chronology holds each person's chronology: the significant events of their record (contacts, steps,
// conversations, outcomes, plans, services, reviews, determinations) in one timeline. Each domain adds its events
// with Record, in the transaction that makes the change, so the timeline can never disagree with the record.
package chronology

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

// Kind is what sort of event happened, for filtering the timeline.
type Kind string

// The kinds of event in a chronology.
const (
	Contact      Kind = "contact"
	Episode      Kind = "episode"
	Step         Kind = "step"
	Conversation Kind = "conversation"
	Strength     Kind = "strength"
	Outcome      Kind = "outcome"
	Solution     Kind = "solution"
	Service      Kind = "service"
	Eligibility  Kind = "eligibility"
	Plan         Kind = "plan"
	Review       Kind = "review"
	Signpost     Kind = "signpost" // signposts and referrals to community services, and their follow-up
	// Safeguarding events (concerns, section 42 decisions, enquiries) are shown only to the roles the council's
	// settings allow to see safeguarding records.
	Safeguarding     Kind = "safeguarding"
	Risk             Kind = "risk"        // risks, positive risk-taking decisions and their reviews
	Capacity         Kind = "capacity"    // mental capacity assessments and best-interests decisions
	Advocacy         Kind = "advocacy"    // advocacy needs, referrals to advocates and IMCAs
	Crisis           Kind = "crisis"      // crisis holding support and its early review
	FamilyConference Kind = "conference"  // family group conferences and the family's plan
	Supervision      Kind = "supervision" // discussed in a practitioner's supervision: the decisions and actions only
)

// Kinds lists every kind in the order a filter offers them.
func Kinds() []Kind {
	return []Kind{Contact, Episode, Step, Conversation, Strength, Outcome, Solution, Signpost, Service, Eligibility, Plan, Review,
		Crisis, Risk, Capacity, Advocacy, FamilyConference, Supervision, Safeguarding}
}

// Label is the kind as a person reads it.
func (k Kind) Label() string {
	switch k {
	case Contact:
		return "Contacts"
	case Episode:
		return "Episodes opened and ended"
	case Step:
		return "Steps"
	case Conversation:
		return "Conversations"
	case Strength:
		return "Strengths and network"
	case Outcome:
		return "Aspirations and outcomes"
	case Solution:
		return "Solutions"
	case Signpost:
		return "Signposts and referrals"
	case Service:
		return "Services"
	case Eligibility:
		return "Eligibility determinations"
	case Plan:
		return "Support plans"
	case Review:
		return "Reviews"
	case Crisis:
		return "Crisis and holding support"
	case Risk:
		return "Risks and risk-taking decisions"
	case Capacity:
		return "Mental capacity and best interests"
	case Advocacy:
		return "Advocacy"
	case FamilyConference:
		return "Family group conferences"
	case Supervision:
		return "Discussed in supervision"
	case Safeguarding:
		return "Safeguarding"
	}
	return string(k)
}

// Noun is what one event of the kind is, as the timeline labels it.
func (k Kind) Noun() string {
	switch k {
	case Contact:
		return "Contact"
	case Episode:
		return "Episode of work"
	case Step:
		return "Step"
	case Conversation:
		return "Conversation"
	case Strength:
		return "Strengths and network"
	case Outcome:
		return "Aspiration or outcome"
	case Solution:
		return "Solution"
	case Signpost:
		return "Signpost or referral"
	case Service:
		return "Service"
	case Eligibility:
		return "Eligibility"
	case Plan:
		return "Support plan"
	case Review:
		return "Review"
	case Crisis:
		return "Crisis"
	case Risk:
		return "Risk"
	case Capacity:
		return "Mental capacity"
	case Advocacy:
		return "Advocacy"
	case FamilyConference:
		return "Family group conference"
	case Supervision:
		return "Supervision"
	case Safeguarding:
		return "Safeguarding"
	}
	return string(k)
}

// Event is one entry in a person's chronology.
type Event struct {
	ID         string
	PersonID   string
	EpisodeID  string     // the episode it belongs to, if any
	OccurredOn sqldb.Date // the day it happened, which may be before it was recorded
	At         time.Time  // when it was recorded
	Kind       Kind
	Summary    string // one line, in plain words, never more detail than the record itself holds
	RefID      string // the record the event is about (a contact, an outcome, a review ...)
	StaffID    string
	StaffName  string // read back with List
}

// Record adds an event to a person's chronology inside tx, the transaction that makes the change it describes.
// An empty OccurredOn means today.
func Record(ctx context.Context, tx *sqldb.Tx, e Event) error {
	if e.PersonID == "" || e.Kind == "" || strings.TrimSpace(e.Summary) == "" {
		return errors.New("chronology: an event needs a person, a kind and a summary")
	}
	council := tx.Council()
	if council == "" {
		return errors.New("chronology: no council in the transaction")
	}
	if e.OccurredOn.IsZero() {
		e.OccurredOn = tx.Today()
	}
	if id := councils.StaffID(ctx); id != "" {
		e.StaffID = id
	}
	var episode any
	if e.EpisodeID != "" {
		episode = e.EpisodeID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO person_event (council_id, id, person_id, episode_id, occurred_on, at, kind, summary, ref_id, staff_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		council, sqldb.NewID(), e.PersonID, episode, e.OccurredOn, tx.Now(), string(e.Kind), strings.TrimSpace(e.Summary), e.RefID, e.StaffID)
	if err != nil {
		return fmt.Errorf("chronology: add %s event: %w", e.Kind, sqldb.Normalise(err))
	}
	return nil
}

// Store reads chronologies.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// List returns a person's chronology, newest first, only the kinds asked for (every kind when none are), and logs
// the view. The person's access rule applies as on their own page, and safeguarding events are left out for staff
// whose role is not one of the council's SafeguardingRoles.
func (s *Store) List(ctx context.Context, personID string, kinds []Kind) (people.Person, []Event, error) {
	var p people.Person
	var out []Event
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if p, err = people.Open(ctx, tx, personID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		q := `SELECT e.id, e.person_id, COALESCE(e.episode_id, ''), e.occurred_on, e.at, e.kind, e.summary, e.ref_id, e.staff_id, COALESCE(s.name, '')
			FROM person_event e LEFT JOIN staff s ON s.council_id = e.council_id AND s.id = e.staff_id
			WHERE e.council_id = $1 AND e.person_id = $2`
		args := []any{tx.Council(), personID}
		if see, err := seesSafeguarding(ctx, tx); err != nil {
			return err
		} else if !see {
			args = append(args, string(Safeguarding))
			q += fmt.Sprintf(` AND e.kind <> $%d`, len(args))
		}
		if len(kinds) > 0 {
			names := make([]string, len(kinds))
			for i, k := range kinds {
				names[i] = string(k)
			}
			var in string
			in, args = sqldb.In(args, names)
			q += ` AND e.kind IN (` + in + `)`
		}
		rows, err := tx.QueryContext(ctx, q+` ORDER BY e.occurred_on DESC, e.at DESC, e.id DESC`, args...)
		if err != nil {
			return fmt.Errorf("read chronology: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var e Event
			var kind string
			if err := rows.Scan(&e.ID, &e.PersonID, &e.EpisodeID, &e.OccurredOn, &e.At, &kind, &e.Summary, &e.RefID, &e.StaffID, &e.StaffName); err != nil {
				return err
			}
			e.Kind, e.At = Kind(kind), e.At.UTC()
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return people.Person{}, nil, err
	}
	return p, out, nil
}

// KindsFor lists the kinds of event the signed-in member of staff may see, in the order a filter offers them:
// every kind, less safeguarding for staff outside the council's safeguarding roles.
func (s *Store) KindsFor(ctx context.Context) ([]Kind, error) {
	var sees bool
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) (err error) {
		sees, err = seesSafeguarding(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("chronology: kinds: %w", err)
	}
	var out []Kind
	for _, k := range Kinds() {
		if k != Safeguarding || sees {
			out = append(out, k)
		}
	}
	return out, nil
}

// seesSafeguarding reports whether the signed-in member of staff's role is one of the council's SafeguardingRoles.
func seesSafeguarding(ctx context.Context, tx *sqldb.Tx) (bool, error) {
	staff, ok := councils.StaffFrom(ctx)
	if !ok {
		return false, nil
	}
	set, err := councils.SettingsIn(ctx, tx)
	if err != nil {
		return false, err
	}
	return set.SeesSafeguarding(staff.Role), nil
}
