// UK postcode rules, from the shared reference standards.md §8.4. A format check does not prove a postcode exists;
// only an address lookup can do that.

package people

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The errors ValidPostcode returns, worded for a GOV.UK error message.
var (
	ErrPostcodeMissing = errors.New("Enter a postcode")
	ErrPostcodeFormat  = errors.New("Enter a real postcode")
)

// postcodePattern is the BS 7666 pattern from standards.md §8.4, copied exactly. It expects a normalised postcode.
var postcodePattern = regexp.MustCompile(`^(GIR 0AA|[A-PR-UWYZ]([0-9]{1,2}|([A-HK-Y][0-9]([0-9ABEHMNPRV-Y])?)|[0-9][A-HJKPS-UW]) [0-9][ABD-HJLNP-UW-Z]{2})$`)

// pseudoPostcodePattern matches the NHS pseudo-postcodes, "ZZ99" then a digit and two letters, such as ZZ99 3VZ
// for no fixed abode. standards.md §8.4 names the ZZ99 prefix; the rest of the shape is from general knowledge
// (unverified).
var pseudoPostcodePattern = regexp.MustCompile(`^ZZ99 [0-9][A-Z]{2}$`)

// NormalisePostcode puts a postcode in its standard form: capital letters, no spaces at either end and a single
// space before the last three characters, so "sw1a2aa" and " SW1A   2AA" both become "SW1A 2AA". Input too short
// to be a postcode only loses its spaces. It does not check the format; ValidPostcode does.
func NormalisePostcode(s string) string {
	compact := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
	// The shortest postcode is a two-character outward code and a three-character inward code.
	if utf8.RuneCountInString(compact) < 5 {
		return compact
	}
	r := []rune(compact)
	return string(r[:len(r)-3]) + " " + string(r[len(r)-3:])
}

// ValidPostcode reports whether s, once normalised, is a UK postcode in the right format (standards.md §8.4),
// GIR 0AA included. NHS pseudo-postcodes such as ZZ99 3VZ, which health records use for people with no fixed abode,
// are accepted too. An empty s gives ErrPostcodeMissing; a form where the postcode is optional should check for that
// first.
func ValidPostcode(s string) error {
	p := NormalisePostcode(s)
	switch {
	case p == "":
		return ErrPostcodeMissing
	case postcodePattern.MatchString(p), pseudoPostcodePattern.MatchString(p):
		return nil
	}
	return ErrPostcodeFormat
}

// IsPseudoPostcode reports whether s, once normalised, is an NHS pseudo-postcode (ZZ99 …). A pseudo-postcode says
// something about the person, such as having no fixed abode, and has no place on a map.
func IsPseudoPostcode(s string) bool {
	return pseudoPostcodePattern.MatchString(NormalisePostcode(s))
}
