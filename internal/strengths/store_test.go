package strengths_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// fixture is a council A practitioner's person with two people who matter, and a council B practitioner.
type fixture struct {
	db      *sqldb.DB
	store   *strengths.Store
	a, b    peopletest.Council
	worker  context.Context
	other   context.Context
	person  people.Person
	council string
}

func setUp(t *testing.T, db *sqldb.DB) fixture {
	t.Helper()
	a, b := peopletest.TwoCouncils(t, db)
	worker := a.Staff[councils.Practitioner]
	p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) {
		p.Network = []people.NetworkMember{{Name: "Ben Testperson", Relationship: "Son"}, {Name: "Cara Testperson", Relationship: "Daughter"}}
	}))
	return fixture{db: db, store: strengths.NewStore(db), a: a, b: b, worker: peopletest.As(worker),
		other: peopletest.As(b.Staff[councils.Practitioner]), person: p, council: a.Council.ID}
}

// actions is the access log about the person, oldest first.
func (f fixture) actions(t *testing.T) []accesslog.Action {
	t.Helper()
	return peopletest.Logged(t, f.db, f.council, f.person.ID)
}

// gained runs fn and returns the access-log actions it added.
func (f fixture) gained(t *testing.T, fn func()) []accesslog.Action {
	t.Helper()
	before := len(f.actions(t))
	fn()
	return f.actions(t)[before:]
}

// events is the person's chronology of strengths, newest first, read as the command line would.
func (f fixture) events(t *testing.T) []string {
	t.Helper()
	ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), f.council), "test")
	_, es, err := chronology.NewStore(f.db).List(ctx, f.person.ID, []chronology.Kind{chronology.Strength})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Summary)
	}
	return out
}

