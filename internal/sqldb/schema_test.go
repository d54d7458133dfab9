package sqldb_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// sameType is every pairing of a PostgreSQL column type with the type SQLite declares for the same column. A
// column whose two types are not paired here is drift.
var sameType = []struct{ postgres, sqlite, why string }{
	{"text", "TEXT", ""},
	{"integer", "INTEGER", ""},
	{"bigint", "BIGINT", ""},
	{"bigint", "INTEGER", "SQLite's INTEGER holds 64 bits, as bigint does"},
	{"boolean", "BOOLEAN", "SQLite keeps 0 or 1"},
	{"double precision", "REAL", "SQLite's REAL is an 8-byte float"},
	{"bytea", "BLOB", ""},
	{"timestamp with time zone", "TIMESTAMP", "a time in UTC, written and read from Go (ADR 0006)"},
	{"date", "TEXT", "SQLite keeps a date as YYYY-MM-DD text; sqldb.Date reads both"},
}

// engineDifferences are the parts of the schema the engines keep differently by design, each with its reason. The
// parity test leaves out exactly these, and fails if one is no longer there to leave out, so the list stays true.
var engineDifferences = []struct {
	engine sqldb.Engine
	what   string // a table, a table.column, "trigger table.name", or "policy name" on every table that has it
	why    string
}{
	{sqldb.Postgres, "policy council_wall", "row-level security, PostgreSQL's second wall between councils, has no SQLite form: there the stores' council_id condition is the wall (TestEveryTenantTableHasTheWall checks every tenant table has the policy)"},
	{sqldb.SQLite, "directory_service_fts", "the directory's full-text index: an FTS5 virtual table on SQLite"},
	{sqldb.SQLite, "directory_service_fts_data", "an FTS5 shadow table SQLite keeps for directory_service_fts"},
	{sqldb.SQLite, "directory_service_fts_idx", "an FTS5 shadow table SQLite keeps for directory_service_fts"},
	{sqldb.SQLite, "directory_service_fts_docsize", "an FTS5 shadow table SQLite keeps for directory_service_fts"},
	{sqldb.SQLite, "directory_service_fts_config", "an FTS5 shadow table SQLite keeps for directory_service_fts"},
	{sqldb.Postgres, "directory_service_fts_word", "the directory's full-text index on PostgreSQL: each service's words, from its tsvector"},
	{sqldb.SQLite, "directory_service_fts_doc", "each service's searchable document, which SQLite's FTS5 table indexes by rowid"},
	{sqldb.SQLite, "trigger directory_service.directory_service_fts_insert", "keeps SQLite's FTS5 index up to date"},
	{sqldb.SQLite, "trigger directory_service.directory_service_fts_update", "keeps SQLite's FTS5 index up to date"},
	{sqldb.SQLite, "trigger directory_service.directory_service_fts_delete", "keeps SQLite's FTS5 index up to date"},
	{sqldb.SQLite, "trigger directory_service.directory_service_fts_doc_update", "keeps SQLite's FTS5 index up to date"},
	{sqldb.Postgres, "trigger directory_service.directory_service_fts_word", "keeps PostgreSQL's table of each service's words up to date"},
	{sqldb.SQLite, "sessions.expiry", "scs's sqlite3store keeps the expiry as a Julian day (REAL); pgxstore as TIMESTAMPTZ"},
	{sqldb.Postgres, "sessions.expiry", "scs's pgxstore keeps the expiry as TIMESTAMPTZ; sqlite3store as a Julian day (REAL)"},
	{sqldb.Postgres, "goose_db_version", "goose's own table, made by goose in each engine's own way"},
	{sqldb.SQLite, "goose_db_version", "goose's own table, made by goose in each engine's own way"},
}

// sameTrigger pairs triggers that are one on PostgreSQL, firing on several events, and several on SQLite, whose
// triggers fire on one event each.
var sameTrigger = map[string]string{ // SQLite name: PostgreSQL name
	"access_log_no_update": "access_log_no_change",
	"access_log_no_delete": "access_log_no_change",
	"review_next_insert":   "review_next",
	"review_next_update":   "review_next",
	"review_next_delete":   "review_next",
	"duty_due_insert":      "duty_due",
	"duty_due_update":      "duty_due",
	"duty_due_delete":      "duty_due",
}

