package people

import (
	"sort"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Query is what a search box entry asks for.
type Query struct {
	Names       []string // search keys, each the start of one of the person's names; longest first
	NHSNumber   string
	DateOfBirth sqldb.Date
	Postcode    string
}

// Empty reports whether the query asks for nothing.
func (q Query) Empty() bool {
	return len(q.Names) == 0 && q.NHSNumber == "" && q.DateOfBirth.IsZero() && q.Postcode == ""
}

// dateLayouts are the ways people type a date of birth into a search box.
var dateLayouts = []string{"2/1/2006", "02/01/2006", "2-1-2006", "02-01-2006", "2006-01-02", "2.1.2006"}

// ParseQuery reads a search box entry: an NHS number typed with or without spaces, a date of birth, a postcode
// with or without its space, and names in any order and case.
func ParseQuery(s string) Query {
	var q Query
	s = strings.TrimSpace(s)
	if n := NormaliseNHSNumber(s); len(n) == 10 && allDigits(n) {
		q.NHSNumber = n
		return q
	}
	fields := strings.Fields(s)
	var rest []string
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if d, ok := parseSearchDate(f); ok && q.DateOfBirth.IsZero() {
			q.DateOfBirth = d
			continue
		}
		if q.Postcode == "" && i+1 < len(fields) && looksLikeOutward(f) {
			if pc := NormalisePostcode(f + " " + fields[i+1]); ValidPostcode(pc) == nil {
				q.Postcode = pc
				i++
				continue
			}
		}
		if q.Postcode == "" && hasDigit(f) {
			if pc := NormalisePostcode(f); ValidPostcode(pc) == nil {
				q.Postcode = pc
				continue
			}
		}
		rest = append(rest, f)
	}
	q.Names = QueryTerms(strings.Join(rest, " "))
	sort.SliceStable(q.Names, func(i, j int) bool { return len(q.Names[i]) > len(q.Names[j]) })
	return q
}

func parseSearchDate(s string) (sqldb.Date, bool) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return sqldb.NewDate(t), true
		}
	}
	return sqldb.Date{}, false
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// looksLikeOutward reports whether s could be the first half of a postcode (two to four characters, with a digit).
func looksLikeOutward(s string) bool { return len(s) >= 2 && len(s) <= 4 && hasDigit(s) }
