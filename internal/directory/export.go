package directory

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Dataset is the council's whole directory, table by table, as records.
type Dataset map[string][]Record

// Export reads the council's whole directory.
func (s *Store) Export(ctx context.Context) (Dataset, error) {
	d := Dataset{}
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		for _, t := range Layout {
			rows, err := load(ctx, tx, t, "")
			if err != nil {
				return err
			}
			for _, r := range rows {
				d[t.Name] = append(d[t.Name], r.Record)
			}
		}
		return nil
	})
	return d, err
}

// CSVFiles writes the dataset in the CSV layout of the standard's datapackage.json: one file per table, with the
// layout's columns in its order and then the HSDS 3.0 fields Golden Thread also keeps.
func (d Dataset) CSVFiles() ([]File, error) {
	var out []File
	for _, t := range Layout {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		header := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			header[i] = c.Name
		}
		if err := w.Write(header); err != nil {
			return nil, err
		}
		for _, r := range d[t.Name] {
			line := make([]string, len(t.Columns))
			for i, c := range t.Columns {
				line[i] = r[c.Name]
			}
			if err := w.Write(line); err != nil {
				return nil, err
			}
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, fmt.Errorf("write %s: %w", t.File, err)
		}
		out = append(out, File{Name: t.File, Data: buf.Bytes()})
	}
	return out, nil
}

// object is a JSON object that keeps its properties in order, as the standard lists them.
type object []property

