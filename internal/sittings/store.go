package sittings

import (
	"context"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store saves sittings, in the council of the context, under the access rule of the person's record.
type Store struct{ db *sqldb.DB }

// NewStore returns a Store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Setting is what a sitting is recorded beside: the person, the episode, the practice model its conversation is
// recorded under, the person's hopes so far and the episode's outcomes so far.
type Setting struct {
	Person   people.Person
	Episode  conversations.Episode
	Model    practicemodels.Model
	Hopes    []outcomes.Recorded
	Outcomes []outcomes.Outcome
}

// Setting reads what a sitting in an episode is recorded beside, under the model named (the model a form was shown
// under, or none for the council's model now), and logs one view of the person's record unless mode is people.Peek
// (a form shown again, whose first showing was logged).
func (s *Store) Setting(ctx context.Context, personID, episodeID string, named practicemodels.Model, mode people.Mode) (Setting, error) {
	var out Setting
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, mode, accesslog.View); err != nil {
			return err
		}
		if out.Episode, err = conversations.LoadEpisode(ctx, tx, personID, episodeID); err != nil {
			return err
		}
		if out.Model, err = conversations.ModelIn(ctx, tx, named); err != nil {
			return err
		}
		if out.Hopes, err = outcomes.AspirationsOf(ctx, tx, personID); err != nil {
			return err
		}
		out.Outcomes, err = outcomes.ForEpisode(ctx, tx, episodeID)
		return err
	})
	if err != nil {
		return Setting{}, err
	}
	return out, nil
}

// Save records the sitting in the person's episode, in one transaction, with one access-log entry for the change:
// the conversation first, then each entry as its own page would save it (its checks, its step started, its
// chronology event). A new outcome serving a hope of the same sitting is linked to it, and its solutions to it.
// Problems with any part come back together as validation.Problems, named by their entry (EntryField), and
// nothing is saved. The sitting comes back with every record's id; the member of staff's draft of it is removed.
func (s *Store) Save(ctx context.Context, personID, episodeID string, st Sitting) (Sitting, error) {
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		st.Conversation.PersonID, st.Conversation.EpisodeID = personID, episodeID
		ps := st.Check()
		if err := conversations.PrepareConversation(ctx, tx, &st.Conversation); err != nil {
			found, ok := validation.AsProblems(err)
			if !ok {
				return err
			}
			ps = append(found, ps...)
		}
		if len(ps) > 0 {
			return ps
		}
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		if err := st.record(ctx, tx, personID, episodeID); err != nil {
			return err
		}
		return dropDraft(ctx, tx, episodeID)
	})
	if err != nil {
		return Sitting{}, err
	}
	return st, nil
}

// record writes the checked sitting in tx, the person opened for the change.
func (st *Sitting) record(ctx context.Context, tx *sqldb.Tx, personID, episodeID string) error {
	var err error
	if st.Conversation, err = conversations.RecordConversation(ctx, tx, st.Conversation); err != nil {
		return err
	}
	for i := range st.Network {
		if st.Network[i], err = people.RecordNetworkMember(ctx, tx, personID, st.Network[i]); err != nil {
			return named(err, entry(NetworkField, i))
		}
	}
	for i := range st.Strengths {
		st.Strengths[i].PersonID, st.Strengths[i].EpisodeID = personID, episodeID
		if st.Strengths[i], err = strengths.Record(ctx, tx, st.Strengths[i]); err != nil {
			return named(err, entry(StrengthField, i))
		}
	}
	for i := range st.Hopes {
		st.Hopes[i].PersonID, st.Hopes[i].EpisodeID = personID, episodeID
		if st.Hopes[i], err = outcomes.RecordAspiration(ctx, tx, st.Hopes[i]); err != nil {
			return named(err, entry(HopeField, i))
		}
	}
	for i := range st.Outcomes {
		o := &st.Outcomes[i]
		o.PersonID, o.EpisodeID = personID, episodeID
		if o.Hope > 0 {
			o.AspirationID = st.Hopes[o.Hope-1].ID
		}
		if o.Outcome, err = outcomes.RecordOutcome(ctx, tx, o.Outcome); err != nil {
			return named(err, entry(OutcomeField, i))
		}
		for j := range o.Solutions {
			sol := &o.Solutions[j]
			sol.PersonID, sol.EpisodeID, sol.OutcomeIDs = personID, episodeID, []string{o.ID}
			if *sol, err = plans.RecordSolution(ctx, tx, *sol); err != nil {
				return named(err, newSolution(i, j))
			}
		}
	}
	for i := range st.Solutions {
		st.Solutions[i].PersonID, st.Solutions[i].EpisodeID = personID, episodeID
		if st.Solutions[i], err = plans.RecordSolution(ctx, tx, st.Solutions[i]); err != nil {
			return named(err, entry(SolutionField, i))
		}
	}
	return nil
}

// named names the problems in err, if it holds any, by name (an entry's fields); any other error is returned as it
// is.
func named(err error, name func(field string) string) error {
	ps, ok := validation.AsProblems(err)
	if !ok {
		return err
	}
	return within(ps, name)
}
