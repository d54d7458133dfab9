package demo_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestWriteDirectoryIsTheSameForTheSameSeed(t *testing.T) {
	t.Parallel()
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, w := range []struct {
		dir  string
		seed uint64
	}{{a, 3}, {b, 3}, {c, 4}} {
		if err := demo.WriteDirectory(w.dir, w.seed, 40); err != nil {
			t.Fatal(err)
		}
	}
	differs := false
	for _, name := range append(demo.DirectoryFiles, demo.PostcodeFile) {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		z, _ := os.ReadFile(filepath.Join(c, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: empty or different for the same seed", name)
		}
		differs = differs || !bytes.Equal(x, z)
	}
	if !differs {
		t.Error("another seed wrote the same directory")
	}
	seen := map[string]bool{}
	for n := range demo.DirectoryPostcodes {
		pc := demo.DirectoryPostcode(n)
		if _, err := postcodes.Normalise(pc); err != nil || seen[pc] {
			t.Fatalf("postcode %d, %q: not a postcode or used twice (%v)", n, pc, err)
		}
		seen[pc] = true
	}
}

// The generated feed imports cleanly through the real importer, its postcodes load, and a search by words and by
// distance from one of its postcodes finds its services.
func TestAGeneratedDirectoryImportsAndIsFound(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		dir := t.TempDir()
		const services = 200
		if err := demo.WriteDirectory(dir, 1, services); err != nil {
			t.Fatal(err)
		}
		c := peopletest.NewCouncil(t, db, "E06000993")
		ctx := sqldb.WithCouncil(context.Background(), c.Council.ID)
		pc, err := postcodes.NewStore(db).Import(ctx, func() (io.ReadCloser, error) { return os.Open(filepath.Join(dir, demo.PostcodeFile)) })
		if err != nil || !pc.OK() || pc.Rows != demo.DirectoryPostcodes {
			t.Fatalf("postcodes: %v %+v", err, pc)
		}
		var files []directory.File
		for _, name := range demo.DirectoryFiles {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, directory.File{Name: name, Data: b})
		}
		store := directory.NewStore(db)
		rep, err := store.Import(ctx, files, false)
		if err != nil || !rep.OK() {
			t.Fatalf("import: %v %v", err, rep.Problems)
		}
		for _, cnt := range rep.Counts {
			if cnt.Table == "service" && cnt.Created != services {
				t.Errorf("services created: %d, want %d", cnt.Created, services)
			}
		}
		again, err := store.Import(ctx, files, false)
		if created, updated, _ := again.Totals(); err != nil || created+updated != 0 {
			t.Errorf("re-import changed %d+%d records (%v)", created, updated, err)
		}
		as := peopletest.As(c.Staff[councils.Practitioner])
		res, err := store.Search(as, directory.Search{Words: "walking"})
		if err != nil || res.Total == 0 {
			t.Fatalf("search by words found %d (%v)", res.Total, err)
		}
		near, err := store.Search(as, directory.Search{Postcode: demo.DirectoryPostcode(210), Miles: 1})
		if err != nil || near.Total == 0 || near.Total == services {
			t.Fatalf("search by distance found %d of %d (%v)", near.Total, services, err)
		}
		if near.Found[0].Metres > 1609.344 {
			t.Errorf("nearest is %.0f m away, beyond a mile", near.Found[0].Metres)
		}
	})
}
