package conferences

import (
	"context"
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps family group conferences. Every method reads the council and the member of staff from the context,
// opens the person's record with people.Open (the access rule and one access-log entry) and, for a change, adds an
// event to the person's chronology, all in one transaction.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Page is an episode's conferences, or one conference, with the episode's outcomes (for adding an item of the
// family's plan to the support plan).
type Page struct {
	Person      people.Person
	Conferences []Conference // newest first
	Outcomes    []outcomes.Outcome
}

// Episode reads an episode's conferences, logging a view of the person.
func (s *Store) Episode(ctx context.Context, personID, episodeID string) (Page, error) {
	return s.page(ctx, personID, episodeID, "", people.Log)
}

// Conference reads one conference of an episode (as the only one in the page), logging a view of the person.
func (s *Store) Conference(ctx context.Context, personID, episodeID, id string) (Page, error) {
	return s.page(ctx, personID, episodeID, id, people.Log)
}

// Glance reads what Episode (id empty) or Conference does without logging, for a form posted back whose change is
// logged.
func (s *Store) Glance(ctx context.Context, personID, episodeID, id string) (Page, error) {
	return s.page(ctx, personID, episodeID, id, people.Peek)
}

func (s *Store) page(ctx context.Context, personID, episodeID, id string, mode people.Mode) (Page, error) {
	var out Page
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, mode, accesslog.View); err != nil {
			return err
		}
		if id == "" {
			out.Conferences, err = read(ctx, tx, `c.episode_id = $2`, episodeID)
		} else {
			var c Conference
			c, err = one(ctx, tx, episodeID, id)
			out.Conferences = []Conference{c}
		}
		if err != nil {
			return err
		}
		out.Outcomes, err = outcomes.ForEpisode(ctx, tx, episodeID)
		return err
	})
	return out, err
}

func one(ctx context.Context, tx *sqldb.Tx, episodeID, id string) (Conference, error) {
	got, err := read(ctx, tx, `c.episode_id = $2 AND c.id = $3`, episodeID, id)
	if err != nil {
		return Conference{}, err
	}
	if len(got) == 0 {
		return Conference{}, fmt.Errorf("find conference: %w", sqldb.ErrNotFound)
	}
	return got[0], nil
}

func read(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Conference, error) {
	args = append([]any{tx.Council()}, args...)
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.person_id, c.episode_id, c.referred_on, c.consent, c.consent_on, c.coordinator,
		c.conference_on, c.held, c.private_time, c.private_time_note, c.review_on, c.reviewed_on, c.review_note, c.created_at, c.version
		FROM family_conference c WHERE c.council_id = $1 AND `+where+` ORDER BY c.referred_on DESC, c.created_at DESC, c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read conferences: %w", err)
	}
	var out []Conference
	index := map[string]int{}
	for rows.Next() {
		var c Conference
		if err := rows.Scan(&c.ID, &c.PersonID, &c.EpisodeID, &c.ReferredOn, &c.Consent, &c.ConsentOn, &c.Coordinator, &c.ConferenceOn,
			&c.Held, &c.PrivateTime, &c.PrivateTimeNote, &c.ReviewOn, &c.ReviewedOn, &c.ReviewNote, &c.CreatedAt, &c.Version); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read conference: %w", err)
		}
		c.CreatedAt = c.CreatedAt.UTC()
		index[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	sub := `(SELECT c.id FROM family_conference c WHERE c.council_id = $1 AND ` + where + `)`
	inv, err := tx.QueryContext(ctx, `SELECT conference_id, name, relationship FROM family_conference_invitee
		WHERE council_id = $1 AND conference_id IN `+sub+` ORDER BY conference_id, position`, args...)
	if err != nil {
		return nil, fmt.Errorf("read invitees: %w", err)
	}
	for inv.Next() {
		var id string
		var v Invitee
		if err := inv.Scan(&id, &v.Name, &v.Relationship); err != nil {
			inv.Close()
			return nil, err
		}
		if i, ok := index[id]; ok {
			out[i].Invitees = append(out[i].Invitees, v)
		}
	}
	inv.Close()
	if err := inv.Err(); err != nil {
		return nil, err
	}
	items, err := tx.QueryContext(ctx, `SELECT conference_id, id, what, who, by_when, solution_id, review_result, review_note
		FROM family_plan_item WHERE council_id = $1 AND conference_id IN `+sub+` ORDER BY conference_id, position`, args...)
	if err != nil {
		return nil, fmt.Errorf("read the family's plan: %w", err)
	}
	defer items.Close()
	for items.Next() {
		var id, result string
		var it Item
		if err := items.Scan(&id, &it.ID, &it.What, &it.Who, &it.ByWhen, &it.SolutionID, &result, &it.ResultNote); err != nil {
			return nil, err
		}
		it.Result = ItemResult(result)
		if i, ok := index[id]; ok {
			out[i].Items = append(out[i].Items, it)
		}
	}
	return out, items.Err()
}