func TestStrengthsAddChangeRemove(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		var cooking strengths.Strength
		var err error
		if got := f.gained(t, func() {
			cooking, err = f.store.Add(f.worker, strengths.Strength{PersonID: f.person.ID, Kind: strengths.Personal, PersonWords: "  I still cook Sunday lunch  ", Observed: "Kitchen well kept"})
		}); err != nil || !slices.Equal(got, []accesslog.Action{accesslog.Update}) {
			t.Fatalf("add: %v, log gained %v", err, got)
		}
		if _, err := f.store.Add(f.worker, strengths.Strength{PersonID: f.person.ID, Kind: strengths.Resources, PersonWords: "My bus pass"}); err != nil {
			t.Fatal(err)
		}
		var list []strengths.Strength
		if got := f.gained(t, func() { _, list, err = f.store.List(f.worker, f.person.ID) }); err != nil || !slices.Equal(got, []accesslog.Action{accesslog.View}) {
			t.Fatalf("list: %v, log gained %v", err, got)
		}
		want := []strengths.Strength{
			{ID: cooking.ID, PersonID: f.person.ID, Kind: strengths.Personal, PersonWords: "I still cook Sunday lunch", Observed: "Kitchen well kept", Version: 1},
			{ID: list[1].ID, PersonID: f.person.ID, Kind: strengths.Resources, PersonWords: "My bus pass", Version: 1},
		}
		if diff := cmp.Diff(want, list); diff != "" {
			t.Errorf("strengths (-want +got):\n%s", diff)
		}

		// A change from the version read is saved; the same change again is stale and changes nothing.
		changed := list[0]
		changed.PersonWords = "I cook Sunday lunch for my grandchildren"
		if err := f.store.Update(f.worker, changed); err != nil {
			t.Fatal(err)
		}
		stale := list[0]
		stale.PersonWords = "Overwritten"
		if got := f.gained(t, func() { err = f.store.Update(f.worker, stale) }); !errors.Is(err, sqldb.ErrConflict) || len(got) != 0 {
			t.Errorf("stale update: %v, log gained %v; want a conflict and nothing logged", err, got)
		}
		_, saved, err := f.store.Strength(f.worker, f.person.ID, cooking.ID)
		if err != nil || saved.PersonWords != "I cook Sunday lunch for my grandchildren" || saved.Version != 2 {
			t.Errorf("after a stale update: %+v, %v", saved, err)
		}

		// Validation refuses and changes nothing, logging nothing.
		bad := saved
		bad.PersonWords = "  "
		if got := f.gained(t, func() { err = f.store.Update(f.worker, bad) }); len(got) != 0 {
			t.Errorf("refused update logged %v", got)
		}
		if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "person_words" {
			t.Errorf("empty words: %v, want a problem with person_words", err)
		}
		if _, err := f.store.Add(f.worker, strengths.Strength{PersonID: f.person.ID, Kind: "deficit", PersonWords: "x"}); err == nil {
			t.Error("a strength of no known kind was added")
		}

		// Another council sees nothing and changes nothing.
		before := f.actions(t)
		if _, _, err := f.store.List(f.other, f.person.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council listed strengths: %v", err)
		}
		if _, _, err := f.store.Strength(f.other, f.person.ID, cooking.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council read a strength: %v", err)
		}
		hijack := saved
		hijack.PersonWords = "Hijacked"
		if err := f.store.Update(f.other, hijack); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council changed a strength: %v", err)
		}
		if _, err := f.store.Add(f.other, strengths.Strength{PersonID: f.person.ID, Kind: strengths.Personal, PersonWords: "Planted"}); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council added a strength: %v", err)
		}
		if err := f.store.Remove(f.other, f.person.ID, cooking.ID, saved.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council removed a strength: %v", err)
		}
		if after := f.actions(t); len(after) != len(before) {
			t.Errorf("another council's attempts added %v to the log", after[len(before):])
		}
		if _, s, _ := f.store.Strength(f.worker, f.person.ID, cooking.ID); s.PersonWords != saved.PersonWords || s.Version != saved.Version {
			t.Errorf("after another council's attempts: %+v", s)
		}
		// A strength id from someone else's record is not found through this person.
		other := peopletest.MustCreate(t, db, f.a.Staff[councils.Practitioner], peopletest.Person(f.a.North.ID, func(p *people.Person) { p.GivenName, p.NHSNumber = "Bea", "" }))
		if _, _, err := f.store.Strength(f.worker, other.ID, cooking.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a strength read through another person: %v", err)
		}

		// Removing needs the current version.
		if err := f.store.Remove(f.worker, f.person.ID, cooking.ID, 1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale remove: %v, want a conflict", err)
		}
		if got := f.gained(t, func() { err = f.store.Remove(f.worker, f.person.ID, cooking.ID, saved.Version) }); err != nil || !slices.Equal(got, []accesslog.Action{accesslog.Update}) {
			t.Errorf("remove: %v, log gained %v", err, got)
		}
		if _, list, _ = f.store.List(f.worker, f.person.ID); len(list) != 1 {
			t.Errorf("after removing one of two: %d strengths", len(list))
		}
		if diff := cmp.Diff([]string{"Personal strength removed", "Personal strength changed", "Resources strength recorded", "Personal strength recorded"}, f.events(t)); diff != "" {
			t.Errorf("chronology (-want +got):\n%s", diff)
		}
	})
}

func TestStrengthFromAnEpisode(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		episode := sqldb.NewID()
		if err := db.InTx(sqldb.WithCouncil(context.Background(), f.council), func(tx *sqldb.Tx) error {
			_, err := tx.ExecContext(context.Background(), `INSERT INTO episode (council_id, id, person_id, opened_on, created_at, updated_at)
				VALUES ($1, $2, $3, '2026-03-01', $4, $4)`, f.council, episode, f.person.ID, tx.Now())
			return err
		}); err != nil {
			t.Fatal(err)
		}
		s, err := f.store.Add(f.worker, strengths.Strength{PersonID: f.person.ID, EpisodeID: episode, Kind: strengths.Community, PersonWords: "Choir on Thursdays"})
		if err != nil {
			t.Fatal(err)
		}
		if _, got, _ := f.store.Strength(f.worker, f.person.ID, s.ID); got.EpisodeID != episode {
			t.Errorf("episode = %q, want %q", got.EpisodeID, episode)
		}
		_, err = f.store.Add(f.worker, strengths.Strength{PersonID: f.person.ID, EpisodeID: sqldb.NewID(), Kind: strengths.Community, PersonWords: "Choir"})
		if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "episode" {
			t.Errorf("an unknown episode: %v, want a problem", err)
		}
	})
}

