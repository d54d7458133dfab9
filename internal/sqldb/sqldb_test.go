package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// Tables that are not owned by one council: the council itself, and the look-ups that find a council before
// anyone is signed in to one.
var notTenant = map[string]bool{
	"council":          true,
	"staff_login":      true,
	"api_token":        true,
	"feedback_code":    true,
	"sessions":         true,
	"goose_db_version": true,
	// The ONS Postcode Directory: national open data, the same for every council, read to measure distances.
	"postcode": true,
	// A network of councils' own tables (migration 00050): its network staff and each member council's
	// administrators both read them, so they sit behind neither tenancy's wall; every query names the network or
	// the council of the signed-in tenancy (docs/adr/0016-networks-of-councils.md).
	"network":            true,
	"network_decision":   true,
	"network_invitation": true,
}

// searchIndex is true of the one part of the schema the engines keep differently: the directory's full-text
// index (on SQLite an FTS5 table, its shadow tables and each service's searchable document; on PostgreSQL a table
// of each service's words).
func searchIndex(table string) bool {
	return strings.HasPrefix(table, "directory_service_fts")
}

func TestParseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		engine  sqldb.Engine
		dsn     string
		wantErr string
	}{
		{in: "data/golden.db", engine: sqldb.SQLite, dsn: "data/golden.db"},
		{in: "sqlite:data/golden.db", engine: sqldb.SQLite, dsn: "data/golden.db"},
		{in: "sqlite:///tmp/x.db", engine: sqldb.SQLite, dsn: "/tmp/x.db"},
		{in: "postgres://u@localhost/gt", engine: sqldb.Postgres, dsn: "postgres://u@localhost/gt"},
		{in: "postgresql://u@localhost/gt", engine: sqldb.Postgres, dsn: "postgresql://u@localhost/gt"},
		{in: "", wantErr: "empty"},
		{in: "sqlite:", wantErr: "names no file"},
		{in: "mysql://root:secret@localhost/gt", wantErr: "only sqlite: and postgres://"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, dsn, err := sqldb.ParseURL(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseURL(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "secret") {
					t.Errorf("error shows the password: %v", err)
				}
				return
			}
			if err != nil || e != tt.engine || dsn != tt.dsn {
				t.Errorf("ParseURL(%q) = %q, %q, %v; want %q, %q", tt.in, e, dsn, err, tt.engine, tt.dsn)
			}
		})
	}
}

// TestCouncilLeadsEveryKey keeps the schema ready for a database sharded by council: council_id comes first in
// every primary key, unique key and foreign key of every tenant table.
func TestCouncilLeadsEveryKey(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		keys := keysOf(t, db)
		if len(keys) == 0 {
			t.Fatal("found no keys")
		}
		for _, k := range keys {
			if notTenant[k.table] || searchIndex(k.table) {
				continue
			}
			if len(k.columns) == 0 || k.columns[0] != "council_id" {
				t.Errorf("%s: %s key %s does not start with council_id", k.table, k.kind, strings.Join(k.columns, ", "))
			}
		}
		tables := map[string]bool{}
		for _, k := range keys {
			if k.kind == "primary" {
				tables[k.table] = true
			}
		}
		for table := range columns(t, db) {
			if !tables[table] {
				t.Errorf("%s has no primary key", table)
			}
		}
	})
}

func TestRowLevelSecurityIsASecondWall(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.Postgres)
	ctx := context.Background()
	now := time.Now().UTC()
	for _, c := range []string{"c1", "c2"} {
		cctx := sqldb.WithCouncil(ctx, c)
		err := db.InTx(cctx, func(tx *sqldb.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO council (id, code, name, created_at) VALUES ($1, $2, $3, $4)`, c, "E0600000"+c[1:], "Council "+c, now); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO team (council_id, id, name, created_at) VALUES ($1, $2, $3, $4)`, c, "t-"+c, "Team", now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	count := func(ctx context.Context, where string) int {
		var n int
		err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT count(*) FROM team `+where).Scan(&n)
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(ctx, ""); n != 0 {
		t.Errorf("a connection that has not set its council sees %d teams, want 0", n)
	}
	if n := count(sqldb.WithCouncil(ctx, "c1"), ""); n != 1 {
		t.Errorf("council c1 sees %d teams, want its own 1", n)
	}
	if n := count(sqldb.WithCouncil(ctx, "c1"), `WHERE council_id = 'c2'`); n != 0 {
		t.Errorf("council c1 asking for c2's teams sees %d, want 0", n)
	}
	err := db.InTx(sqldb.WithCouncil(ctx, "c1"), func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO team (council_id, id, name, created_at) VALUES ('c2', 'sneaky', 'Sneaky', $1)`, now)
		return err
	})
	if err == nil {
		t.Error("council c1 wrote a row into council c2")
	}
}

