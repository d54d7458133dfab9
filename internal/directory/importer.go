package directory

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// File is one file of an Open Referral UK feed: a JSON document in the API's own shapes (a service_full,
// organization_full, service_at_location_full, taxonomy or taxonomy_term, or a list of them in the pagination
// envelope), or a CSV table of the datapackage.json layout, named as the layout names it (services.csv, ...).
type File struct {
	Name string
	Data []byte
	// Open, when Data is nil, opens the file afresh each time it is called. An import reads a CSV file twice, row by
	// row (once to check it, once to save it), and a JSON document once, an item at a time, so a big feed read from
	// disk or an upload spooled by the server does not have to fit in memory.
	Open func() (io.ReadCloser, error)
}

// open reads the file's contents from the start.
func (f File) open() (io.ReadCloser, error) {
	if f.Data == nil && f.Open != nil {
		return f.Open()
	}
	return io.NopCloser(bytes.NewReader(f.Data)), nil
}

// Fault is one thing wrong with a feed being imported: where it is (the file, and the CSV row counting the header as row 1
// or the JSON pointer), the field, and why.
type Fault struct {
	File    string
	Row     int
	Pointer string
	Field   string
	Reason  string
}

// Place is where the fault is, like "services.csv, row 3" or "service_full.json at /contacts/0".
func (p Fault) Place() string {
	switch {
	case p.Row > 0:
		return fmt.Sprintf("%s, row %d", p.File, p.Row)
	case p.Pointer != "":
		return p.File + " at " + p.Pointer
	}
	return p.File
}

func (p Fault) String() string {
	if p.Field == "" {
		return p.Place() + ": " + p.Reason
	}
	return p.Place() + ", field " + p.Field + ": " + p.Reason
}

// Count is what an import did, or would do, to one table.
type Count struct {
	Table                       string
	Created, Updated, Unchanged int
}

// Report is what an import found and did. With any problem it imported nothing.
type Report struct {
	DryRun   bool
	Problems []Fault
	Notes    []string // things ignored or kept as given, which do not stop the import
	Counts   []Count
}

// OK reports whether the import had no problems.
func (r Report) OK() bool { return len(r.Problems) == 0 }

// Totals adds up the counts.
func (r Report) Totals() (created, updated, unchanged int) {
	for _, c := range r.Counts {
		created += c.Created
		updated += c.Updated
		unchanged += c.Unchanged
	}
	return
}