// Refer records a referral for a family group conference, with the person's consent, the independent coordinator
// and the people invited. Without consent there is no referral.
func (s *Store) Refer(ctx context.Context, personID, episodeID string, r Referral) (Conference, error) {
	r.Normalise()
	if ps := r.Validate(s.db.Today().Time); len(ps) > 0 {
		return Conference{}, ps
	}
	c := Conference{PersonID: personID, EpisodeID: episodeID, ReferredOn: r.ReferredOn, Consent: true, ConsentOn: r.ConsentOn,
		Coordinator: r.Coordinator, Invitees: r.Invitees, ConferenceOn: r.ConferenceOn, Version: 1}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		c.ID, c.CreatedAt = sqldb.NewID(), tx.Now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO family_conference (council_id, id, person_id, episode_id, referred_on, consent, consent_on,
			coordinator, conference_on, created_at, created_by, updated_at, updated_by, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $11, 1)`,
			tx.Council(), c.ID, personID, episodeID, c.ReferredOn, true, c.ConsentOn, c.Coordinator, c.ConferenceOn, c.CreatedAt, councils.StaffID(ctx)); err != nil {
			return fmt.Errorf("refer for a family group conference: %w", sqldb.Normalise(err))
		}
		for i, v := range c.Invitees {
			if _, err := tx.ExecContext(ctx, `INSERT INTO family_conference_invitee (council_id, conference_id, position, name, relationship)
				VALUES ($1, $2, $3, $4, $5)`, tx.Council(), c.ID, i+1, v.Name, v.Relationship); err != nil {
				return fmt.Errorf("invite: %w", sqldb.Normalise(err))
			}
		}
		summary := fmt.Sprintf("Referred for a family group conference, with their consent; coordinator %s; %d invited", c.Coordinator, len(c.Invitees))
		if !c.ConferenceOn.IsZero() {
			summary += "; conference planned for " + c.ConferenceOn.Format("2 January 2006")
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.FamilyConference,
			OccurredOn: c.ReferredOn, RefID: c.ID, Summary: summary})
	})
	if err != nil {
		return Conference{}, err
	}
	return c, nil
}

// RecordHeld records the conference as held: the day, the family's private time and their own plan in their words.
// version is the conference's when the form was opened; a stale record is sqldb.ErrConflict and changes nothing.
func (s *Store) RecordHeld(ctx context.Context, personID, episodeID, id string, m Meeting, version int) error {
	m.Normalise()
	today := s.db.Today().Time
	if ps := m.Validate(sqldb.Date{}, today); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		c, err := one(ctx, tx, episodeID, id)
		if err != nil {
			return err
		}
		if c.Held {
			return validation.Problems{{Field: "version", Message: "This conference has already been recorded as held"}}
		}
		if ps := m.Validate(c.ReferredOn, today); len(ps) > 0 {
			return ps
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE family_conference SET conference_on = $1, held = $2, private_time = $3,
			private_time_note = $4, review_on = $5, updated_at = $6, updated_by = $7, version = version + 1
			WHERE council_id = $8 AND id = $9 AND version = $10`,
			m.HeldOn, true, true, m.PrivateTimeNote, m.ReviewOn, tx.Now(), councils.StaffID(ctx), tx.Council(), id, version)); err != nil {
			return fmt.Errorf("record conference held: %w", err)
		}
		for i, it := range m.Items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO family_plan_item (council_id, id, conference_id, position, what, who, by_when)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, tx.Council(), sqldb.NewID(), id, i+1, it.What, it.Who, it.ByWhen); err != nil {
				return fmt.Errorf("add to the family's plan: %w", sqldb.Normalise(err))
			}
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.FamilyConference,
			OccurredOn: m.HeldOn, RefID: id, Summary: fmt.Sprintf("Family group conference held, with the family’s private time; their plan has %d %s; review by %s",
				len(m.Items), plural(len(m.Items), "item", "items"), m.ReviewOn.Format("2 January 2006"))})
	})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// RecordReview records the review of the family's plan: how it went and whether each item was kept to or changed.
