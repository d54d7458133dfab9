package postcodes

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store keeps the national postcode table. It needs no council: the table is national open data.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// ErrUnknown is a well-formed postcode the table does not hold.
var ErrUnknown = errors.New("postcode not found")

// Lookup finds a postcode's centre. A badly written postcode is an error saying what to do; one not in the table
// is ErrUnknown.
func (s *Store) Lookup(ctx context.Context, postcode string) (Point, error) {
	pc, err := Normalise(postcode)
	if err != nil {
		return Point{}, err
	}
	var p Point
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT latitude, longitude FROM postcode WHERE postcode = $1`, pc).Scan(&p.Latitude, &p.Longitude)
	})
	if errors.Is(sqldb.Normalise(err), sqldb.ErrNotFound) {
		return Point{}, fmt.Errorf("%s: %w", pc, ErrUnknown)
	}
	if err != nil {
		return Point{}, fmt.Errorf("find postcode %s: %w", pc, err)
	}
	return p, nil
}

// Columns of the ONS Postcode Directory's CSV that the table takes: pcds is the postcode written with one space,
// lat and long its centre. The file's other columns are ignored.
const (
	colPostcode  = "pcds"
	colLatitude  = "lat"
	colLongitude = "long"
)

// noLocation is the latitude the ONS Postcode Directory gives a postcode without a grid reference.
const noLocation = 99.999999

// BadRow is a bad row of a postcode file: where it is, and why it was left out.
type BadRow struct {
	Line   int
	Reason string
}

func (p BadRow) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Reason) }

// Report says what an import found.
type Report struct {
	Rows       int // postcodes imported (or that would be)
	NoLocation int // postcodes the file gives no position, left out
	Problems   []BadRow
}

// OK is true when the file had no bad rows.
func (r Report) OK() bool { return len(r.Problems) == 0 }

// maxProblems stops a report about a wholly wrong file at a readable length.
const maxProblems = 100

// Import loads a file in the ONS Postcode Directory's CSV layout. open is called twice: once to check every row,
// then, when no row is bad, to load them all in one transaction, so memory does not grow with the file. With any
// bad row nothing is imported and the report lists each with its line number.
func (s *Store) Import(ctx context.Context, open func() (io.ReadCloser, error)) (Report, error) {
	rep, err := scan(open, nil)
	if err != nil || !rep.OK() {
		return rep, err
	}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		_, err := scan(open, func(pc string, p Point) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO postcode (postcode, latitude, longitude) VALUES ($1, $2, $3)
				ON CONFLICT (postcode) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude`, pc, p.Latitude, p.Longitude)
			if err != nil {
				return fmt.Errorf("save postcode %s: %w", pc, err)
			}
			return nil
		})
		return err
	})
	if err != nil {
		return Report{}, err
	}
	return rep, nil
}

// scan reads every row, calling save for each good one when save is given.
func scan(open func() (io.ReadCloser, error), save func(string, Point) error) (Report, error) {
	var rep Report
	f, err := open()
	if err != nil {
		return rep, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return rep, fmt.Errorf("read the header: %w", err)
	}
	at := map[string]int{}
	for i, h := range header {
		at[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	var missing []string
	for _, c := range []string{colPostcode, colLatitude, colLongitude} {
		if _, ok := at[c]; !ok {
			missing = append(missing, c)
		}
	}
	if missing != nil {
		rep.Problems = append(rep.Problems, BadRow{Line: 1, Reason: "the header has no " + strings.Join(missing, ", ") + " column: use the ONS Postcode Directory's CSV file"})
		return rep, nil
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line := 0
		if err == nil {
			line, _ = r.FieldPos(0) // only a record that was read has positions: asking after an error panics
		}
		bad := func(reason string) {
			if len(rep.Problems) < maxProblems {
				rep.Problems = append(rep.Problems, BadRow{Line: line, Reason: reason})
			}
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			bad("cannot be read as CSV: " + err.Error())
			if pe == nil {
				return rep, err
			}
			continue
		}
		get := func(col string) string {
			if i := at[col]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		pc, err := Normalise(get(colPostcode))
		if err != nil {
			bad(err.Error())
			continue
		}
		lat, errLat := strconv.ParseFloat(get(colLatitude), 64)
		lon, errLon := strconv.ParseFloat(get(colLongitude), 64)
		switch {
		case errLat != nil || errLon != nil || math.IsNaN(lat) || math.IsNaN(lon) || math.IsInf(lat, 0) || math.IsInf(lon, 0):
			// ParseFloat reads "NaN" and "Inf" as numbers, but no place is there.
			bad(pc + ": the latitude and longitude must be numbers")
			continue
		case lat == noLocation:
			rep.NoLocation++
			continue
		case lat < -90 || lat > 90 || lon < -180 || lon > 180:
			bad(pc + ": the latitude must be between -90 and 90 and the longitude between -180 and 180")
			continue
		}
		rep.Rows++
		if save != nil {
			if err := save(pc, Point{lat, lon}); err != nil {
				return rep, err
			}
		}
	}
	return rep, nil
}