// Summary is the report in a sentence.
func (r Report) Summary() string {
	if !r.OK() {
		return fmt.Sprintf("%d %s found: nothing was imported", len(r.Problems), plural(len(r.Problems), "problem", "problems"))
	}
	c, u, n := r.Totals()
	verb := "Imported"
	if r.DryRun {
		verb = "Checked only, nothing saved. Importing would give"
	}
	return fmt.Sprintf("%s: %d created, %d updated, %d unchanged", verb, c, u, n)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Write prints the report for the command line.
func (r Report) Write(w io.Writer) {
	for _, p := range r.Problems {
		fmt.Fprintln(w, p.String())
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note: "+n)
	}
	if r.OK() {
		for _, c := range r.Counts {
			fmt.Fprintf(w, "%-20s %d created, %d updated, %d unchanged\n", c.Table, c.Created, c.Updated, c.Unchanged)
		}
	}
	fmt.Fprintln(w, r.Summary())
}

// errRollback ends a transaction that must save nothing: an import with problems, or a dry run.
var errRollback = errors.New("roll back")

// Import reads the files, checks every record, and, if nothing is wrong and this is not a dry run, adds or updates
// every record by its id in one transaction. A record the same as the one stored is left alone, so importing the
// same feed again changes nothing. An import never removes anything. Its memory does not grow with the files: CSV
// files are read twice, row by row, JSON documents once, an item at a time, and what is kept between the readings
// (ids, places, and JSON records) is kept in a temporary table of the transaction (see scratchTable).
func (s *Store) Import(ctx context.Context, files []File, dryRun bool) (Report, error) {
	by, err := mayEdit(ctx)
	if err != nil {
		return Report{}, err
	}
	rep := Report{DryRun: dryRun}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		b := newBatch()
		b.ctx, b.tx = ctx, tx
		if err := b.createScratch(); err != nil {
			return err
		}
		// The first reading: every field of every record checked, and the good ones' ids kept.
		for _, f := range files {
			if strings.EqualFold(path.Ext(f.Name), ".csv") {
				if err := b.readCSV(f, nil); err != nil {
					return err
				}
			} else {
				b.readJSON(f)
			}
			if b.err != nil {
				return b.err
			}
		}
		if err := b.flushSeen(); err != nil {
			return err
		}
		if err := b.analyzeScratch(); err != nil {
			return err
		}
		// Then each table in turn: its references are checked and, while nothing at all is wrong, its records saved.
		// The JSON records kept in the scratch table come first, then the CSV files read afresh row by row. With any
		// problem nothing more is saved and the transaction is rolled back.
		for _, t := range Layout {
			c := Count{Table: t.Name}
			// Rows are checked and saved in batches: each reference column checked in one query, the batch's stored
			// records read in one query, the new ones added in one statement, the changed ones updated one by one.
			var pending []*row
			flush := func() error {
				if len(pending) == 0 {
					return nil
				}
				if err := b.checkRefs(t, pending); err != nil {
					return err
				}
				if len(b.problems) > 0 {
					pending = pending[:0]
					return nil
				}
				ids := make([]string, len(pending))
				for i, r := range pending {
					ids[i] = r.rec["id"]
				}
				old, err := loadIn(ctx, tx, t, "id", ids)
				if err != nil {
					return err
				}
				stored := make(map[string]Record, len(old))
				for _, o := range old {
					stored[o.Record["id"]] = o.Record
				}
				var added []Record
				for _, r := range pending {
					o, ok := stored[r.rec["id"]]
					switch {
					case !ok:
						added = append(added, r.rec)
						c.Created++
					case same(o, r.rec):
						c.Unchanged++
					default:
						if err := update(ctx, tx, t, r.rec, anyVersion, by); err != nil {
							return fmt.Errorf("%s: %w", r.place.Place(), err)
						}
						c.Updated++
					}
				}
				pending = pending[:0]
				return insertMany(ctx, tx, t, added, by)
			}
			save := func(r *row) error {
				pending = append(pending, r)
				if len(pending) >= importBatch {
					return flush()
				}
				return nil
			}
			if err := b.jsonRecords(t, save); err != nil {
				return err
			}
			for _, f := range files {
				if strings.EqualFold(path.Ext(f.Name), ".csv") && path.Base(f.Name) == t.File {
					if err := b.rereadCSV(f, t, save); err != nil {
						return err
					}
				}
			}
			if err := flush(); err != nil {
				return err
			}
			if c.Created+c.Updated+c.Unchanged > 0 {
				rep.Counts = append(rep.Counts, c)
			}
		}
		rep.Problems, rep.Notes = b.problems, b.notes
		if len(rep.Problems) > 0 || dryRun {
			return errRollback
		}
		return b.dropScratch()
	})
	if errors.Is(err, errRollback) {
		err = nil
	}
	if len(rep.Problems) > 0 {
		rep.Counts = nil
	}
	if err == nil && rep.OK() && !dryRun {
		err = s.analyze(ctx, rep.Counts)
	}
	return rep, err
}

// importBatch is how many rows of a table an import saves at a time.
const importBatch = 500

// analyzeAfter is how many records an import adds or changes before PostgreSQL's statistics are brought up to date.
const analyzeAfter = 1000

// analyze brings the statistics of the tables a big import changed up to date at once (PostgreSQL's; SQLite's
// too, which it otherwise never has), with the search index when services changed. Until autovacuum gets round to
// it, a directory loaded into empty tables is planned as if still empty, and a search that takes 10 ms then takes
// 100 ms; and on PostgreSQL, until the tables are vacuumed, a search by words reads each matching row of the index
// of words from the table as well (the visibility map is empty). SQLite, once it has statistics, starts a search
// by distance from the places in the box rather than from every service at a place.
func (s *Store) analyze(ctx context.Context, counts []Count) error {
	var tables []string
	for _, c := range counts {
		if c.Created+c.Updated < analyzeAfter {
			continue
		}
		tables = append(tables, table(c.Table).DB)
		if c.Table == "service" {
			tables = append(tables, searchIndex(s.db.Engine()))
		}
	}
	if len(tables) == 0 {
		return nil
	}
	if err := s.db.Analyze(ctx, tables...); err != nil {
		return fmt.Errorf("analyze the directory: %w", err)
	}
	return nil
}

// searchIndex is the table of the search index (migration 00021) whose statistics matter to a search.
func searchIndex(e sqldb.Engine) string {
	if e == sqldb.Postgres {
		return "directory_service_fts_word"
	}
	return "directory_service_fts_doc"
}

