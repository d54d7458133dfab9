package sittings

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// A draft is a conversation page as its author typed it, saved before the conversation is: the page's own fields,
// kept as they were sent, one for each member of staff and episode. It is their work in progress, shown only to
// them: the conversation page comes back with it, and their caseload lists it until the conversation is saved
// (Save removes it in the same transaction).

// Draft is a member of staff's draft of a conversation in an episode.
type Draft struct {
	PersonID, EpisodeID string
	PersonName          string // for the caseload's list
	Form                url.Values
	SavedAt             time.Time
}

// maxDraft is the largest draft kept, in bytes of its encoded form: far more than a conversation's page holds.
const maxDraft = 256 << 10

// SaveDraft keeps form as the signed-in member of staff's draft of a conversation in the person's episode, in place
// of any draft before, and logs it as a change to the person's record (what was typed is about them).
func (s *Store) SaveDraft(ctx context.Context, personID, episodeID string, form url.Values) (Draft, error) {
	encoded := form.Encode()
	if len(encoded) > maxDraft {
		return Draft{}, validation.Problems{{Field: "sections", Message: "This is too long to keep as a draft. Save the conversation, or shorten it"}}
	}
	var d Draft
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		d = Draft{PersonID: personID, EpisodeID: episodeID, Form: form, SavedAt: tx.Now()}
		_, err := tx.ExecContext(ctx, `INSERT INTO conversation_draft (council_id, staff_id, person_id, episode_id, form, saved_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (council_id, staff_id, episode_id) DO UPDATE SET person_id = excluded.person_id, form = excluded.form,
				saved_at = excluded.saved_at`,
			tx.Council(), councils.StaffID(ctx), personID, episodeID, encoded, tx.Now())
		if err != nil {
			return fmt.Errorf("save a draft conversation: %w", sqldb.Normalise(err))
		}
		return nil
	})
	if err != nil {
		return Draft{}, err
	}
	return d, nil
}

// OwnDraft reads the signed-in member of staff's draft of a conversation in the episode, if they have one, after
// the access rule (the page around it logs the view).
func (s *Store) OwnDraft(ctx context.Context, personID, episodeID string) (Draft, bool, error) {
	var d Draft
	found := false
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Peek, accesslog.View); err != nil {
			return err
		}
		var encoded string
		err := tx.QueryRowContext(ctx, `SELECT form, saved_at FROM conversation_draft
			WHERE council_id = $1 AND staff_id = $2 AND person_id = $3 AND episode_id = $4`,
			tx.Council(), councils.StaffID(ctx), personID, episodeID).Scan(&encoded, &d.SavedAt)
		if errors.Is(sqldb.Normalise(err), sqldb.ErrNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read a draft conversation: %w", err)
		}
		if d.Form, err = url.ParseQuery(encoded); err != nil {
			return fmt.Errorf("read a draft conversation: %w", err)
		}
		d.PersonID, d.EpisodeID, found = personID, episodeID, true
		return nil
	})
	if err != nil {
		return Draft{}, false, err
	}
	return d, found, nil
}

// OwnDrafts lists the signed-in member of staff's drafts, newest first, with each person's name, for their
// caseload. The drafts are theirs alone; the form itself is not read.
func (s *Store) OwnDrafts(ctx context.Context) ([]Draft, error) {
	var out []Draft
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT d.person_id, d.episode_id, d.saved_at, p.given_name, p.family_name
			FROM conversation_draft d JOIN person p ON p.council_id = d.council_id AND p.id = d.person_id
			WHERE d.council_id = $1 AND d.staff_id = $2 ORDER BY d.saved_at DESC, d.episode_id`, tx.Council(), councils.StaffID(ctx))
		if err != nil {
			return fmt.Errorf("list draft conversations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var d Draft
			var given, family string
			if err := rows.Scan(&d.PersonID, &d.EpisodeID, &d.SavedAt, &given, &family); err != nil {
				return err
			}
			d.PersonName = people.Person{GivenName: given, FamilyName: family}.FullName()
			out = append(out, d)
		}
		return rows.Err()
	})
	return out, err
}

// dropDraft removes the signed-in member of staff's draft of a conversation in the episode, once it is saved.
func dropDraft(ctx context.Context, tx *sqldb.Tx, episodeID string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM conversation_draft WHERE council_id = $1 AND staff_id = $2 AND episode_id = $3`,
		tx.Council(), councils.StaffID(ctx), episodeID); err != nil {
		return fmt.Errorf("remove the draft conversation: %w", err)
	}
	return nil
}
