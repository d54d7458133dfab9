package directory

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// An import keeps what it has read in a table of its own transaction, not in memory: for every good record, its
// table, id and place (file and CSV row or JSON pointer); for a JSON record, the record itself too, merged from every
// copy of it, since a JSON document is read only once. Reference checks then ask it, a batch at a time, with the
// directory's own tables. So memory does not grow with the file.
//
// On SQLite it is a temporary table, which belongs to the connection the transaction holds. On PostgreSQL it is an
// unlogged table named for the import and made inside its transaction: a temporary table there lives in the
// connection's own buffers (temp_buffers, 8 MB unless set before the connection first uses one), which a big feed's
// ids outgrow, and the import then took ten times as long. Made in the transaction, the table is never seen by
// anything else, and it goes with the transaction: dropScratch drops it before a commit, and a rollback undoes it.
const scratchTable = "directory_import_scratch"

// seenBatch is how many records an import reads before it checks their ids against the scratch table and adds
// them to it.
const seenBatch = 1000

// inChunk is how many values an import puts in one IN list.
const inChunk = 500

// entry is a record read, until it is in the scratch table; or one read back from it.
type entry struct {
	table, id string
	seq       int
	place     Fault
	csv       bool
	rec       Record // a JSON record; nil for a CSV row, which is read again from its file
}

func (b *batch) sqlite() bool { return b.tx.Dialect().Engine() == sqldb.SQLite }

// createScratch makes the scratch table.
func (b *batch) createScratch() error {
	cols := ` (tbl TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,
		ptr TEXT NOT NULL, rec TEXT, PRIMARY KEY (tbl, id))`
	var stmts []string
	if b.sqlite() {
		b.scratch = "temp." + scratchTable
		stmts = []string{`DROP TABLE IF EXISTS ` + b.scratch, `CREATE TEMP TABLE ` + scratchTable + cols,
			`CREATE INDEX temp.` + scratchTable + `_seq ON ` + scratchTable + ` (tbl, seq)`}
	} else {
		var suffix [8]byte
		if _, err := rand.Read(suffix[:]); err != nil {
			return fmt.Errorf("name the import's scratch table: %w", err)
		}
		b.scratch = scratchTable + "_" + hex.EncodeToString(suffix[:])
		stmts = []string{`CREATE UNLOGGED TABLE ` + b.scratch + cols,
			`CREATE INDEX ` + b.scratch + `_seq ON ` + b.scratch + ` (tbl, seq)`}
	}
	for _, q := range stmts {
		if _, err := b.tx.ExecContext(b.ctx, q); err != nil {
			return fmt.Errorf("make the import's scratch table: %w", err)
		}
	}
	return nil
}

// analyzeScratch brings the scratch table's statistics up to date once it holds everything the first reading kept,
// for the plans of the reference checks.
func (b *batch) analyzeScratch() error {
	if _, err := b.tx.ExecContext(b.ctx, `ANALYZE `+b.scratch); err != nil {
		return fmt.Errorf("analyze the import's scratch table: %w", err)
	}
	return nil
}

func (b *batch) dropScratch() error {
	if _, err := b.tx.ExecContext(b.ctx, `DROP TABLE IF EXISTS `+b.scratch); err != nil {
		return fmt.Errorf("drop the import's scratch table: %w", err)
	}
	return nil
}

// marks are n parameters from number first: numbered on PostgreSQL, in order (?) on SQLite, which looks numbered
// ones up by name one at a time.
func (b *batch) marks(first, n int) string {
	m := make([]string, n)
	for i := range m {
		if b.sqlite() {
			m[i] = "?"
		} else {
			m[i] = "$" + strconv.Itoa(first+i)
		}
	}
	return strings.Join(m, ", ")
}