type property struct {
	key   string
	value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(p.key)
		v, err := json.Marshal(p.value)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// fields are a record's fields given, as the standard orders them, numbers as JSON numbers.
func fields(t Table, r Record, except ...string) object {
	var o object
	for _, c := range t.Columns {
		v := r[c.Name]
		if v == "" || contains(except, c.Name) {
			continue
		}
		if c.Kind == Number {
			o = append(o, property{c.Name, json.Number(v)})
		} else {
			o = append(o, property{c.Name, v})
		}
	}
	return o
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// list is the API's pagination envelope around one page holding everything.
func list(contents []object) object {
	if contents == nil {
		contents = []object{}
	}
	n := len(contents)
	return object{{"total_items", n}, {"total_pages", 1}, {"page_number", 1}, {"size", n}, {"first_page", true},
		{"last_page", true}, {"empty", n == 0}, {"contents", contents}}
}

// shaper renders a dataset's records in the API's nested shapes, remembering which records it used.
type shaper struct {
	d        Dataset
	byID     map[string]map[string]Record
	children map[string]map[string][]Record // table → parent field=value → records
	used     map[string]map[string]bool
}

func newShaper(d Dataset) *shaper {
	sh := &shaper{d: d, byID: map[string]map[string]Record{}, children: map[string]map[string][]Record{}, used: map[string]map[string]bool{}}
	for _, t := range Layout {
		sh.byID[t.Name] = map[string]Record{}
		sh.children[t.Name] = map[string][]Record{}
		for _, r := range d[t.Name] {
			sh.byID[t.Name][r["id"]] = r
		}
	}
	return sh
}

func (sh *shaper) childrenOf(table, field, id string) []Record {
	key := field + "=" + id
	if rs, ok := sh.children[table][key]; ok {
		return rs
	}
	var out []Record
	for _, r := range sh.d[table] {
		if r[field] == id {
			out = append(out, r)
		}
	}
	sh.children[table][key] = out
	return out
}

func (sh *shaper) use(table string, r Record) Record {
	if sh.used[table] == nil {
		sh.used[table] = map[string]bool{}
	}
	sh.used[table][r["id"]] = true
	return r
}

func tbl(name string) Table { return Layout[tableIndex(name)] }

func (sh *shaper) phone(r Record) object {
	return fields(tbl("phone"), sh.use("phone", r), "contact_id")
}

func (sh *shaper) location(r Record) object {
	o := fields(tbl("location"), sh.use("location", r))
	var addrs, acc []object
	for _, a := range sh.childrenOf("address", "location_id", r["id"]) {
		addrs = append(addrs, fields(tbl("address"), sh.use("address", a), "location_id"))
	}
	for _, a := range sh.childrenOf("accessibility", "location_id", r["id"]) {
		acc = append(acc, fields(tbl("accessibility"), sh.use("accessibility", a), "location_id"))
	}
	if addrs != nil {
		o = append(o, property{"addresses", addrs})
	}
	if acc != nil {
		o = append(o, property{"accessibility", acc})
	}
	return o
}

func (sh *shaper) term(r Record) object {
	return fields(tbl("taxonomy_term"), sh.use("taxonomy_term", r))
}

// serviceAtLocation is a service at a location with its location and the schedules of its own.
func (sh *shaper) serviceAtLocation(x Record, except ...string) object {
	sal := fields(tbl("service_at_location"), sh.use("service_at_location", x), except...)
	if loc, ok := sh.byID["location"][x["location_id"]]; ok {
		sal = append(sal, property{"location", sh.location(loc)})
	}
	var scheds []object
	for _, s := range sh.childrenOf("schedule", "service_at_location_id", x["id"]) {
		if s["service_id"] == "" {
			scheds = append(scheds, fields(tbl("schedule"), sh.use("schedule", s), "service_at_location_id"))
		}
	}
	if scheds != nil {
		sal = append(sal, property{"schedules", scheds})
	}
	return sal
}

func (sh *shaper) service(r Record) object {
	id := r["id"]
	o := fields(tbl("service"), sh.use("service", r))
	add := func(key string, items []object) {
		if items != nil {
			o = append(o, property{key, items})
		}
	}
	var items []object
	for _, x := range sh.childrenOf("schedule", "service_id", id) {
		items = append(items, fields(tbl("schedule"), sh.use("schedule", x), "service_id"))
	}
	add("schedules", items)
	items = nil
	for _, x := range sh.childrenOf("service_area", "service_id", id) {
		items = append(items, fields(tbl("service_area"), sh.use("service_area", x), "service_id"))
	}
	add("service_areas", items)
	items = nil
	for _, x := range sh.childrenOf("service_at_location", "service_id", id) {
		items = append(items, sh.serviceAtLocation(x, "service_id", "location_id"))
	}
	add("service_at_locations", items)
	items = nil
	for _, x := range sh.childrenOf("language", "service_id", id) {
		items = append(items, fields(tbl("language"), sh.use("language", x), "service_id"))
	}
	add("languages", items)
	items = nil
	for _, x := range sh.childrenOf("cost_option", "service_id", id) {
		items = append(items, fields(tbl("cost_option"), sh.use("cost_option", x), "service_id"))
	}
	add("cost_options", items)
	items = nil
	for _, x := range sh.childrenOf("contact", "service_id", id) {
		c := fields(tbl("contact"), sh.use("contact", x), "service_id")
		var phones []object
		for _, p := range sh.childrenOf("phone", "contact_id", x["id"]) {
			phones = append(phones, sh.phone(p))
		}
		if phones != nil {
			c = append(c, property{"phones", phones})
		}
		items = append(items, c)
	}
	add("contacts", items)
	items = nil
	for _, x := range sh.childrenOf("attribute", "link_id", id) {
		a := fields(tbl("attribute"), sh.use("attribute", x), "link_id", "taxonomy_term_id")
		if t, ok := sh.byID["taxonomy_term"][x["taxonomy_term_id"]]; ok {
			a = append(a, property{"taxonomy_term", sh.term(t)})
		}
		items = append(items, a)
	}
	add("attributes", items)
	return o
}

func (sh *shaper) organization(r Record) object {
	o := fields(tbl("organization"), sh.use("organization", r))
	var services []object
	for _, s := range sh.childrenOf("service", "organization_id", r["id"]) {
		services = append(services, sh.service(s))
	}
	if services != nil {
		o = append(o, property{"services", services})
	}
	return o
}

// JSONFiles writes the dataset in the API's own shapes: organizations.json (every organisation as
// organization_full, with its services in full), taxonomies.json and taxonomy_terms.json, each in the pagination
// envelope. Records no organisation reaches (a location no service uses, say) are not in these shapes; left says
// how many, and the CSV layout holds them all.
func (d Dataset) JSONFiles() (files []File, left int, err error) {
	sh := newShaper(d)
	var orgs, taxonomies, terms []object
	for _, r := range d["organization"] {
		orgs = append(orgs, sh.organization(r))
	}
	for _, r := range d["taxonomy"] {
		taxonomies = append(taxonomies, fields(tbl("taxonomy"), sh.use("taxonomy", r)))
	}
	for _, r := range d["taxonomy_term"] {
		terms = append(terms, sh.term(r))
	}
	for _, t := range Layout {
		left += len(d[t.Name]) - len(sh.used[t.Name])
	}
	for _, f := range []struct {
		name string
		list []object
	}{{"organizations.json", orgs}, {"taxonomies.json", taxonomies}, {"taxonomy_terms.json", terms}} {
		b, err := json.MarshalIndent(list(f.list), "", "  ")
		if err != nil {
			return nil, 0, fmt.Errorf("write %s: %w", f.name, err)
		}
		files = append(files, File{Name: f.name, Data: append(b, '\n')})
	}
	return files, left, nil
}

// ReadFiles finds a feed for the command line: one file, or every .json and .csv file in a folder. The files are
// opened when they are read, so an import reads CSV files row by row rather than holding them in memory.
func ReadFiles(path string) ([]File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	names := []string{path}
	if info.IsDir() {
		names = nil
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			ext := filepath.Ext(e.Name())
			if !e.IsDir() && (ext == ".json" || ext == ".csv") {
				names = append(names, filepath.Join(path, e.Name()))
			}
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("%s has no .json or .csv files", path)
		}
	}
	var files []File
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return nil, err
		}
		f.Close()
		files = append(files, File{Name: filepath.Base(n), Open: func() (io.ReadCloser, error) { return os.Open(n) }})
	}
	return files, nil
}

// WriteFiles writes files into a folder, making it if need be.
func WriteFiles(dir string, files []File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
