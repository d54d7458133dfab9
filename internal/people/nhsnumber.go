// NHS number rules, from the shared reference standards.md §8.1 (and §1.6: Client Level Data needs a valid NHS
// number, and the council's own person ID is always exported beside it).

package people

import (
	"errors"
	"strings"
	"unicode"
)

// The errors ValidNHSNumber returns. Their text follows the GOV.UK Design System's error message pattern, so a page
// can show it as it is.
var (
	ErrNHSNumberMissing    = errors.New("Enter an NHS number")
	ErrNHSNumberCharacters = errors.New("NHS number must only include numbers 0 to 9")
	ErrNHSNumberLength     = errors.New("NHS number must be 10 digits")
	ErrNHSNumberCheckDigit = errors.New("Enter a real NHS number: the check digit does not match")
	ErrNHSNumberRepeated   = errors.New("Enter a real NHS number: it cannot be the same digit 10 times")
)

// NormaliseNHSNumber removes the spaces and hyphens people type or paste into an NHS number, so that "943 476 5919"
// and "943-476-5919" both become "9434765919". Any other character is kept, for ValidNHSNumber to reject.
func NormaliseNHSNumber(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || isHyphenLike(r) {
			return -1
		}
		return r
	}, s)
}

// ValidNHSNumber reports whether s, once normalised, is a well-formed NHS number: 10 digits whose last digit is the
// modulus-11 check digit of the first nine (standards.md §8.1). Numbers of one digit repeated, such as 0000000000,
// pass the checksum but are never issued, so they are refused too. An empty s gives ErrNHSNumberMissing; a form where
// the NHS number is optional should check for that first.
func ValidNHSNumber(s string) error {
	n := NormaliseNHSNumber(s)
	switch {
	case n == "":
		return ErrNHSNumberMissing
	case !allDigits(n):
		return ErrNHSNumberCharacters
	case len(n) != 10:
		return ErrNHSNumberLength
	case strings.Count(n, n[:1]) == 10:
		return ErrNHSNumberRepeated
	}
	sum := 0
	for i := range 9 {
		sum += int(n[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	switch check {
	case 11:
		check = 0
	case 10:
		// No number with this check digit is ever issued.
		return ErrNHSNumberCheckDigit
	}
	if int(n[9]-'0') != check {
		return ErrNHSNumberCheckDigit
	}
	return nil
}

// FormatNHSNumber returns the NHS number in s the way it is usually shown, in groups of 3, 3 and 4 digits
// ("943 476 5919"). If s is not 10 digits once normalised, it is returned trimmed but otherwise as entered, so bad
// data is shown as it was recorded rather than hidden.
func FormatNHSNumber(s string) string {
	n := NormaliseNHSNumber(s)
	if len(n) != 10 || !allDigits(n) {
		return strings.TrimSpace(s)
	}
	return n[:3] + " " + n[3:6] + " " + n[6:]
}

// isHyphenLike reports whether r is a hyphen or a dash that word processors put in place of one.
func isHyphenLike(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
		return true
	}
	return false
}

// allDigits reports whether s is non-empty and holds only the ASCII digits 0 to 9.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