// flushSeen checks the records read since the last flush against those in the scratch table (one query for each
// table and chunk of ids), reports or merges the copies found there, and adds the rest.
func (b *batch) flushSeen() error {
	if len(b.order) == 0 || b.tx == nil {
		return nil
	}
	byTable := map[string][]string{}
	for _, e := range b.order {
		byTable[e.table] = append(byTable[e.table], e.id)
	}
	prev := map[string]*entry{}
	for _, t := range Layout {
		ids := byTable[t.Name]
		for len(ids) > 0 {
			n := min(inChunk, len(ids))
			if err := b.readScratch(t.Name, ids[:n], prev); err != nil {
				return err
			}
			ids = ids[n:]
		}
	}
	var add []*entry
	for _, e := range b.order {
		p, ok := prev[e.table+"/"+e.id]
		if !ok {
			add = append(add, e)
			continue
		}
		if b.meet(p, e) {
			rec, err := json.Marshal(p.rec)
			if err != nil {
				return err
			}
			if _, err := b.tx.ExecContext(b.ctx, `UPDATE `+b.scratch+` SET rec = $1 WHERE tbl = $2 AND id = $3`, string(rec), p.table, p.id); err != nil {
				return fmt.Errorf("keep %s %s for the import: %w", p.table, p.id, err)
			}
		}
	}
	for len(add) > 0 {
		n := min(inChunk, len(add))
		args := make([]any, 0, n*7)
		var sb strings.Builder
		sb.WriteString(`INSERT INTO ` + b.scratch + ` (tbl, id, seq, file, line, ptr, rec) VALUES `)
		for i, e := range add[:n] {
			var rec any
			if e.rec != nil {
				j, err := json.Marshal(e.rec)
				if err != nil {
					return err
				}
				rec = string(j)
			}
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(" + b.marks(len(args)+1, 7) + ")")
			args = append(args, e.table, e.id, e.seq, e.place.File, e.place.Row, e.place.Pointer, rec)
		}
		if _, err := b.tx.ExecContext(b.ctx, sb.String(), args...); err != nil {
			return fmt.Errorf("keep %d records for the import: %w", n, err)
		}
		b.kept += n
		add = add[n:]
	}
	// The driver prepares each query once, and after five runs PostgreSQL may keep a generic plan made while the
	// table was nearly empty, a scan of the whole table, so that each look-up took longer as the table grew (66 s
	// instead of 8 for 20,000 services). Fresh statistics each time the table doubles make it plan them again.
	if !b.sqlite() && b.kept >= 2*max(b.analyzed, seenBatch/2) {
		if err := b.analyzeScratch(); err != nil {
			return err
		}
		b.analyzed = b.kept
	}
	clear(b.seen)
	b.order = b.order[:0]
	return nil
}

