package insight

import (
	"context"
	"database/sql"

	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// peopleAgreeing are the facts of a measure of people's feedback: each answer to the question with key on the
// council's survey for people, given in the period, meeting the measure when it agrees (feedback.Agrees).
func peopleAgreeing(key string) func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
		return feedback.EachAnswer(ctx, tx, feedback.People, key, p.From, p.To, func(rows *sql.Rows) error {
			var f Fact
			var answer string
			if err := scanFact(rows, &f, &f.On, &answer); err != nil {
				return err
			}
			f.In = feedback.Agrees(answer)
			emit(f)
			return nil
		})
	}
}

// staffAgreeing are the facts of a measure of staff feedback: each anonymous answer to the question with key on
// the council's staff survey, counted on its round's opening day under the team of whoever gave it. They carry no
// person.
func staffAgreeing(key string) func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
		return feedback.EachAnswer(ctx, tx, feedback.Staff, key, p.From, p.To, func(rows *sql.Rows) error {
			var f Fact
			var answer string
			if err := rows.Scan(&f.On, &answer, &f.TeamID, &f.PersonID); err != nil {
				return err
			}
			f.In = feedback.Agrees(answer)
			emit(f)
			return nil
		})
	}
}