// TestEveryTenantTableHasTheWall checks that row-level security is enabled, forced and has the council policy
// on every tenant table, so that a new table cannot forget the second wall.
func TestEveryTenantTableHasTheWall(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.Postgres)
	ctx := context.Background()
	walled := map[string]bool{}
	err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT c.relname FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace
			JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = 'council_wall'
			WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relrowsecurity AND c.relforcerowsecurity`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				return err
			}
			walled[name] = true
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	for table := range columns(t, db) {
		if !notTenant[table] && !walled[table] {
			t.Errorf("%s is a tenant table without forced row-level security and the council_wall policy", table)
		}
	}
}

func TestAccessLogIsAppendOnly(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := sqldb.WithCouncil(context.Background(), "c1")
		now := time.Now().UTC()
		err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO council (id, code, name, created_at) VALUES ('c1', 'E06000999', 'Test', $1)`, now); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO access_log (council_id, seq, at, actor, person_id, action, channel, route, prev_hash, hash)
				VALUES ('c1', 1, $1, 'test', 'p1', 'view', 'page', '/', '', 'h')`, now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, stmt := range []string{`UPDATE access_log SET action = 'edit'`, `DELETE FROM access_log`} {
			err := db.InTx(ctx, func(tx *sqldb.Tx) error {
				_, err := tx.ExecContext(ctx, stmt)
				return err
			})
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: error = %v, want the append-only refusal", stmt, err)
			}
		}
	})
}

func TestStaleVersionIsAConflict(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := sqldb.WithCouncil(context.Background(), "c1")
		now := time.Now().UTC()
		err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO council (id, code, name, created_at) VALUES ('c1', 'E06000999', 'Test', $1)`, now); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO team (council_id, id, name, created_at) VALUES ('c1', 't1', 'Old', $1)`, now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		rename := func(name string, version int) error {
			return db.InTx(ctx, func(tx *sqldb.Tx) error {
				return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE team SET name = $1, version = version + 1 WHERE council_id = $2 AND id = $3 AND version = $4`, name, "c1", "t1", version))
			})
		}
		if err := rename("First", 1); err != nil {
			t.Fatalf("first edit: %v", err)
		}
		if err := rename("Second", 1); !errors.Is(err, sqldb.ErrConflict) {
			t.Fatalf("stale edit: error = %v, want ErrConflict", err)
		}
		var name string
		if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT name FROM team WHERE council_id = 'c1' AND id = 't1'`).Scan(&name)
		}); err != nil {
			t.Fatal(err)
		}
		if name != "First" {
			t.Errorf("after a refused stale edit the name is %q, want %q", name, "First")
		}
		err = db.InTx(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO team (council_id, id, name, created_at) VALUES ('c1', 't2', 'First', $1)`, now)
			return sqldb.Normalise(err)
		})
		if !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("duplicate team name: error = %v, want ErrConflict", err)
		}
	})
}