// TestBothEnginesHaveTheSameSchema applies every migration to each engine and compares, table by table, the
// columns (type, nullability, default), the primary, unique and foreign keys, the indexes, and the triggers with
// when they fire.
func TestBothEnginesHaveTheSameSchema(t *testing.T) {
	t.Parallel()
	schemas := map[sqldb.Engine]map[string]*table{}
	for _, e := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		s, err := schemaOf(context.Background(), dbtest.Open(t, e))
		if err != nil {
			t.Fatalf("%s: %v", e, err)
		}
		schemas[e] = s
	}
	if len(schemas[sqldb.SQLite]) == 0 {
		t.Fatal("no tables found on SQLite")
	}
	for _, d := range engineDifferences {
		if !leaveOut(schemas[d.engine], d.what) {
			t.Errorf("%s has no %s to leave out: take it out of engineDifferences", d.engine, d.what)
		}
	}
	lite, pg := schemas[sqldb.SQLite], schemas[sqldb.Postgres]
	for name, lt := range lite {
		if pt, ok := pg[name]; ok {
			liken(lt, pt)
		}
	}
	if diff := cmp.Diff(lite, pg, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("the engines' schemas differ (-sqlite +postgres):\n%s", diff)
	}
}

// table is one table's schema, in a form both engines can be read into and compared.
type table struct {
	Columns  map[string]column
	Primary  []string
	Unique   []string // each unique constraint's columns, joined with commas and sorted
	Foreign  []string // "columns -> table (columns) on delete action", sorted
	Indexes  map[string]index
	Triggers map[string]trigger
	Policies []string // row-level security, PostgreSQL's alone
}

type column struct {
	Type    string
	NotNull bool
	Default string
}

// trigger is when a trigger fires: before, after or instead of which events ("insert", "delete",
// "update of a,b"), sorted.
type trigger struct {
	When   string
	Events []string
}

type index struct {
	Columns string
	Unique  bool
	Where   string
}

// leaveOut removes one of engineDifferences from a schema, and says whether it was there.
func leaveOut(s map[string]*table, what string) bool {
	if name, ok := strings.CutPrefix(what, "policy "); ok {
		found := false
		for _, t := range s {
			found = found || slices.Contains(t.Policies, name)
			t.Policies = slices.DeleteFunc(t.Policies, func(n string) bool { return n == name })
		}
		return found
	}
	if strings.HasPrefix(what, "trigger ") {
		tbl, name, _ := strings.Cut(strings.TrimPrefix(what, "trigger "), ".")
		t, ok := s[tbl]
		if !ok {
			return false
		}
		_, ok = t.Triggers[name]
		delete(t.Triggers, name)
		return ok
	}
	tbl, col, isColumn := strings.Cut(what, ".")
	t, ok := s[tbl]
	if !isColumn {
		delete(s, tbl)
		return ok
	}
	if !ok {
		return false
	}
	_, ok = t.Columns[col]
	delete(t.Columns, col)
	return ok
}

// liken rewrites what SQLite says in PostgreSQL's words wherever the two mean the same: a column type paired in
// sameType, a boolean default of 0 or 1, the triggers sameTrigger pairs, and a primary key column's NOT NULL.
// PostgreSQL makes every key column NOT NULL; SQLite, keeping an old bug for compatibility, lets a key column that
// is not an INTEGER PRIMARY KEY hold null unless it says NOT NULL. The few that do not say so (council.id and keys
// of tables outside the tenancy) are written from Go and never null.
func liken(lite, pg *table) {
	for col, lc := range lite.Columns {
		pc, ok := pg.Columns[col]
		if !ok {
			continue
		}
		for _, st := range sameType {
			if st.sqlite == lc.Type && st.postgres == pc.Type {
				lc.Type = pc.Type
				break
			}
		}
		if slices.Contains(lite.Primary, col) {
			lc.NotNull = true
		}
		if b, ok := map[string]string{"0": "false", "1": "true"}[lc.Default]; ok && pc.Type == "boolean" {
			lc.Default = b
		}
		lite.Columns[col] = lc
	}
	triggers := map[string]trigger{}
	for name, tr := range lite.Triggers {
		if to, ok := sameTrigger[name]; ok {
			name = to
			if other, ok := triggers[name]; ok {
				if other.When != tr.When {
					tr.When = other.When + " and " + tr.When // differs from PostgreSQL's one trigger, as it should
				}
				tr.Events = append(tr.Events, other.Events...)
				sort.Strings(tr.Events)
			}
		}
		triggers[name] = tr
	}
	lite.Triggers = triggers
}

var (
	cast       = regexp.MustCompile(`::(timestamp with time zone|double precision|character varying|[a-z_]+)(\[\])?`)
	anyArray   = regexp.MustCompile(`(\w+) = ANY \(ARRAY\[([^\]]*)\]\)`)
	whitespace = regexp.MustCompile(`\s+`)
	number     = regexp.MustCompile(`^'(-?[0-9.]+)'$`)
)

