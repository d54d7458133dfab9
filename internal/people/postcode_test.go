package people

import (
	"errors"
	"testing"
)

func TestNormalisePostcode(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"SW1A 2AA":      "SW1A 2AA",
		"sw1a2aa":       "SW1A 2AA",
		"  sw1a   2aa ": "SW1A 2AA",
		"Ec1a\t1bb":     "EC1A 1BB",
		"m11aa":         "M1 1AA",
		"M 1 1 A A":     "M1 1AA",
		"gir0aa":        "GIR 0AA",
		"zz993vz":       "ZZ99 3VZ",
		"M1":            "M1",
		" m1a ":         "M1A",
		"":              "",
	}
	for in, want := range tests {
		if got := NormalisePostcode(in); got != want {
			t.Errorf("NormalisePostcode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidPostcode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want error
	}{
		// Accepted in standards.md §8.4: one example of each outward pattern, and three more.
		{"M1 1AA", nil},
		{"M60 1NW", nil},
		{"CR2 6XH", nil},
		{"DN55 1PT", nil},
		{"W1A 1HQ", nil},
		{"EC1A 1BB", nil},
		{"SW1A 2AA", nil},
		{"BS10 7HG", nil},
		{"NE26 1AB", nil},
		// Rejected in standards.md §8.4.
		{"QA1 1AA", ErrPostcodeFormat},
		{"M1 1AC", ErrPostcodeFormat},
		{"A12 77Y", ErrPostcodeFormat},
		// The special cases.
		{"GIR 0AA", nil},
		{"gir0aa", nil},
		{"ZZ99 3VZ", nil},
		{"zz993wz", nil},
		{"ZZ99 3CZ", nil},
		// Lower case, no space and extra spaces are normalised first.
		{"sw1a2aa", nil},
		{"ec1a 1bb", nil},
		{"  Dn55   1pt  ", nil},
		// Letter rules.
		{"VA1 1AA", ErrPostcodeFormat},  // V never first
		{"AJ1 1AA", ErrPostcodeFormat},  // J never second
		{"W1I 1HQ", ErrPostcodeFormat},  // I not third in A9A
		{"EC1C 1BB", ErrPostcodeFormat}, // C not fourth in AA9A
		{"M1 1AK", ErrPostcodeFormat},   // K never in the inward code
		{"ZZ99 3V", ErrPostcodeFormat},
		{"ZZ98 3VZ", ErrPostcodeFormat},
		// Wrong shape.
		{"M1", ErrPostcodeFormat},
		{"M1 1A", ErrPostcodeFormat},
		{"SW1A 2AAA", ErrPostcodeFormat},
		{"SW1A-2AA", ErrPostcodeFormat},
		{"12345", ErrPostcodeFormat},
		{"", ErrPostcodeMissing},
		{"   ", ErrPostcodeMissing},
	}
	for _, tt := range tests {
		if got := ValidPostcode(tt.in); !errors.Is(got, tt.want) {
			t.Errorf("ValidPostcode(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsPseudoPostcode(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{
		"ZZ99 3VZ": true,
		"zz993wz":  true,
		"SW1A 2AA": false,
		"ZZ9 3VZ":  false,
		"":         false,
	}
	for in, want := range tests {
		if got := IsPseudoPostcode(in); got != want {
			t.Errorf("IsPseudoPostcode(%q) = %v, want %v", in, got, want)
		}
	}
}
