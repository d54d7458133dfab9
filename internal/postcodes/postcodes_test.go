package postcodes_test

import (
	"context"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestDistance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b postcodes.Point
		want float64 // metres
		tol  float64
	}{
		{"the same place", postcodes.Point{51.5, -0.1}, postcodes.Point{51.5, -0.1}, 0, 0.001},
		{"a hundredth of a degree north", postcodes.Point{51.5, -0.1}, postcodes.Point{51.51, -0.1}, 1111.95, 1},
		{"London to Manchester", postcodes.Point{51.5074, -0.1278}, postcodes.Point{53.4808, -2.2426}, 262_000, 2_000},
		{"across the meridian", postcodes.Point{51.5, -0.01}, postcodes.Point{51.5, 0.01}, 1385, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := postcodes.Distance(tt.a, tt.b); math.Abs(got-tt.want) > tt.tol {
				t.Errorf("Distance = %.1f m, want %.1f ± %.1f", got, tt.want, tt.tol)
			}
		})
	}
}

func TestBoxHoldsEveryPointWithinTheDistance(t *testing.T) {
	t.Parallel()
	c := postcodes.Point{51.5, -0.1}
	b := postcodes.BoxAround(c, 2000)
	for deg := 0.0; deg < 360; deg += 15 {
		// A point just inside 2 km in this direction.
		r := 1999.0 / 6371008.8
		lat := c.Latitude + r*math.Cos(deg*math.Pi/180)*180/math.Pi
		lon := c.Longitude + r*math.Sin(deg*math.Pi/180)*180/math.Pi/math.Cos(c.Latitude*math.Pi/180)
		if lat < b.MinLat || lat > b.MaxLat || lon < b.MinLon || lon > b.MaxLon {
			t.Errorf("%.0f°: (%f, %f) is outside the box %+v", deg, lat, lon, b)
		}
	}
	if far := (postcodes.Point{51.6, -0.1}); far.Latitude <= b.MaxLat {
		t.Errorf("11 km north is inside a 2 km box: %+v", b)
	}
}

func TestNormalise(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want, err string }{
		{"zz99 1aa", "ZZ99 1AA", ""},
		{" ZZ991AA ", "ZZ99 1AA", ""},
		{"z9 9zz", "Z9 9ZZ", ""},
		{"ZZ99", "", "5 to 7"},
		{"ZZ9-1AA", "", "only letters and numbers"},
		{"ZZ99 AAA", "", "starts with a number"},
	}
	for _, tt := range tests {
		got, err := postcodes.Normalise(tt.in)
		if got != tt.want || (tt.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("Normalise(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func opener(path string) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return os.Open(path) }
}

func TestImport(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := postcodes.NewStore(db)
		ctx := context.Background()
		// A file with bad rows: each reported by line, nothing imported.
		bad := filepath.Join(t.TempDir(), "bad.csv")
		if err := os.WriteFile(bad, []byte("pcd,pcds,oslaua,lat,long\n"+
			"ZZ991AA,ZZ99 1AA,E06000901,51.5,-0.1\n"+
			"ZZ99,ZZ99,E06000901,51.5,-0.1\n"+
			"ZZ992BB,ZZ99 2BB,E06000901,north,-0.1\n"+
			"ZZ993CC,ZZ99 3CC,E06000901,91,-0.1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		rep, err := s.Import(ctx, opener(bad))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range rep.Problems {
			got = append(got, p.String())
		}
		want := []string{`line 3: "ZZ99" is not a postcode`, "line 4: ZZ99 2BB: the latitude and longitude must be numbers", "line 5: ZZ99 3CC: the latitude must be between"}
		if len(got) != len(want) {
			t.Fatalf("problems = %q", got)
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("problem %d = %q, want %q…", i, got[i], want[i])
			}
		}
		if _, err := s.Lookup(ctx, "ZZ99 1AA"); !errors.Is(err, postcodes.ErrUnknown) {
			t.Errorf("a refused file imported its good row: %v", err)
		}
		// A header without the columns.
		wrong := filepath.Join(t.TempDir(), "wrong.csv")
		os.WriteFile(wrong, []byte("postcode,x,y\nZZ99 1AA,1,2\n"), 0o644)
		if rep, err := s.Import(ctx, opener(wrong)); err != nil || rep.OK() || !strings.Contains(rep.Problems[0].String(), "line 1: the header has no pcds, lat, long column") {
			t.Errorf("wrong header: %v %+v", err, rep)
		}
		// The synthetic file in the ONSPD layout: all its columns, one postcode without a position.
		sample := filepath.Join("testdata", "onspd_sample.csv")
		rep, err = s.Import(ctx, opener(sample))
		if err != nil || !rep.OK() || rep.Rows != 4 || rep.NoLocation != 1 {
			t.Fatalf("sample: %v %+v", err, rep)
		}
		p, err := s.Lookup(ctx, "zz992bb")
		if err != nil || p != (postcodes.Point{Latitude: 51.55, Longitude: -0.1}) {
			t.Errorf("Lookup(zz992bb) = %v, %v", p, err)
		}
		if _, err := s.Lookup(ctx, "ZZ99 4DD"); !errors.Is(err, postcodes.ErrUnknown) {
			t.Errorf("a postcode without a position was imported: %v", err)
		}
		if _, err := s.Lookup(ctx, "nonsense!"); err == nil || errors.Is(err, postcodes.ErrUnknown) {
			t.Errorf("a badly written postcode: %v", err)
		}
		// Importing again changes nothing and duplicates nothing.
		if rep, err := s.Import(ctx, opener(sample)); err != nil || rep.Rows != 4 {
			t.Fatalf("again: %v %+v", err, rep)
		}
		var n int
		if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT count(*) FROM postcode`).Scan(&n)
		}); err != nil || n != 4 {
			t.Errorf("postcodes after a second import = %d, %v", n, err)
		}
	})
}
