package community

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The story checker reads a practice story, before it is published, for what would let a reader know who it is
// about: an NHS number, a date that could be a date of birth, a postcode, and a person's name. It is a pure function
// of the text and the names to look for; the store gives it the names (of the audited person and their network, and
// those of the council's people whose family names the story's capitalised words match).
//
// Its false positives are considered case by case, since a checker that refuses ordinary writing is one staff learn
// to work around:
//   - ten digits that are not spaced 3-3-4 are an NHS number only when their check digit is right, so a reference
//     or a count that happens to be ten digits long passes; ten digits spaced 3-3-4 are refused whatever their check
//     digit, since that is how an NHS number is written;
//   - a date is refused only when it has a day, a month and a year and is not after today: "in March 2024", "every
//     3 weeks", "10.30" and "a third (1/3)" pass, and a date still to come cannot be anyone's date of birth;
//   - a postcode is refused only whole (outward and inward parts), so "the M1" or "SW1" pass;
//   - names are matched as whole capitalised words: "Grace" is refused when Grace is the audited person's name, but
//     "grace" in a sentence is not; words written all in capitals (MSP, NHS, MCA) are never names; and a month or a
//     day of the week ("May", "June", "Friday") is read as a name only straight after a title (Mrs May);
//   - what is left on purpose: a word that starts a sentence is capitalised, so an ordinary word that is also a
//     family name recorded in the council ("Hope", "Young", "Best") is refused there. The message says which word
//     and where, so the writer rewords the sentence; letting such words through would let real names through too.

// Finding is one thing the checker found: what kind, the text as written, and where (the field and the character
// it starts at, counted from 1).
type Finding struct {
	Field string // "title", "story" or "why_good"
	Kind  FindingKind
	Text  string
	At    int
}

// FindingKind is a kind of personal detail.
type FindingKind string

// The kinds the checker refuses.
const (
	NHSNumber   FindingKind = "nhs_number"
	DateOfBirth FindingKind = "date"
	Postcode    FindingKind = "postcode"
	Name        FindingKind = "name"
)

// Message is the finding as the GOV.UK error summary says it: what was found, where, and what to do.
func (f Finding) Message() string {
	what := map[FindingKind]string{
		NHSNumber:   "what looks like an NHS number",
		DateOfBirth: "a full date, which could be a date of birth",
		Postcode:    "what looks like a postcode",
		Name:        "a name recorded in the council",
	}[f.Kind]
	field := map[string]string{"title": "The title", "story": "The story", "why_good": "What made it good practice"}[f.Field]
	advice := "Remove it before publishing."
	switch f.Kind {
	case DateOfBirth:
		advice = "Write the month or the season instead (“in March”), then publish."
	case Name:
		advice = "Remove it, or use a role such as “the person” or “her daughter”, before publishing."
	}
	return fmt.Sprintf("%s contains %s: %s (at character %d). %s", field, what, f.Text, f.At, advice)
}

// Names are the names the checker refuses in a story: each a whole word, compared without case or accents
// (people.SearchKey).
type Names map[string]bool

// AddName adds every word of a name (a given name, a family name, a network member's full name) of two letters or
// more.
func (n Names) AddName(name string) {
	for w := range strings.FieldsSeq(people.SearchKey(name)) {
		if utf8.RuneCountInString(w) > 1 {
			n[w] = true
		}
	}
}

// has says whether a word's search key is one of the names, whole or (for a hyphenated name) by any of its parts.
func (n Names) has(key string) bool {
	if n[key] {
		return true
	}
	for w := range strings.FieldsSeq(key) {
		if n[w] {
			return true
		}
	}
	return false
}