// row is one record read from a file, with where it came from.
type row struct {
	rec   Record
	place Fault
}

// batch is an import's reading of its files: the problems and notes, and the records read since they were last
// added to the scratch table (with no transaction, as when a file is read again, only the problems).
type batch struct {
	ctx     context.Context
	tx      *sqldb.Tx
	scratch string // the scratch table's name
	// kept is how many records are in the scratch table, analyzed how many were when its statistics were taken.
	kept, analyzed int
	// seen are the records read and not yet in the scratch table, by table and id, in order.
	seen  map[string]*entry
	order []*entry
	seq   int
	// skip are the CSV rows (file and row) not to save: those with the id of a row before them.
	skip     map[Fault]bool
	problems []Fault
	notes    []string
	noted    map[string]bool
	err      error // a failure of the database while reading, which ends the import
}

func newBatch() *batch {
	return &batch{seen: map[string]*entry{}, skip: map[Fault]bool{}, noted: map[string]bool{}}
}

func (b *batch) problem(at Fault, field, reason string) {
	at.Field, at.Reason = field, reason
	b.problems = append(b.problems, at)
}

func (b *batch) note(n string) {
	if !b.noted[n] {
		b.noted[n] = true
		b.notes = append(b.notes, n)
	}
}

// add checks a record read from a file and keeps its id and place (and a JSON record itself), to be checked
// against the records read before it (see meet), a batch at a time. It returns the record's id.
func (b *batch) add(t Table, raw map[string]string, at Fault, fromCSV bool) string {
	rec, good := b.record(t, raw, at)
	id := rec["id"]
	if !good || id == "" || b.err != nil {
		return id
	}
	b.seq++
	// A copy of the id, so that it does not keep the whole line it was read from.
	cur := &entry{table: t.Name, id: strings.Clone(id), seq: b.seq, place: at, csv: fromCSV}
	if !fromCSV {
		cur.rec = rec
	}
	key := t.Name + "/" + cur.id
	if prev, ok := b.seen[key]; ok {
		b.meet(prev, cur)
		return id
	}
	b.seen[key] = cur
	b.order = append(b.order, cur)
	if len(b.order) >= seenBatch {
		b.err = b.flushSeen()
	}
	return id
}

// record checks a row's fields, returning the record as kept and whether its id is good.
func (b *batch) record(t Table, raw map[string]string, at Fault) (Record, bool) {
	rec := Record{}
	good := true
	for _, c := range t.Columns {
		v := raw[c.Name]
		if strings.TrimSpace(v) == "" {
			if c.Required {
				b.problem(at, c.Name, "is required but missing")
				good = good && c.Name != "id"
			}
			continue
		}
		canon, reason := canonical(c, v)
		if reason != "" {
			b.problem(at, c.Name, reason)
			good = good && c.Name != "id"
			continue
		}
		rec[c.Name] = canon
	}
	b.checkRecord(t, rec, at)
	return rec, good
}

// checkRecord applies the rules that span a record's fields.
func (b *batch) checkRecord(t Table, rec Record, at Fault) {
	switch t.Name {
	case "service":
		lo, errLo := strconv.ParseFloat(rec["minimum_age"], 64)
		hi, errHi := strconv.ParseFloat(rec["maximum_age"], 64)
		if errLo == nil && errHi == nil && lo > hi {
			b.problem(at, "maximum_age", fmt.Sprintf("%s is less than the minimum age %s", rec["maximum_age"], rec["minimum_age"]))
		}
		for _, f := range []string{"minimum_age", "maximum_age"} {
			if n, err := strconv.ParseFloat(rec[f], 64); err == nil && (n < 0 || n > 150) {
				b.problem(at, f, fmt.Sprintf("%s is not an age in years", rec[f]))
			}
		}
	case "schedule":
		if reason := checkByDay(rec["byday"]); reason != "" {
			b.problem(at, "byday", reason)
		}
	case "cost_option":
		if n, err := strconv.ParseFloat(rec["amount"], 64); err == nil && n < 0 {
			b.problem(at, "amount", fmt.Sprintf("%s is less than nothing", rec["amount"]))
		}
	}
}

func tableIndex(name string) int {
	for i, t := range Layout {
		if t.Name == name {
			return i
		}
	}
	panic("directory: no table " + name)
}