// version is the conference's when the form was opened; a stale review is sqldb.ErrConflict and changes nothing.
func (s *Store) RecordReview(ctx context.Context, personID, episodeID, id string, r Review, version int) error {
	r.Note = strings.TrimSpace(r.Note)
	today := s.db.Today().Time
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		c, err := one(ctx, tx, episodeID, id)
		if err != nil {
			return err
		}
		if !c.Held {
			return validation.Problems{{Field: "version", Message: "Record the conference as held before reviewing the family’s plan"}}
		}
		if ps := r.Validate(c, today); len(ps) > 0 {
			return ps
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE family_conference SET reviewed_on = $1, review_note = $2, updated_at = $3,
			updated_by = $4, version = version + 1 WHERE council_id = $5 AND id = $6 AND version = $7`,
			r.On, r.Note, tx.Now(), councils.StaffID(ctx), tx.Council(), id, version)); err != nil {
			return fmt.Errorf("review the family's plan: %w", err)
		}
		kept := 0
		for _, it := range c.Items {
			if r.Results[it.ID] == Kept {
				kept++
			}
			if _, err := tx.ExecContext(ctx, `UPDATE family_plan_item SET review_result = $1, review_note = $2
				WHERE council_id = $3 AND id = $4 AND conference_id = $5`,
				string(r.Results[it.ID]), strings.TrimSpace(r.Notes[it.ID]), tx.Council(), it.ID, id); err != nil {
				return fmt.Errorf("review an item of the family's plan: %w", err)
			}
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.FamilyConference,
			OccurredOn: r.On, RefID: id, Summary: fmt.Sprintf("Family’s plan reviewed: %d of %d items kept to. %s", kept, len(c.Items), clip(r.Note))})
	})
}

// AddToSupportPlan puts an item of the family's plan on the ladder as a network solution serving the episode's
// outcomes, and links the item to it. An item already on the ladder is refused with validation.Problems.
func (s *Store) AddToSupportPlan(ctx context.Context, personID, episodeID, id, itemID string, outcomeIDs []string) (plans.Solution, error) {
	var sol plans.Solution
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		c, err := one(ctx, tx, episodeID, id)
		if err != nil {
			return err
		}
		it, ok := c.Item(itemID)
		if !ok {
			return fmt.Errorf("find item of the family's plan: %w", sqldb.ErrNotFound)
		}
		if it.SolutionID != "" {
			return validation.Problems{{Field: "outcome_ids", Message: "This item is already a solution in the support plan"}}
		}
		who := it.Who
		if it.ByWhen != "" {
			who += ", " + it.ByWhen
		}
		if sol, err = plans.AddFamilyPlanSolution(ctx, tx, plans.Solution{PersonID: personID, EpisodeID: episodeID, Description: it.What,
			WhoWhen: who, OutcomeIDs: outcomeIDs, FamilyPlanItemID: it.ID}); err != nil {
			return err
		}
		// Only an item not yet linked: of two people adding it at once, the second changes nothing and is told.
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE family_plan_item SET solution_id = $1 WHERE council_id = $2 AND id = $3 AND solution_id = ''`,
			sol.ID, tx.Council(), it.ID)); err != nil {
			return fmt.Errorf("link the item to its solution: %w", err)
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.FamilyConference,
			RefID: id, Summary: "From the family’s plan into the support plan: " + clip(it.What)})
	})
	return sol, err
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}
