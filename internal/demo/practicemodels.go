package demo

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// LocalAreaCoordination names, for Options.PracticeModel, local area coordination: not a built-in model, so the
// demo adds it as the council's own (practicemodels.LocalAreaCoordination) and chooses it.
const LocalAreaCoordination = "local-area-coordination"

// UsePracticeModel sets up a demo council's practice models, as its quality lead: model is "" or
// practicemodels.MASOSS for the model every council starts with, to which local area coordination is added as a
// model of the council's own, not chosen, so that the models page shows three; practicemodels.ThreeConversations
// to choose that built-in model; or LocalAreaCoordination to add it and choose it. Call it before the council's
// history is written (AddPeople), so that its conversations are recorded under the model chosen.
func UsePracticeModel(ctx context.Context, db *sqldb.DB, staff []councils.Staff, model string) error {
	_, asLead := qualityLead(ctx, staff)
	s := practicemodels.NewStore(db)
	switch model {
	case "", practicemodels.MASOSS:
		if _, err := s.AddLocalAreaCoordination(asLead); err != nil {
			return fmt.Errorf("demo practice models: %w", err)
		}
	case practicemodels.ThreeConversations:
		if _, err := s.ChooseBuiltin(asLead, model, "The Programme Board agreed to record conversations as Three Conversations across the council"); err != nil {
			return fmt.Errorf("demo practice models: %w", err)
		}
	case LocalAreaCoordination:
		m, err := s.AddLocalAreaCoordination(asLead)
		if err != nil {
			return fmt.Errorf("demo practice models: %w", err)
		}
		if _, err := s.Choose(asLead, m.ID, "Local area coordinators hold the council's first conversations"); err != nil {
			return fmt.Errorf("demo practice models: %w", err)
		}
	default:
		return fmt.Errorf("demo practice models: %q is not masoss, three-conversations or local-area-coordination", model)
	}
	return nil
}

// modelOfHistory reads the council's model, which the history's conversations are recorded under.
func modelOfHistory(ctx context.Context, db *sqldb.DB) (practicemodels.Model, error) {
	var m practicemodels.Model
	err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		m, err = practicemodels.Current(ctx, tx)
		return err
	})
	if err != nil {
		return m, fmt.Errorf("read the demo council's practice model: %w", err)
	}
	return m, nil
}
