package people

import (
	"errors"
	"testing"
)

func TestNormaliseNHSNumber(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"9434765919":         "9434765919",
		"943 476 5919":       "9434765919",
		"943-476-5919":       "9434765919",
		" 943 476-5919 ":     "9434765919",
		"943\u00a0476\t5919": "9434765919",
		"943–476–5919":       "9434765919", // en dashes pasted from a document
		"94347659l9":         "94347659l9",
		"":                   "",
	}
	for in, want := range tests {
		if got := NormaliseNHSNumber(in); got != want {
			t.Errorf("NormaliseNHSNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidNHSNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want error
	}{
		// Test vectors from standards.md §8.1.
		{"valid 9434765919", "9434765919", nil},
		{"valid 9434765870", "9434765870", nil},
		{"valid 4010232137", "4010232137", nil},
		{"valid 4505577104", "4505577104", nil},
		{"invalid 9434765918", "9434765918", ErrNHSNumberCheckDigit},
		{"invalid 1234567890", "1234567890", ErrNHSNumberCheckDigit},

		{"spaces", "943 476 5919", nil},
		{"hyphens", "943-476-5919", nil},
		{"spaces and hyphens", " 943 - 476 - 5870 ", nil},
		{"check digit 0", "9990000050", nil}, // 11 − 0 = 11, so the check digit is 0
		{"check digit would be 10", "9990000140", ErrNHSNumberCheckDigit},
		{"synthetic valid", "999 000 0085", nil},
		{"synthetic wrong check digit", "9990000084", ErrNHSNumberCheckDigit},
		{"empty", "", ErrNHSNumberMissing},
		{"only spaces", "   ", ErrNHSNumberMissing},
		{"nine digits", "943476591", ErrNHSNumberLength},
		{"eleven digits", "94347659190", ErrNHSNumberLength},
		{"letters", "943476591A", ErrNHSNumberCharacters},
		{"letter o for zero", "9434765O19", ErrNHSNumberCharacters},
		{"full stops", "943.476.5919", ErrNHSNumberCharacters},
		{"other digits", "٩٤٣٤٧٦٥٩١٩", ErrNHSNumberCharacters},
		{"all zeros", "0000000000", ErrNHSNumberRepeated},
		{"all nines", "999 999 9999", ErrNHSNumberRepeated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidNHSNumber(tt.in); !errors.Is(got, tt.want) {
				t.Errorf("ValidNHSNumber(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestNHSNumberMessages(t *testing.T) {
	t.Parallel()
	tests := map[error]string{
		ErrNHSNumberMissing:    "Enter an NHS number",
		ErrNHSNumberCharacters: "NHS number must only include numbers 0 to 9",
		ErrNHSNumberLength:     "NHS number must be 10 digits",
		ErrNHSNumberCheckDigit: "Enter a real NHS number: the check digit does not match",
		ErrNHSNumberRepeated:   "Enter a real NHS number: it cannot be the same digit 10 times",
	}
	for err, want := range tests {
		if err.Error() != want {
			t.Errorf("message %q, want %q", err.Error(), want)
		}
	}
}

func TestFormatNHSNumber(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"9434765919":    "943 476 5919",
		"943-476-5919":  "943 476 5919",
		" 943476 5919 ": "943 476 5919",
		"94347659":      "94347659",
		" 943 476 59 ":  "943 476 59",
		"94347659AB":    "94347659AB",
		"":              "",
	}
	for in, want := range tests {
		if got := FormatNHSNumber(in); got != want {
			t.Errorf("FormatNHSNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
