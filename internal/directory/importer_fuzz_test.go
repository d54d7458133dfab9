package directory_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/directory/directorytest"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// FuzzImport: any file uploaded as part of an Open Referral UK feed, in the JSON or the CSV layout, is read without
// panicking; a dry run and the import itself agree, so a file that the check passes is then imported whole, and one
// with problems saves nothing. Each input is one file, added to the rest of a good feed.
func FuzzImport(f *testing.F) {
	db := dbtest.Open(f, sqldb.SQLite)
	council := peopletest.NewCouncil(f, db, "E06000971")
	ctx := sqldb.WithCouncil(context.Background(), council.Council.ID)
	s := directory.NewStore(db)
	feed := directorytest.Feed(71)
	for _, file := range feed {
		f.Add(file.Name, file.Data)
	}
	for _, name := range []string{"service_full.json", "organization_full.json", "service_list.json", "taxonomy_term.json"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "reference", "openreferral-uk", "examples", name))
		if err == nil { // the reference files sit beside the repository; without them the CSV seeds still run
			f.Add(name, data)
		}
	}
	f.Add("services.csv", []byte("id,organization_id,name\n\"unclosed,x,y\n"))
	f.Add("service_full.json", []byte(`{"id": 7, "name": ["not", "text"]}`))
	f.Add("services.json", []byte(`[`))
	f.Add("unknown.csv", []byte("a,b\n1,2\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		files := []directory.File{{Name: name, Data: data}}
		for _, file := range feed {
			if file.Name != name {
				files = append(files, file)
			}
		}
		dry, err := s.Import(ctx, files, true)
		if err != nil {
			if len(dry.Problems) > 0 {
				t.Fatalf("%s: both an error (%v) and problems", name, err)
			}
			return
		}
		before, err := s.Home(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.Import(ctx, files, false)
		if err != nil {
			t.Fatalf("%s: the dry run passed with %d problems, the import failed: %v", name, len(dry.Problems), err)
		}
		if dry.OK() != rep.OK() {
			t.Fatalf("%s: the dry run found %v, the import %v", name, dry.Problems, rep.Problems)
		}
		if !rep.OK() {
			after, err := s.Home(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(after.Organisations) != len(before.Organisations) {
				t.Fatalf("%s: an import with problems changed the directory", name)
			}
		}
	})
}
