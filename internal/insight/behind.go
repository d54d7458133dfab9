package insight

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Behind are the people behind one of a measure's figures: the facts of one group of a cut, each with the person it
// is about, as far as the signed-in member of staff may see those people.
type Behind struct {
	Measure     Measure
	Period      Period // the figure's period: one month of a monthly series
	Cut         Cut
	Key, Label  string // the group, as the cut keys it and as a page names it
	Facts       []PersonFact
	Total       int  // facts listed, on every page
	Page, Pages int  // this page of them, from 1
	Unseen      bool // some facts of the group are about people the member of staff may not see, who are not listed
}

// PersonFact is one fact behind a figure, with the person it is about.
type PersonFact struct {
	PersonID, EpisodeID, Name string
	Born                      sqldb.Date // to tell people of the same name apart
	On                        sqldb.Date
	In                        bool
	// Says is what the fact adds to the figure, as a page shows it (Measure.FactColumn heads it): whether it met a
	// Share, a Median's or Total's value, or a Count's own category.
	Says string
}

// BehindPageSize is how many facts a page of people behind a figure lists.
const BehindPageSize = 50

// FactColumn is what a list of the facts behind m's figures heads the column of what each fact says; "" when a fact
// says nothing more than that it was counted.
func (m Measure) FactColumn() string {
	switch {
	case m.Kind == Share:
		return "Met the measure"
	case m.Kind == Median || m.Kind == Total:
		return strings.ToUpper(m.Unit[:1]) + m.Unit[1:]
	case m.Groups != "":
		return m.Groups
	}
	return ""
}

// says is what f adds to m's figure (FactColumn).
func (m Measure) says(f Fact) string {
	switch {
	case m.Kind == Share && f.In:
		return "Yes"
	case m.Kind == Share:
		return "No"
	case m.Kind == Median || m.Kind == Total:
		return formatValue(f.Value, m.Unit)
	}
	return f.Group
}

// followsToPeople says whether the member of staff may follow m's figures to the people behind them: a role that
// sees people (councils.Role.SeesPeopleBehindMeasures), and for a safeguarding measure one of the council's
// safeguarding roles.
func followsToPeople(ctx context.Context, tx *sqldb.Tx, st councils.Staff, m Measure) (bool, error) {
	if !st.Role.SeesPeopleBehindMeasures() {
		return false, nil
	}
	if !m.Safeguarding {
		return true, nil
	}
	set, err := councils.SettingsIn(ctx, tx)
	if err != nil {
		return false, err
	}
	return set.SeesSafeguarding(st.Role), nil
}

