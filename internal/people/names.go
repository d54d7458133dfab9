// Names: how they are tidied for storage, checked on a form, and turned into search keys so that a search finds
// "Siobhán O'Brien" whether or not the searcher types the accent or the apostrophe.

package people

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameLength is the most characters a name may have.
const MaxNameLength = 100

// NormaliseName tidies a name for display and storage: no spaces at either end, and each run of spaces, tabs or
// line breaks inside it becomes one space. Case and accents are kept as the person writes them.
func NormaliseName(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// ValidName checks one name field once normalised. label names the field in lower case, as in "family name", and
// is used in the messages:
//
//   - "Enter the person's family name" when required is true and the name is empty;
//   - "Family name must be 100 characters or less";
//   - "Family name must not include hidden or control characters";
//   - "Family name must include at least one letter".
//
// An empty name that is not required is valid. Any script's letters are accepted, and so are digits and punctuation
// beside them, because real names vary more than any rule allows.
func ValidName(label, s string, required bool) error {
	name := NormaliseName(s)
	if name == "" {
		if required {
			return fmt.Errorf("Enter the person's %s", label)
		}
		return nil
	}
	field := upperFirst(label)
	if utf8.RuneCountInString(name) > MaxNameLength {
		return fmt.Errorf("%s must be %d characters or less", field, MaxNameLength)
	}
	if !utf8.ValidString(name) || strings.ContainsFunc(name, isHiddenRune) {
		return fmt.Errorf("%s must not include hidden or control characters", field)
	}
	if !strings.ContainsFunc(name, unicode.IsLetter) {
		return fmt.Errorf("%s must include at least one letter", field)
	}
	return nil
}

// isHiddenRune reports whether r is a control character, or a bidirectional override or isolate that could make a
// name display differently from how it is stored. Zero-width joiners stay allowed: some scripts need them.
func isHiddenRune(r rune) bool {
	switch {
	case unicode.IsControl(r):
		return true
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069', r == '\u200E', r == '\u200F':
		return true
	case r == '\uFEFF', r == utf8.RuneError:
		return true
	}
	return false
}

// upperFirst returns s with its first letter in capitals.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// SearchKey returns the form of s that searches and duplicate checks compare: lower case, with accents removed
// ("Siobhán" becomes "siobhan"), apostrophes dropped ("O'Brien" becomes "obrien"), and every other run of
// punctuation or spaces, hyphens included, turned into one space ("Smith-Jones" becomes "smith jones"). Letters
// outside the Latin alphabet are kept, in lower case where the script has one.
func SearchKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isApostropheLike(r), unicode.Is(unicode.Mn, r):
			// Dropped without a break: O'Brien is one word, and a combining accent belongs to its letter.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			r = unicode.ToLower(r)
			if plain, ok := foldedLetters[r]; ok {
				b.WriteString(plain)
			} else {
				b.WriteRune(r)
			}
		default:
			space = true
		}
	}
	return b.String()
}

// NameTokens returns the distinct search tokens for a person's names, in the order they first appear: each word of
// each name's SearchKey; for a name of more than one word, the words run together; and, for a word with an
// apostrophe, the parts of it longer than one letter. So "Smith-Jones" gives "smith", "jones" and "smithjones", and
// "O'Brien" gives "obrien" and "brien". A search for any token, or for the start of one, finds the person. Empty
// names are skipped.
func NameTokens(given, family, preferred string) []string {
	var tokens []string
	seen := make(map[string]bool)
	add := func(tok string) {
		if tok != "" && !seen[tok] {
			seen[tok] = true
			tokens = append(tokens, tok)
		}
	}
	for _, name := range []string{given, family, preferred} {
		words := strings.Fields(SearchKey(name))
		for _, w := range words {
			add(w)
		}
		if len(words) > 1 {
			add(strings.Join(words, ""))
		}
		if strings.ContainsFunc(name, isApostropheLike) {
			split := strings.Map(func(r rune) rune {
				if isApostropheLike(r) {
					return ' '
				}
				return r
			}, name)
			for _, part := range strings.Fields(SearchKey(split)) {
				if utf8.RuneCountInString(part) > 1 {
					add(part)
				}
			}
		}
	}
	return tokens
}

// QueryTerms splits a search box entry into distinct terms, in the order typed, the same way NameTokens splits
// names: "o'brien Siobhán" gives "obrien" and "siobhan". A person matches when every term is the start of one of
// their NameTokens.
func QueryTerms(q string) []string {
	var terms []string
	seen := make(map[string]bool)
	for _, w := range strings.Fields(SearchKey(q)) {
		if !seen[w] {
			seen[w] = true
			terms = append(terms, w)
		}
	}
	return terms
}

// isApostropheLike reports whether r is an apostrophe or a character typed in place of one.
func isApostropheLike(r rune) bool {
	switch r {
	case '\'', '\u2018', '\u2019', '\u201B', '\u02BC', '\u0060', '\u00B4', '\u2032':
		return true
	}
	return false
}

// foldedLetters maps lower-case Latin letters with accents, and a few special letters, to plain ASCII. It covers
// Latin-1 and Latin Extended-A, which hold the letters of the European languages most names in English records
// use, plus Romanian's comma-below letters. Text in decomposed form needs no table: SearchKey drops combining marks.
var foldedLetters = func() map[rune]string {
	m := make(map[rune]string)
	for plain, accented := range map[string]string{
		"a":  "àáâãäåāăą",
		"c":  "çćĉċč",
		"d":  "ďđð",
		"e":  "èéêëēĕėęě",
		"g":  "ĝğġģ",
		"h":  "ĥħ",
		"i":  "ìíîïĩīĭįı",
		"j":  "ĵ",
		"k":  "ķĸ",
		"l":  "ĺļľŀł",
		"n":  "ñńņňŉŋ",
		"o":  "òóôõöøōŏő",
		"r":  "ŕŗř",
		"s":  "śŝşšș",
		"t":  "ţťŧț",
		"u":  "ùúûüũūŭůűų",
		"w":  "ŵ",
		"y":  "ýÿŷ",
		"z":  "źżž",
		"ss": "ß",
		"ae": "æ",
		"oe": "œ",
		"th": "þ",
		"ij": "ĳ",
	} {
		for _, r := range accented {
			m[r] = plain
		}
	}
	return m
}()