// readScratch reads the entries of a table with the ids given into into, keyed by table and id.
func (b *batch) readScratch(table string, ids []string, into map[string]*entry) error {
	where, args := inList("id", 2, ids)
	rows, err := b.tx.QueryContext(b.ctx, `SELECT id, seq, file, line, ptr, rec FROM `+b.scratch+` WHERE tbl = $1 AND `+where,
		append([]any{table}, args...)...)
	if err != nil {
		return fmt.Errorf("read the import's %s ids: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		e := &entry{table: table}
		var rec sql.NullString
		if err := rows.Scan(&e.id, &e.seq, &e.place.File, &e.place.Row, &e.place.Pointer, &rec); err != nil {
			return fmt.Errorf("read the import's %s ids: %w", table, err)
		}
		e.csv = !rec.Valid
		if rec.Valid {
			if err := json.Unmarshal([]byte(rec.String), &e.rec); err != nil {
				return fmt.Errorf("read the import's %s %s: %w", table, e.id, err)
			}
		}
		into[table+"/"+e.id] = e
	}
	return rows.Err()
}

// meet deals with a record read with the id of one read before: the same record may appear in several JSON
// documents (a service in service_full.json and in service_list.json), and the copies are merged into prev if they
// agree, and reported if they differ. The same id twice in CSV tables, or in a CSV table and a JSON document, is
// always a mistake. It reports whether prev changed.
func (b *batch) meet(prev, cur *entry) bool {
	dup := func(field, reason string) {
		b.problem(cur.place, field, reason)
		if cur.csv {
			b.skip[cur.place] = true
		}
	}
	switch {
	case cur.csv && prev.csv && prev.place.File == cur.place.File:
		dup("id", fmt.Sprintf("duplicate id %s: it is also on row %d", cur.id, prev.place.Row))
	case cur.csv || prev.csv:
		dup("id", fmt.Sprintf("duplicate id %s: it is also in %s", cur.id, prev.place.Place()))
	default:
		fields := make([]string, 0, len(cur.rec))
		for k := range cur.rec {
			fields = append(fields, k)
		}
		sort.Strings(fields)
		for _, k := range fields {
			if pv, ok := prev.rec[k]; ok && pv != cur.rec[k] {
				dup(k, fmt.Sprintf("duplicate id %s: %s has it with a different %s", cur.id, prev.place.Place(), k))
				return false
			}
		}
		for k, v := range cur.rec {
			prev.rec[k] = v
		}
		return true
	}
	return false
}

// jsonRecords passes each JSON record of a table kept in the scratch table to save, in the order first read, a
// page at a time.
func (b *batch) jsonRecords(t Table, save func(*row) error) error {
	for last := -1; ; {
		rows, err := b.tx.QueryContext(b.ctx, `SELECT seq, file, ptr, rec FROM `+b.scratch+
			` WHERE tbl = $1 AND rec IS NOT NULL AND seq > $2 ORDER BY seq LIMIT `+strconv.Itoa(importBatch), t.Name, last)
		if err != nil {
			return fmt.Errorf("read the import's %s records: %w", t.Name, err)
		}
		var page []*row
		for rows.Next() {
			r := &row{}
			var rec string
			if err := rows.Scan(&last, &r.place.File, &r.place.Pointer, &rec); err != nil {
				rows.Close()
				return fmt.Errorf("read the import's %s records: %w", t.Name, err)
			}
			if err := json.Unmarshal([]byte(rec), &r.rec); err != nil {
				rows.Close()
				return fmt.Errorf("read the import's %s records: %w", t.Name, err)
			}
			page = append(page, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read the import's %s records: %w", t.Name, err)
		}
		for _, r := range page {
			if err := save(r); err != nil {
				return err
			}
		}
		if len(page) < importBatch {
			return nil
		}
	}
}

// softTargets are the tables a soft reference names when it names one in the directory.
var softTargets = map[string]string{"parent_organization_id": "organization", "parent_id": "taxonomy_term", "taxonomy_id": "taxonomy"}

// checkRefs checks that every reference of a batch of records names a record in the import or already in the
// directory: for each reference column, one look in the scratch table and one in the directory for the values not
// found there. A soft reference (a parent organisation, a published taxonomy) may name something outside both: it is
// kept as given, with a note. Problems come in the order of the rows, then of the columns.
func (b *batch) checkRefs(t Table, rows []*row) error {
	type check struct {
		col   Column
		found map[string]bool
	}
	var checks []check
	for _, c := range t.Columns {
		if c.Kind != Ref {
			continue
		}
		target := c.Ref
		if c.Soft {
			if target = softTargets[c.Name]; target == "" {
				continue
			}
		}
		seen := map[string]bool{}
		var ids []string
		for _, r := range rows {
			if v := r.rec[c.Name]; v != "" && !seen[v] {
				seen[v] = true
				ids = append(ids, v)
			}
		}
		found, err := b.known(Layout[tableIndex(target)], ids)
		if err != nil {
			return err
		}
		checks = append(checks, check{c, found})
	}
	for _, r := range rows {
		for _, ch := range checks {
			v := r.rec[ch.col.Name]
			if v == "" || ch.found[v] {
				continue
			}
			if ch.col.Soft {
				b.note(fmt.Sprintf("%s, field %s: %s is not in this import or the directory; kept as given", r.place.Place(), ch.col.Name, v))
				continue
			}
			b.problem(r.place, ch.col.Name, fmt.Sprintf("names %s %s, which is not in this import or the directory", strings.ReplaceAll(ch.col.Ref, "_", " "), v))
		}
	}
	return nil
}

// known returns which of the ids name a record of the table in the import or in this council's directory.
func (b *batch) known(t Table, ids []string) (map[string]bool, error) {
	found := map[string]bool{}
	collect := func(q string, args []any) error {
		rows, err := b.tx.QueryContext(b.ctx, q, args...)
		if err != nil {
			return fmt.Errorf("look for %s records: %w", t.Name, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return fmt.Errorf("look for %s records: %w", t.Name, err)
			}
			found[id] = true
		}
		return rows.Err()
	}
	for len(ids) > 0 {
		n := min(inChunk, len(ids))
		chunk := ids[:n]
		ids = ids[n:]
		where, args := inList("id", 2, chunk)
		if err := collect(`SELECT id FROM `+b.scratch+` WHERE tbl = $1 AND `+where, append([]any{t.Name}, args...)); err != nil {
			return nil, err
		}
		var rest []string
		for _, id := range chunk {
			if !found[id] {
				rest = append(rest, id)
			}
		}
		if len(rest) == 0 {
			continue
		}
		where, args = inList("id", 2, rest)
		if err := collect(`SELECT id FROM `+t.DB+` WHERE council_id = $1 AND `+where, append([]any{b.tx.Council()}, args...)); err != nil {
			return nil, err
		}
	}
	return found, nil
}