// readCSV reads one table of the CSV layout row by row. Each row's record is checked and dropped, keeping its id;
// when each is given, every row's fields are passed to it instead (the second reading).
func (b *batch) readCSV(f File, each func(t Table, r *row) error) error {
	name := path.Base(f.Name)
	var t Table
	found := false
	for _, lt := range Layout {
		if lt.File == name {
			t, found = lt, true
		}
	}
	if !found {
		if what, ok := notKept[name]; ok {
			b.note(fmt.Sprintf("%s: Golden Thread does not keep %s; ignored", name, what))
		} else {
			b.note(fmt.Sprintf("%s is not a table of the Open Referral UK CSV layout; ignored", name))
		}
		return nil
	}
	in, err := f.open()
	if err != nil {
		b.problem(Fault{File: name}, "", "cannot read the file: "+err.Error())
		return nil
	}
	defer in.Close()
	r := csv.NewReader(newLineEndings(in))
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		b.problem(Fault{File: name, Row: 1}, "", "cannot read the header row: "+csvReason(err))
		return nil
	}
	cols := map[int]string{}
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, ok := t.Col(h); ok {
			cols[i] = h
			seen[h] = true
		} else {
			b.note(fmt.Sprintf("%s: column %q is not part of the layout; ignored", name, h))
		}
	}
	for _, c := range t.Columns {
		if c.Required && !seen[c.Name] {
			b.problem(Fault{File: name, Row: 1}, c.Name, "the column is missing")
		}
	}
	for line := 2; ; line++ {
		fields, err := r.Read()
		if err == io.EOF {
			return nil
		}
		at := Fault{File: name, Row: line}
		if err != nil {
			b.problem(at, "", csvReason(err))
			if !errors.Is(err, csv.ErrFieldCount) {
				return nil
			}
			continue
		}
		raw := map[string]string{}
		for i, v := range fields {
			if col, ok := cols[i]; ok {
				raw[col] = v
			}
		}
		if each == nil {
			b.add(t, raw, at, true)
			if b.err != nil {
				return b.err
			}
			continue
		}
		if err := each(t, &row{rec: raw, place: at}); err != nil {
			return err
		}
	}
}

// rereadCSV reads a CSV file a second time, passing each row that its first reading kept to save, with its record
// as kept. Problems found in the first reading are not reported again.
func (b *batch) rereadCSV(f File, t Table, save func(*row) error) error {
	quiet := newBatch()
	return quiet.readCSV(f, func(_ Table, r *row) error {
		rec, good := quiet.record(t, r.rec, r.place)
		if id := rec["id"]; !good || id == "" || b.skip[r.place] {
			return nil // a bad id, or a duplicate: reported by the first reading
		}
		r.rec = rec
		return save(r)
	})
}

// lineEndings turns every run of carriage returns before a line feed into the line feed, drops carriage returns at
// the very end and a byte-order mark at the start: some feeds end their lines with two carriage returns (the
// standard's own examples do), which csv would keep in the last field.
type lineEndings struct {
	in      *bufio.Reader
	pending int // carriage returns read but not yet passed on
	started bool
}

func newLineEndings(r io.Reader) io.Reader { return &lineEndings{in: bufio.NewReaderSize(r, 1<<16)} }

func (l *lineEndings) Read(p []byte) (int, error) {
	if !l.started {
		l.started = true
		if bom, err := l.in.Peek(3); err == nil && string(bom) == "\xef\xbb\xbf" {
			_, _ = l.in.Discard(3)
		}
	}
	n := 0
	for n < len(p) {
		if l.pending > 0 {
			next, err := l.in.ReadByte()
			if err == io.EOF {
				l.pending = 0
				break
			}
			if err != nil {
				return n, err
			}
			switch next {
			case '\r':
				l.pending++
				continue
			case '\n':
				l.pending = 0
				p[n] = '\n'
				n++
				continue
			}
			_ = l.in.UnreadByte()
			p[n] = '\r'
			n++
			l.pending--
			if l.pending > 0 {
				continue
			}
			continue
		}
		c, err := l.in.ReadByte()
		if err != nil {
			if n > 0 && err == io.EOF {
				return n, nil
			}
			return n, err
		}
		if c == '\r' {
			l.pending = 1
			continue
		}
		p[n] = c
		n++
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return "the row has a different number of fields from the header"
		}
		return "not valid CSV: " + pe.Err.Error()
	}
	return err.Error()
}

// nest is a property of a JSON object that holds other records.
type nest struct {
	table string
	// link is the child's field set to the parent's id (schedules of a service get its service_id).
	link string
	// single properties hold one object whose id is the parent's field named by up (a service's organization).
	single bool
	up     string
}