// normal puts a default, an index's column or an index's predicate into one spelling for both engines:
// PostgreSQL's casts, its = ANY (ARRAY[…]) for IN (…), its quotes round a negative number or a keyword used as a
// name, and its extra brackets go, and case and spacing are made the same.
func normal(expr string) string {
	expr = cast.ReplaceAllString(expr, "")
	expr = anyArray.ReplaceAllString(expr, "$1 IN ($2)")
	expr = number.ReplaceAllString(expr, "$1")
	expr = strings.ReplaceAll(expr, `"`, "")
	expr = strings.NewReplacer("(", " ", ")", " ", ",", " , ").Replace(expr)
	return strings.ToLower(strings.TrimSpace(whitespace.ReplaceAllString(expr, " ")))
}

// schemaOf reads every table's schema.
func schemaOf(ctx context.Context, db *sqldb.DB) (map[string]*table, error) {
	s := map[string]*table{}
	err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if db.Engine() == sqldb.Postgres {
			return readPostgres(ctx, tx, s)
		}
		return readSQLite(ctx, tx, s)
	})
	if err != nil {
		return nil, err
	}
	for _, t := range s {
		sort.Strings(t.Unique)
		sort.Strings(t.Foreign)
	}
	return s, nil
}

// each runs a query and hands each row's columns, as strings, to row.
func each(ctx context.Context, tx *sqldb.Tx, q string, row func(cols []string) error, args ...any) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", q, err)
	}
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return err
	}
	for rows.Next() {
		vals := make([]*string, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		cols := make([]string, len(names))
		for i, v := range vals {
			if v != nil {
				cols[i] = *v
			}
		}
		if err := row(cols); err != nil {
			return err
		}
	}
	return rows.Err()
}

func newTable() *table {
	return &table{Columns: map[string]column{}, Indexes: map[string]index{}, Triggers: map[string]trigger{}}
}

var triggerDef = regexp.MustCompile(`(?is)^CREATE\s+TRIGGER\s+\S+\s+(BEFORE|AFTER|INSTEAD\s+OF)\s+(.+?)\s+ON\s`)

// triggerOf reads when a trigger fires from its definition: SQLite's as written, PostgreSQL's from
// pg_get_triggerdef. Each UPDATE OF's columns are sorted, so the order they were written in does not count.
func triggerOf(def string) (trigger, error) {
	m := triggerDef.FindStringSubmatch(def)
	if m == nil {
		return trigger{}, fmt.Errorf("cannot read the trigger %q", def)
	}
	tr := trigger{When: strings.ToLower(whitespace.ReplaceAllString(m[1], " "))}
	for _, event := range regexp.MustCompile(`(?i)\s+OR\s+`).Split(m[2], -1) {
		event, cols, _ := strings.Cut(strings.ToLower(whitespace.ReplaceAllString(event, " ")), " of ")
		if cols != "" {
			list := strings.Split(strings.ReplaceAll(cols, " ", ""), ",")
			sort.Strings(list)
			event += " of " + strings.Join(list, ",")
		}
		tr.Events = append(tr.Events, event)
	}
	sort.Strings(tr.Events)
	return tr, nil
}

var sqliteWhere = regexp.MustCompile(`(?is)\sWHERE\s(.*)$`)

func readSQLite(ctx context.Context, tx *sqldb.Tx, s map[string]*table) error {
	var names []string
	err := each(ctx, tx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`, func(c []string) error {
		names = append(names, c[0])
		return nil
	})
	if err != nil {
		return err
	}
	for _, name := range names {
		t := newTable()
		s[name] = t
		pk := map[int]string{}
		err := each(ctx, tx, `SELECT name, upper(type), "notnull", COALESCE(dflt_value, ''), pk FROM pragma_table_xinfo($1)`, func(c []string) error {
			t.Columns[c[0]] = column{Type: c[1], NotNull: c[2] == "1", Default: normal(c[3])}
			n, err := strconv.Atoi(c[4])
			if n > 0 {
				pk[n] = c[0]
			}
			return err
		}, name)
		if err != nil {
			return err
		}
		for i := 1; i <= len(pk); i++ {
			t.Primary = append(t.Primary, pk[i])
		}
		err = each(ctx, tx, `SELECT il.name, il."unique", il.origin, COALESCE(m.sql, ''),
				(SELECT group_concat(COALESCE(x.name, '<expression>') || CASE x."desc" WHEN 1 THEN ' DESC' ELSE '' END, ',')
				FROM (SELECT name, "desc" FROM pragma_index_xinfo(il.name) WHERE key = 1 ORDER BY seqno) x)
			FROM pragma_index_list($1) il LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = il.name`, func(c []string) error {
			switch c[2] {
			case "u":
				t.Unique = append(t.Unique, c[4])
			case "c":
				ix := index{Columns: c[4], Unique: c[1] == "1"}
				if m := sqliteWhere.FindStringSubmatch(c[3]); m != nil {
					ix.Where = normal(strings.TrimSuffix(strings.TrimSpace(m[1]), ";"))
				}
				t.Indexes[c[0]] = ix
			}
			return nil
		}, name)
		if err != nil {
			return err
		}
		err = each(ctx, tx, `SELECT group_concat("from", ','), "table", group_concat(COALESCE("to", ''), ','), on_delete
			FROM (SELECT * FROM pragma_foreign_key_list($1) ORDER BY id, seq) GROUP BY id`, func(c []string) error {
			t.Foreign = append(t.Foreign, fmt.Sprintf("%s -> %s (%s) on delete %s", c[0], c[1], c[2], strings.ToLower(c[3])))
			return nil
		}, name)
		if err != nil {
			return err
		}
	}
	return each(ctx, tx, `SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'`, func(c []string) error {
		tr, err := triggerOf(c[2])
		if t, ok := s[c[0]]; ok {
			t.Triggers[c[1]] = tr
		}
		return err
	})
}