func TestConnectionsAndTheEcomap(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		ben, cara := f.person.Network[0], f.person.Network[1]

		// Before anything is described, everyone who matters is on the map.
		m, err := f.store.Ecomap(f.worker, f.person.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Connections) != 2 || m.Connections[0].Described() || m.Connections[0].MemberName != "Ben Testperson" || m.Connections[1].Relationship != "Daughter" {
			t.Fatalf("undescribed map = %+v", m.Connections)
		}

		var toBen strengths.Connection
		if got := f.gained(t, func() {
			toBen, err = f.store.AddConnection(f.worker, strengths.Connection{PersonID: f.person.ID, NetworkMemberID: ben.ID, Name: "ignored",
				Closeness: strengths.VeryClose, Link: strengths.Strong, SupportReceived: "Does the big shop", SupportGiven: "Minds the grandchildren"})
		}); err != nil || !slices.Equal(got, []accesslog.Action{accesslog.Update}) {
			t.Fatalf("add Ben: %v, log gained %v", err, got)
		}
		club, err := f.store.AddConnection(f.worker, strengths.Connection{PersonID: f.person.ID, Name: " Tea  &  Chat <Club> ", Closeness: strengths.Distant, Link: strengths.Tenuous})
		if err != nil {
			t.Fatal(err)
		}
		// Ben is on the map once only; someone from another person's record is refused.
		_, err = f.store.AddConnection(f.worker, strengths.Connection{PersonID: f.person.ID, NetworkMemberID: ben.ID, Closeness: 2, Link: strengths.Stressful})
		if ps, ok := validation.AsProblems(err); !ok || ps[0].Message != "Ben Testperson is already on the map. Change their connection instead" {
			t.Errorf("Ben twice: %v", err)
		}
		stranger := peopletest.MustCreate(t, db, f.a.Staff[councils.Practitioner], peopletest.Person(f.a.North.ID, func(p *people.Person) {
			p.GivenName, p.NHSNumber = "Bea", ""
			p.Network = []people.NetworkMember{{Name: "Dan Otherperson"}}
		}))
		_, err = f.store.AddConnection(f.worker, strengths.Connection{PersonID: f.person.ID, NetworkMemberID: stranger.Network[0].ID, Closeness: 2, Link: strengths.Strong})
		if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "name" {
			t.Errorf("someone from another record: %v", err)
		}

		var got strengths.Map
		if log := f.gained(t, func() { got, err = f.store.Ecomap(f.worker, f.person.ID) }); err != nil || !slices.Equal(log, []accesslog.Action{accesslog.View}) {
			t.Fatalf("ecomap: %v, log gained %v", err, log)
		}
		type row struct {
			Title     string
			Described bool
			Closeness strengths.Closeness
			Link      strengths.Link
		}
		var rows []row
		for _, c := range got.Connections {
			rows = append(rows, row{c.Title(), c.Described(), c.Closeness, c.Link})
		}
		if diff := cmp.Diff([]row{
			{"Ben Testperson", true, strengths.VeryClose, strengths.Strong},
			{"Cara Testperson", false, 0, ""},
			{"Tea & Chat <Club>", true, strengths.Distant, strengths.Tenuous},
		}, rows); diff != "" {
			t.Errorf("ecomap (-want +got):\n%s", diff)
		}
		if c := got.Connections[0]; c.SupportReceived != "Does the big shop" || c.SupportGiven != "Minds the grandchildren" || c.ID != toBen.ID || c.Name != "" {
			t.Errorf("Ben's connection = %+v", c)
		}
		if got.Person.ID != f.person.ID {
			t.Errorf("map of %q", got.Person.ID)
		}

		// Changes need the version read; a stale one changes nothing.
		c := got.Connections[2]
		c.Link, c.Closeness = strengths.Stressful, strengths.Close
		if err := f.store.UpdateConnection(f.worker, c); err != nil {
			t.Fatal(err)
		}
		stale := got.Connections[2]
		stale.Note = "Stale"
		if log := f.gained(t, func() { err = f.store.UpdateConnection(f.worker, stale) }); !errors.Is(err, sqldb.ErrConflict) || len(log) != 0 {
			t.Errorf("stale change: %v, log gained %v", err, log)
		}
		invalid := c
		invalid.Version, invalid.Closeness = 2, 7
		if log := f.gained(t, func() { err = f.store.UpdateConnection(f.worker, invalid) }); len(log) != 0 {
			t.Errorf("invalid change logged %v", log)
		}
		if _, ok := validation.AsProblems(err); !ok {
			t.Errorf("closeness 7: %v, want problems", err)
		}
		// A connection to someone who matters stays pointed at them, whatever the form says.
		benChange := got.Connections[0]
		benChange.NetworkMemberID, benChange.Name = cara.ID, "Someone else"
		if err := f.store.UpdateConnection(f.worker, benChange); err != nil {
			t.Fatal(err)
		}

		// Another council: not found, nothing changed, nothing logged.
		before := f.actions(t)
		if _, err := f.store.Ecomap(f.other, f.person.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council read the ecomap: %v", err)
		}
		if _, err := f.store.AddConnection(f.other, strengths.Connection{PersonID: f.person.ID, Name: "Planted", Closeness: 1, Link: strengths.Strong}); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council added a connection: %v", err)
		}
		hijack := c
		hijack.Version, hijack.Name = 2, "Hijacked"
		if err := f.store.UpdateConnection(f.other, hijack); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council changed a connection: %v", err)
		}
		if err := f.store.RemoveConnection(f.other, f.person.ID, club.ID, 2); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council removed a connection: %v", err)
		}
		if after := f.actions(t); len(after) != len(before) {
			t.Errorf("another council's attempts added %v to the log", after[len(before):])
		}

		got, _ = f.store.Ecomap(f.worker, f.person.ID)
		if c := got.Connections[2]; c.Name != "Tea & Chat <Club>" || c.Link != strengths.Stressful || c.Version != 2 {
			t.Errorf("after the changes the club is %+v", c)
		}
		if c := got.Connections[0]; c.MemberName != "Ben Testperson" || c.Version != 2 || c.Name != "" {
			t.Errorf("Ben's connection moved: %+v", c)
		}

		// Removing Ben's connection leaves Ben on the map, not described; removing Ben removes his connection.
		if err := f.store.RemoveConnection(f.worker, f.person.ID, toBen.ID, 1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale remove: %v", err)
		}
		if log := f.gained(t, func() { err = f.store.RemoveConnection(f.worker, f.person.ID, toBen.ID, 2) }); err != nil || !slices.Equal(log, []accesslog.Action{accesslog.Update}) {
			t.Errorf("remove: %v, log gained %v", err, log)
		}
		got, _ = f.store.Ecomap(f.worker, f.person.ID)
		if len(got.Connections) != 3 || got.Connections[0].Described() {
			t.Errorf("after removing Ben's connection: %+v", got.Connections)
		}
		if diff := cmp.Diff([]string{
			"Network connection removed: Ben Testperson (Strong)",
			"Network connection changed: Ben Testperson (Strong)",
			"Community connection changed: Tea & Chat <Club> (Stressful)",
			"Community connection added: Tea & Chat <Club> (Tenuous)",
			"Network connection added: Ben Testperson (Strong)",
		}, f.events(t)); diff != "" {
			t.Errorf("chronology (-want +got):\n%s", diff)
		}
	})
}