// People lists the people behind one figure of a measure for a period cut by by: the group keyed key (a team's ID,
// a month as 2026-07, a category; "All" or "" for the whole council), one page at a time, sorted by name. Only the
// people the member of staff may see by the access rule of their records are listed (people.Visible), and each one
// listed is a view of their record, written to the access log in the same transaction: a list of the facts a
// measure counts says what each person's record holds, unlike a caseload, which names people without opening
// their records. Finance, and anyone outside the safeguarding roles for a safeguarding measure, may not follow a
// figure to people at all (ErrForbidden); a group the council does not have (another council's team, a month
// outside the period) is ErrNotFound.
func (s *Store) People(ctx context.Context, id string, p Period, by Cut, key string, page int) (Behind, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !st.Role.SeesPeopleBehindMeasures() {
		return Behind{}, sqldb.ErrForbidden
	}
	m, ok := Find(id)
	if !ok {
		return Behind{}, fmt.Errorf("measure %q: %w", id, sqldb.ErrNotFound)
	}
	out := Behind{Measure: m, Period: p, Cut: by, Key: key, Label: key}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if ok, err := followsToPeople(ctx, tx, st, m); err != nil {
			return err
		} else if !ok {
			return sqldb.ErrForbidden
		}
		if err := out.group(ctx, tx, st); err != nil {
			return err
		}
		key, err := out.Cut.keyer(ctx, tx)
		if err != nil {
			return err
		}
		var facts []Fact
		err = m.read(ctx, tx, out.Period, out.Cut, func(f Fact) {
			if out.Period.Holds(f.On) && (out.Cut == Whole || out.Cut == ByMonth || key(f) == out.Key) {
				facts = append(facts, f)
			}
		})
		if err != nil {
			return fmt.Errorf("%s: %w", m.Name, err)
		}
		ids := make([]string, 0, len(facts))
		for _, f := range facts {
			ids = append(ids, f.PersonID)
		}
		slices.Sort(ids)
		seen, err := people.Visible(ctx, tx, slices.Compact(ids))
		if err != nil {
			return err
		}
		type listed struct {
			f Fact
			p people.Person
		}
		var list []listed
		for _, f := range facts {
			if sp, ok := seen[f.PersonID]; ok {
				list = append(list, listed{f, sp.Person})
			} else {
				out.Unseen = true
			}
		}
		slices.SortFunc(list, func(a, b listed) int {
			return cmp.Or(strings.Compare(a.p.FamilyName, b.p.FamilyName), strings.Compare(a.p.GivenName, b.p.GivenName),
				strings.Compare(a.f.PersonID, b.f.PersonID), a.f.On.Compare(b.f.On.Time))
		})
		out.Total, out.Pages = len(list), max(1, (len(list)+BehindPageSize-1)/BehindPageSize)
		out.Page = min(max(page, 1), out.Pages)
		var logged []people.Seen
		for _, l := range list[(out.Page-1)*BehindPageSize : min(out.Page*BehindPageSize, len(list))] {
			out.Facts = append(out.Facts, PersonFact{PersonID: l.f.PersonID, EpisodeID: l.f.EpisodeID, Name: l.p.FamilyName + ", " + l.p.GivenName,
				Born: l.p.DateOfBirth, On: l.f.On, In: l.f.In, Says: m.says(l.f)})
			if !slices.ContainsFunc(logged, func(s people.Seen) bool { return s.Person.ID == l.f.PersonID }) {
				logged = append(logged, seen[l.f.PersonID])
			}
		}
		return people.LogViews(ctx, tx, logged)
	})
	if err != nil {
		return Behind{}, err
	}
	return out, nil
}

// group checks that the group is one the council's figures for the period can have and names it: a team of the
// council, a month of the period (which becomes the period, as a monthly series counts each month on its own), a
// worker of the council (of the manager's own teams, for a team manager).
func (b *Behind) group(ctx context.Context, tx *sqldb.Tx, st councils.Staff) error {
	switch b.Cut {
	case ByWorker:
		staff, err := staffOf(ctx, tx)
		if err != nil {
			return err
		}
		w, ok := staff[b.Key]
		switch {
		case b.Key == NotAllocated:
		case !ok || (st.Role != councils.QualityLead && !slices.ContainsFunc(w.TeamIDs, st.InTeam)):
			return fmt.Errorf("worker %q: %w", b.Key, sqldb.ErrNotFound)
		default:
			b.Label = w.Name
		}
	case Whole:
		if b.Key != "" && b.Key != "All" {
			return fmt.Errorf("group %q of the whole council: %w", b.Key, sqldb.ErrNotFound)
		}
		b.Key, b.Label = "All", "The whole council"
	case ByTeam:
		names, err := councils.TeamNames(ctx, tx)
		if err != nil {
			return err
		}
		if name, ok := names[b.Key]; ok {
			b.Label = name
		} else if b.Key != "No team" {
			return fmt.Errorf("team %q: %w", b.Key, sqldb.ErrNotFound)
		}
	case ByMonth:
		first, err := time.Parse("2006-01", b.Key)
		if err != nil {
			return fmt.Errorf("month %q: %w", b.Key, sqldb.ErrNotFound)
		}
		month := monthIn(sqldb.NewDate(first), b.Period)
		if month.To.Before(month.From.Time) {
			return fmt.Errorf("month %s outside %s: %w", b.Key, b.Period.Name(), sqldb.ErrNotFound)
		}
		b.Period, b.Label = month, first.Format("January 2006")
	}
	return nil
}