// columnsOf is PostgreSQL's list of an array of attribute numbers' column names, in order, joined with commas.
const columnsOf = `(SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(%s) WITH ORDINALITY k(n, o)
	JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.n)`

func readPostgres(ctx context.Context, tx *sqldb.Tx, s map[string]*table) error {
	const inSchema = `JOIN pg_namespace ns ON ns.oid = c.relnamespace AND ns.nspname = current_schema()`
	err := each(ctx, tx, `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
			COALESCE(pg_get_expr(d.adbin, d.adrelid), ''), a.attgenerated::text
		FROM pg_class c `+inSchema+`
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
		WHERE c.relkind IN ('r', 'p')`, func(c []string) error {
		t, ok := s[c[0]]
		if !ok {
			t = newTable()
			s[c[0]] = t
		}
		def := normal(c[4])
		if c[5] != "" {
			def = "generated " + def
		}
		t.Columns[c[1]] = column{Type: c[2], NotNull: c[3] == "true", Default: def}
		return nil
	})
	if err != nil {
		return err
	}
	err = each(ctx, tx, `SELECT c.relname, con.contype::text, `+fmt.Sprintf(columnsOf, "con.conkey", "con.conrelid")+`,
			COALESCE(con.confrelid::regclass::text, ''), COALESCE(`+fmt.Sprintf(columnsOf, "con.confkey", "con.confrelid")+`, ''),
			con.confdeltype::text
		FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid `+inSchema+`
		WHERE con.contype IN ('p', 'u', 'f')`, func(c []string) error {
		t := s[c[0]]
		switch c[1] {
		case "p":
			t.Primary = strings.Split(c[2], ",")
		case "u":
			t.Unique = append(t.Unique, c[2])
		case "f":
			action := map[string]string{"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}[c[5]]
			t.Foreign = append(t.Foreign, fmt.Sprintf("%s -> %s (%s) on delete %s", c[2], c[3], c[4], action))
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = each(ctx, tx, `SELECT c.relname, ic.relname, i.indisunique::text,
			(SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true) || CASE WHEN i.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END, ',' ORDER BY k)
				FROM generate_series(1, i.indnkeyatts) k),
			COALESCE(pg_get_expr(i.indpred, i.indrelid), ''), i.indnatts - i.indnkeyatts
		FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid `+inSchema+`
		JOIN pg_class ic ON ic.oid = i.indexrelid
		WHERE NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u'))`, func(c []string) error {
		ix := index{Columns: strings.ReplaceAll(c[3], `"`, ""), Unique: c[2] == "true", Where: normal(c[4])}
		if c[5] != "0" {
			ix.Columns += " include " + c[5] // SQLite has no INCLUDE: shown so that the comparison fails
		}
		s[c[0]].Indexes[c[1]] = ix
		return nil
	})
	if err != nil {
		return err
	}
	err = each(ctx, tx, `SELECT c.relname, p.polname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid `+inSchema,
		func(c []string) error {
			s[c[0]].Policies = append(s[c[0]].Policies, c[1])
			return nil
		})
	if err != nil {
		return err
	}
	return each(ctx, tx, `SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid `+inSchema+`
		WHERE NOT t.tgisinternal`, func(c []string) error {
		tr, err := triggerOf(c[2])
		s[c[0]].Triggers[c[1]] = tr
		return err
	})
}
