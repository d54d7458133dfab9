package postcodes

import (
	"io"
	"math"
	"os"
	"strings"
	"testing"
)

// FuzzNormalise: a postcode is refused, or written in one normal form that normalises to itself.
func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"zz993ab", "ZZ99 3AB", " zz99  3ab ", "ZZ993A", "Z", "ZZ99 3AB X", "ZZ99-3AB", "ℤℤ99 3AB", "", "SW1A 1AA", "m11ae"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Normalise(s)
		if err != nil {
			if n != "" {
				t.Fatalf("%q refused but gave %q", s, n)
			}
			return
		}
		again, err := Normalise(n)
		if err != nil || again != n {
			t.Fatalf("%q normalised to %q, which normalises to %q (%v)", s, n, again, err)
		}
		if strings.Count(n, " ") != 1 || len(n) < 6 || len(n) > 8 {
			t.Fatalf("%q normalised to %q, not the shape of a postcode", s, n)
		}
	})
}

// FuzzImportFile: any file given as the ONS Postcode Directory is read without panicking; every row it keeps has a
// normal postcode and a real position, and every other row is a problem or a postcode without a position.
func FuzzImportFile(f *testing.F) {
	sample, err := os.ReadFile("testdata/onspd_sample.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(sample))
	for _, s := range []string{
		"pcds,lat,long\nZZ99 3AB,52.5,-1.5\n",
		"pcds,lat,long\nZZ99 3AB,NaN,-1.5\nZZ99 3AC,52.5,Inf\nZZ99 3AD,1e400,0\n",
		"pcds,lat,long\nZZ99 3AB,99.999999,0.000000\n",
		"\ufeffPCDS,LAT,LONG\nzz993ab,52,-1\n",
		"pcd,lat\nZZ99 3AB,52\n",
		"pcds,lat,long\n\"ZZ99 3AB,52,-1\n",
		"pcds,lat,long\nZZ99 3AB\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, file string) {
		var saved int
		rep, err := scan(func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(file)), nil }, func(pc string, p Point) error {
			saved++
			if n, err := Normalise(pc); err != nil || n != pc {
				t.Fatalf("kept %q, not a normal postcode", pc)
			}
			if math.IsNaN(p.Latitude) || math.IsNaN(p.Longitude) || p.Latitude < -90 || p.Latitude > 90 || p.Longitude < -180 || p.Longitude > 180 {
				t.Fatalf("kept %s at %v, not a real position", pc, p)
			}
			return nil
		})
		if err != nil {
			return // the file could not be read at all: the command says so and imports nothing
		}
		if saved != rep.Rows {
			t.Fatalf("saved %d rows but reported %d", saved, rep.Rows)
		}
	})
}