// nests are the properties of each kind of object in the API's shapes that hold other records.
var nests = map[string]map[string]nest{
	"organization": {"services": {table: "service", link: "organization_id"}},
	"service": {
		"organization": {table: "organization", single: true, up: "organization_id"}, "schedules": {table: "schedule", link: "service_id"},
		"service_areas": {table: "service_area", link: "service_id"}, "service_at_locations": {table: "service_at_location", link: "service_id"},
		"languages": {table: "language", link: "service_id"}, "cost_options": {table: "cost_option", link: "service_id"},
		"contacts": {table: "contact", link: "service_id"}, "attributes": {table: "attribute", link: "link_id"},
	},
	"service_at_location": {
		"location": {table: "location", single: true, up: "location_id"}, "service": {table: "service", single: true, up: "service_id"},
		"schedules": {table: "schedule", link: "service_at_location_id"},
	},
	"location":      {"addresses": {table: "address", link: "location_id"}, "accessibility": {table: "accessibility", link: "location_id"}},
	"contact":       {"phones": {table: "phone", link: "contact_id"}},
	"phone":         {"languages": {table: "language", link: "phone_id"}},
	"taxonomy":      {"taxonomy_terms": {table: "taxonomy_term", link: "taxonomy_id"}},
	"taxonomy_term": {"taxonomy_detail": {table: "taxonomy", single: true, up: "taxonomy_id"}},
	"attribute":     {"taxonomy_term": {table: "taxonomy_term", single: true, up: "taxonomy_term_id"}},
}

// readJSON reads one JSON document as a stream: a list of records (an array, or the pagination envelope's
// contents) one item at a time, so that only one record and those nested in it are in memory. A document that is
// not valid JSON is reported alone, as if none of it had been read.
func (b *batch) readJSON(f File) {
	name := path.Base(f.Name)
	in, err := f.open()
	if err != nil {
		b.problem(Fault{File: name}, "", "cannot read the file: "+err.Error())
		return
	}
	defer in.Close()
	problems, notes := len(b.problems), len(b.notes)
	if err := b.streamJSON(name, in); err != nil {
		if b.err != nil {
			return
		}
		for _, n := range b.notes[notes:] {
			delete(b.noted, n)
		}
		b.problems, b.notes = b.problems[:problems], b.notes[:notes]
		b.problem(Fault{File: name}, "", "not valid JSON: "+err.Error())
	}
}

// streamJSON reads the document's items, returning an error only when it is not valid JSON.
func (b *batch) streamJSON(name string, in io.Reader) error {
	dec := json.NewDecoder(bufio.NewReaderSize(in, 1<<16))
	dec.UseNumber()
	kind := kindFromName(name)
	started := false
	token := func() (json.Token, error) {
		tok, err := dec.Token()
		if err == io.EOF && started {
			err = io.ErrUnexpectedEOF
		}
		started = true
		return tok, err
	}
	// items reads the items of a list whose [ has been read, each at ptr/i.
	items := func(ptr string) error {
		for i := 0; dec.More(); i++ {
			var item any
			if err := dec.Decode(&item); err != nil {
				return err
			}
			b.jsonItem(name, kind, item, fmt.Sprintf("%s/%d", ptr, i))
			if b.err != nil {
				return b.err
			}
		}
		_, err := token()
		return err
	}
	tok, err := token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('['):
		return items("")
	case json.Delim('{'):
		doc := map[string]any{}
		envelope := false
		for dec.More() {
			key, err := token()
			if err != nil {
				return err
			}
			k, _ := key.(string)
			if k != "contents" {
				var v any
				if err := dec.Decode(&v); err != nil {
					return err
				}
				doc[k] = v
				continue
			}
			first, err := token()
			if err != nil {
				return err
			}
			if first == json.Delim('[') {
				envelope = true
				if err := items("/contents"); err != nil {
					return err
				}
				continue
			}
			if doc[k], err = restOfValue(dec, first); err != nil {
				return err
			}
		}
		if _, err := token(); err != nil {
			return err
		}
		if !envelope {
			b.jsonItem(name, kind, doc, "")
		}
		return nil
	}
	b.problem(Fault{File: name}, "", "is not an Open Referral UK record or list of records")
	return nil
}