var (
	// ten digits, alone or in groups of 3, 3 and 4 spaced or hyphenated.
	nhsPattern = regexp.MustCompile(`(?:^|[^0-9])([0-9]{3}[ \-]?[0-9]{3}[ \-]?[0-9]{4})(?:$|[^0-9])`)
	// a UK postcode, whole: an outward code (A9, A99, AA9, AA99, A9A, AA9A) and an inward code (9AA).
	postcodePattern = regexp.MustCompile(`(?i)\b([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})\b`)
	months          = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`
	// 12/03/1948, 12-3-48, 12.03.1948
	numericDate = regexp.MustCompile(`\b([0-9]{1,2})[/\-.]([0-9]{1,2})[/\-.]([0-9]{4}|[0-9]{2})\b`)
	// 1948-03-12
	isoDate = regexp.MustCompile(`\b([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\b`)
	// 12 March 1948, 12th of Mar 1948
	dayMonthYear = regexp.MustCompile(`(?i)\b([0-9]{1,2})(?:st|nd|rd|th)?(?: of)? ` + months + `\.?,? ([0-9]{4})\b`)
	// March 12, 1948; March 12th 1948
	monthDayYear = regexp.MustCompile(`(?i)\b` + months + `\.? ([0-9]{1,2})(?:st|nd|rd|th)?,? ([0-9]{4})\b`)
	// a word as a name is written: letters, with apostrophes and hyphens inside (O'Brien, Smith-Jones).
	wordPattern = regexp.MustCompile(`[\p{L}][\p{L}'’\-]*[\p{L}]|[\p{L}]`)
)

var monthNumbers = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// titles are the words that, before a capitalised word, make it a name whatever else it might be.
var titles = []string{"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "lord"}

// notNamesAlone are capitalised words that are months or days of the week: read as names only after a title.
var notNamesAlone = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// CapitalisedWords lists the search keys of the words in texts that could be names (capitalised, not all
// capitals), for the store to look up among the council's family names.
func CapitalisedWords(texts ...string) []string {
	var out []string
	for _, t := range texts {
		for _, w := range candidateNames(t) {
			if !slices.Contains(out, w.key) {
				out = append(out, w.key)
			}
		}
	}
	slices.Sort(out)
	return out
}

type candidate struct {
	text, key string
	at        int // byte offset
}

// candidateNames are the words of text that could be names: capitalised and not written all in capitals, and a
// month or day only after a title.
func candidateNames(text string) []candidate {
	var out []candidate
	prev := ""
	for _, loc := range wordPattern.FindAllStringIndex(text, -1) {
		w := text[loc[0]:loc[1]]
		key := people.SearchKey(w)
		afterTitle := slices.Contains(titles, prev)
		prev = key
		first, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(first) || utf8.RuneCountInString(w) < 2 || strings.ToUpper(w) == w {
			continue
		}
		if slices.Contains(titles, key) || (slices.Contains(notNamesAlone, key) && !afterTitle) {
			continue
		}
		out = append(out, candidate{text: w, key: key, at: loc[0]})
	}
	return out
}

// Check reads the fields of a story (field name to text, as Finding.Field names them) on today for personal
// details, with names the names to refuse. It lists what it finds in the order of fields given, then by place.
func Check(fields [][2]string, names Names, today sqldb.Date) []Finding {
	var out []Finding
	for _, f := range fields {
		field, text := f[0], f[1]
		var found []Finding
		add := func(kind FindingKind, start, end int) {
			found = append(found, Finding{Field: field, Kind: kind, Text: text[start:end], At: utf8.RuneCountInString(text[:start]) + 1})
		}
		for _, m := range nhsPattern.FindAllStringSubmatchIndex(text, -1) {
			n := text[m[2]:m[3]]
			if strings.ContainsAny(n, " -") || people.ValidNHSNumber(n) == nil {
				add(NHSNumber, m[2], m[3])
			}
		}
		for _, m := range postcodePattern.FindAllStringSubmatchIndex(text, -1) {
			if _, err := postcodes.Normalise(text[m[2]:m[3]]); err == nil {
				add(Postcode, m[2], m[3])
			}
		}
		for _, d := range dates(text, today) {
			add(DateOfBirth, d[0], d[1])
		}
		for _, c := range candidateNames(text) {
			if names.has(c.key) {
				add(Name, c.at, c.at+len(c.text))
			}
		}
		slices.SortStableFunc(found, func(a, b Finding) int { return a.At - b.At })
		out = append(out, found...)
	}
	return out
}

// dates finds the full dates in text that are real days not after today, as byte ranges.
func dates(text string, today sqldb.Date) [][2]int {
	var out [][2]int
	try := func(m []int, day, month, year int) {
		if year < 100 {
			// A two-digit year is read as the most recent year it could be.
			year += 2000
			if year > today.Year() {
				year -= 100
			}
		}
		t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if month < 1 || month > 12 || t.Day() != day || t.After(today.Time) {
			return
		}
		for _, o := range out {
			if m[0] < o[1] && o[0] < m[1] {
				return
			}
		}
		out = append(out, [2]int{m[0], m[1]})
	}
	num := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			return -1
		}
		return n
	}
	month := func(s string) int { return monthNumbers[strings.ToLower(s)[:3]] }
	sub := func(m []int, i int) string { return text[m[2*i]:m[2*i+1]] }
	for _, m := range isoDate.FindAllStringSubmatchIndex(text, -1) {
		try(m, num(sub(m, 3)), num(sub(m, 2)), num(sub(m, 1)))
	}
	for _, m := range numericDate.FindAllStringSubmatchIndex(text, -1) {
		try(m, num(sub(m, 1)), num(sub(m, 2)), num(sub(m, 3)))
	}
	for _, m := range dayMonthYear.FindAllStringSubmatchIndex(text, -1) {
		try(m, num(sub(m, 1)), month(sub(m, 2)), num(sub(m, 3)))
	}
	for _, m := range monthDayYear.FindAllStringSubmatchIndex(text, -1) {
		try(m, num(sub(m, 2)), month(sub(m, 1)), num(sub(m, 3)))
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	return out
}
