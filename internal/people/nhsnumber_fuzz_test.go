package people

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNHSNumber: any text typed as an NHS number is either refused with one of the named errors or is ten digits
// that pass the check digit, and normalising is idempotent.
func FuzzNHSNumber(f *testing.F) {
	for _, s := range []string{"943 476 5919", "943-476-5919", "9434765919", "9434765918", "0000000000", "", " ", "94347659", "94347659190",
		"943476591x", "９４３４７６５９１９", "943\u2011476\u20115919", "4010232137", "999 000 0948", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormaliseNHSNumber(s)
		if again := NormaliseNHSNumber(n); again != n {
			t.Fatalf("normalising %q twice: %q then %q", s, n, again)
		}
		switch err := ValidNHSNumber(s); err {
		case nil:
			if len(n) != 10 || !allDigits(n) {
				t.Fatalf("%q accepted as %q, not ten digits", s, n)
			}
			if ValidNHSNumber(n) != nil {
				t.Fatalf("%q accepted but its normal form %q is not", s, n)
			}
		case ErrNHSNumberMissing, ErrNHSNumberCharacters, ErrNHSNumberLength, ErrNHSNumberCheckDigit, ErrNHSNumberRepeated:
			if err == ErrNHSNumberMissing && strings.TrimSpace(n) != "" {
				t.Fatalf("%q said missing, but normalises to %q", s, n)
			}
		default:
			t.Fatalf("%q: unexpected error %v", s, err)
		}
	})
}

// FuzzNames: a normalised name stays normalised, and checking and searching for it never panic.
func FuzzNames(f *testing.F) {
	for _, s := range []string{"Ada", "  ada   lovelace ", "O'Brien", "o’brien", "Okafor-Dale", "Zoë", "\u200bAda", "", "a\x00b", "ß", "İ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // form values reach here as UTF-8
		}
		n := NormaliseName(s)
		if again := NormaliseName(n); again != n {
			t.Fatalf("normalising %q twice: %q then %q", s, n, again)
		}
		_ = ValidName("Given name", n, true)
		_ = QueryTerms(s)
		_ = NameTokens(n, n, "")
	})
}