// restOfValue reads the rest of a JSON value whose first token has been read.
func restOfValue(dec *json.Decoder, first json.Token) (any, error) {
	switch first {
	case json.Delim('{'):
		m := map[string]any{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			var v any
			if err := dec.Decode(&v); err != nil {
				return nil, err
			}
			key, _ := k.(string)
			m[key] = v
		}
		_, err := dec.Token()
		return m, err
	case json.Delim('['):
		var l []any
		for dec.More() {
			var v any
			if err := dec.Decode(&v); err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		_, err := dec.Token()
		return l, err
	}
	return first, nil
}

func (b *batch) jsonItem(file, kind string, item any, ptr string) {
	obj, ok := item.(map[string]any)
	if !ok {
		b.problem(Fault{File: file, Pointer: orRoot(ptr)}, "", "is not a JSON object")
		return
	}
	if kind == "" {
		kind = detect(obj)
	}
	if kind == "" {
		b.problem(Fault{File: file, Pointer: orRoot(ptr)}, "", "cannot tell what kind of record this is: name the file after it, like service_list.json or organization_full.json")
		return
	}
	b.jsonObject(file, kind, obj, ptr, nil)
}

func orRoot(ptr string) string {
	if ptr == "" {
		return "/"
	}
	return ptr
}

// kindFromName reads the kind of record a file holds from its name, as the standard's examples are named.
func kindFromName(name string) string {
	n := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
	for _, k := range []struct{ prefix, kind string }{
		{"service_at_location", "service_at_location"}, {"service", "service"}, {"organization", "organization"},
		{"organisation", "organization"}, {"taxonomy_term", "taxonomy_term"}, {"taxonomies", "taxonomy"}, {"taxonomy", "taxonomy"},
	} {
		if strings.HasPrefix(n, k.prefix) {
			return k.kind
		}
	}
	return ""
}

// detect tells what kind of record an object is from its properties.
func detect(obj map[string]any) string {
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := obj[k]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case has("location", "location_id") && has("service", "service_id") && !has("name"):
		return "service_at_location"
	case has("status"):
		return "service"
	case has("taxonomy_terms", "version"):
		return "taxonomy"
	case has("parent_id", "term", "taxonomy", "taxonomy_id", "term_uri"):
		return "taxonomy_term"
	case has("services", "website", "logo", "organization_identifiers", "parent_organization_id"):
		return "organization"
	}
	return ""
}

// jsonObject reads an object of the kind given, and the records nested in it. It returns the object's id.
func (b *batch) jsonObject(file, kind string, obj map[string]any, ptr string, inherited map[string]string) string {
	t := Layout[tableIndex(kind)]
	at := Fault{File: file, Pointer: orRoot(ptr)}
	raw := map[string]string{}
	for k, v := range inherited {
		raw[k] = v
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// Single nested objects first: their ids fill the parent's references.
	for _, k := range keys {
		n, ok := nests[kind][k]
		if !ok || !n.single || obj[k] == nil {
			continue
		}
		child, ok := obj[k].(map[string]any)
		if !ok {
			b.problem(at, k, "must be a JSON object")
			continue
		}
		if id := b.jsonObject(file, n.table, child, ptr+"/"+k, nil); id != "" && raw[n.up] == "" && obj[n.up] == nil {
			raw[n.up] = id
		}
	}
	for _, k := range keys {
		v := obj[k]
		if _, ok := nests[kind][k]; ok {
			continue
		}
		c, ok := t.Col(k)
		if !ok {
			b.note(fmt.Sprintf("%s: property %q of %s is not kept; ignored", file, k, strings.ReplaceAll(kind, "_", " ")))
			continue
		}
		switch x := v.(type) {
		case nil:
		case string:
			if c.Kind == Number {
				b.problem(at, k, fmt.Sprintf("%q must be a number, not text", x))
				continue
			}
			raw[k] = x
		case json.Number:
			if c.Kind != Number {
				b.problem(at, k, fmt.Sprintf("%s must be text in quotes", x))
				continue
			}
			raw[k] = x.String()
		default:
			b.problem(at, k, "must be a single value, not a list or object")
		}
	}
	id := b.add(t, raw, at, false)
	for _, k := range keys {
		n, ok := nests[kind][k]
		if !ok || n.single || obj[k] == nil {
			continue
		}
		list, ok := obj[k].([]any)
		if !ok {
			b.problem(at, k, "must be a list")
			continue
		}
		for i, item := range list {
			child, ok := item.(map[string]any)
			cptr := fmt.Sprintf("%s/%s/%d", ptr, k, i)
			if !ok {
				b.problem(Fault{File: file, Pointer: cptr}, "", "is not a JSON object")
				continue
			}
			inherit := map[string]string{}
			if id != "" {
				inherit[n.link] = id
			}
			b.jsonObject(file, n.table, child, cptr, inherit)
		}
	}
	return id
}