func TestDatesAndTimesRoundTrip(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := sqldb.WithCouncil(context.Background(), "c1")
		at := time.Date(2026, 3, 29, 1, 30, 15, 123456000, time.UTC)
		dob, _ := sqldb.ParseDate("1948-02-29")
		err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO council (id, code, name, created_at) VALUES ('c1', 'E06000999', 'Test', $1)`, at); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO person (council_id, id, given_name, family_name, date_of_birth, family_key, given_key, created_at, updated_at)
				VALUES ('c1', 'p1', 'Ada', 'Example', $1, 'example', 'ada', $2, $2)`, dob, at)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var gotAt time.Time
		var gotDOB, noDate sqldb.Date
		err = db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT created_at, date_of_birth, consent_date FROM person WHERE council_id = 'c1' AND date_of_birth = $1`, dob).Scan(&gotAt, &gotDOB, &noDate)
		})
		if err != nil {
			t.Fatal(err)
		}
		if !gotAt.Equal(at) {
			t.Errorf("time = %v, want %v", gotAt, at)
		}
		if gotDOB.String() != "1948-02-29" || !noDate.IsZero() {
			t.Errorf("dates = %q, %q; want 1948-02-29 and none", gotDOB, noDate)
		}
	})
}

func TestTransactionRollsBackOnError(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO council (id, code, name, created_at) VALUES ('c1', 'E06000999', 'Test', $1)`, tx.Now()); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("error = %v, want boom", err)
		}
		var n int
		if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT count(*) FROM council`).Scan(&n)
		}); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d councils after a rolled-back transaction, want 0", n)
		}
	})
}

// columns lists each table's columns, sorted, on either engine.
func columns(t *testing.T, db *sqldb.DB) map[string][]string {
	t.Helper()
	q := `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`
	if db.Engine() == sqldb.Postgres {
		q = `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`
	}
	out := map[string][]string{}
	err := db.ReadTx(context.Background(), func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(context.Background(), q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var table, col string
			if err := rows.Scan(&table, &col); err != nil {
				return err
			}
			if searchIndex(table) {
				continue
			}
			out[table] = append(out[table], col)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, cols := range out {
		sort.Strings(cols)
	}
	return out
}

type key struct {
	table, kind string
	columns     []string
}

// keysOf lists every primary key, unique key (constraint or index) and foreign key, with its columns in order.
func keysOf(t *testing.T, db *sqldb.DB) []key {
	t.Helper()
	ctx := context.Background()
	var q string
	if db.Engine() == sqldb.Postgres {
		q = `SELECT c.relname,
		       CASE WHEN i.indisprimary THEN 'primary' ELSE 'unique' END,
		       a.attname, k.ord, i.indexrelid::text
		FROM pg_index i
		JOIN pg_class c ON c.oid = i.indrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
		CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
		WHERE i.indisunique
		UNION ALL
		SELECT c.relname, 'foreign', a.attname, k.ord, con.oid::text
		FROM pg_constraint con
		JOIN pg_class c ON c.oid = con.conrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
		CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
		WHERE con.contype = 'f'
		ORDER BY 5, 4`
	} else {
		q = `SELECT m.name, CASE WHEN il.origin = 'pk' THEN 'primary' ELSE 'unique' END, ii.name, ii.seqno, m.name || '/' || il.name
		FROM sqlite_master m
		JOIN pragma_index_list(m.name) il
		JOIN pragma_index_info(il.name) ii
		WHERE m.type = 'table' AND il."unique" = 1
		UNION ALL
		SELECT m.name, 'primary', p.name, p.pk, m.name || '/pk'
		FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND p.pk > 0 AND m.name NOT LIKE 'sqlite_%'
		  AND NOT EXISTS (SELECT 1 FROM pragma_index_list(m.name) x WHERE x.origin = 'pk')
		UNION ALL
		SELECT m.name, 'foreign', f."from", f.seq, m.name || '/fk' || f.id
		FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table'
		ORDER BY 5, 4`
	}
	var keys []key
	err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		byID := map[string]int{}
		for rows.Next() {
			var table, kind, col, id string
			var ord int
			if err := rows.Scan(&table, &kind, &col, &ord, &id); err != nil {
				return err
			}
			i, ok := byID[id]
			if !ok {
				i = len(keys)
				byID[id] = i
				keys = append(keys, key{table: table, kind: kind})
			}
			keys[i].columns = append(keys[i].columns, col)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(fmt.Errorf("list keys: %w", err))
	}
	return keys
}

// A page learns today's date from the clock the app puts in its request, the database's: a clock just before
// midnight UTC in summer is already the next day in the UK. With no clock in the context it is the system's.
func TestTodayInTheRequestIsTheDatabasesDay(t *testing.T) {
	lateInJune := time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC)
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return lateInJune }}, func(t *testing.T, db *sqldb.DB) {
		ctx := db.WithClock(context.Background())
		if got, want := sqldb.TodayIn(ctx), sqldb.NewDate(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)); !got.Equal(want.Time) {
			t.Errorf("TodayIn = %v, want %v", got, want)
		}
		if got, want := sqldb.TodayIn(ctx), db.Today(); !got.Equal(want.Time) {
			t.Errorf("TodayIn = %v, the database's Today = %v", got, want)
		}
	})
	if got, want := sqldb.TodayIn(context.Background()), sqldb.UKDate(time.Now()); !got.Equal(want.Time) {
		t.Errorf("TodayIn with no clock = %v, want the system's %v", got, want)
	}
}
