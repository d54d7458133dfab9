package people

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalisePhone(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"01632 960 001":        "01632960001",
		"07700 900 982":        "07700900982",
		"+44 808 157 0192":     "08081570192",
		"+44 (0)1632 960 001":  "01632960001",
		"+44(0)20 7946 0000":   "02079460000",
		"0044 7700 900982":     "07700900982",
		"(01632) 960-001":      "01632960001",
		"01632.960.001":        "01632960001",
		" 020 7946 0000 ":      "02079460000",
		"+33 1 23 45 67 89":    "+33 1 23 45 67 89",
		"01632 960 001 ext 12": "01632 960 001 ext 12",
		"++44 808 157 0192":    "++44 808 157 0192",
		"":                     "",
	}
	for in, want := range tests {
		if got := NormalisePhone(in); got != want {
			t.Errorf("NormalisePhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidPhone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want error
	}{
		{"01632 960 001", nil},
		{"07700 900 982", nil},
		{"+44 808 157 0192", nil},
		{"+447700900982", nil},
		{"+44 (0)1632 960001", nil},
		{"0044 20 7946 0000", nil},
		{"(020) 7946 0000", nil},
		{"0800 123456", nil}, // 10 digits
		{"016977 0123", nil}, // 10 digits
		{"07700-900-982", nil},
		{"", ErrPhoneMissing},
		{"   ", ErrPhoneMissing},
		{"0770090098", nil},
		{"077009009", ErrPhoneFormat},    // 9 digits
		{"077009009821", ErrPhoneFormat}, // 12 digits
		{"7700 900982", ErrPhoneFormat},  // no leading 0
		{"+33 1 23 45 67 89", ErrPhoneFormat},
		{"07700 9OO 982", ErrPhoneFormat},
		{"07700 900 982 ext 1", ErrPhoneFormat},
		{"07700+900982", ErrPhoneFormat},
		{"+44", ErrPhoneFormat},
	}
	for _, tt := range tests {
		if got := ValidPhone(tt.in); !errors.Is(got, tt.want) {
			t.Errorf("ValidPhone(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if got := ErrPhoneFormat.Error(); got != "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192" {
		t.Errorf("phone format message = %q", got)
	}
}

func TestNormaliseEmail(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		" Name@Example.COM ": "Name@example.com",
		"name@example.com":   "name@example.com",
		"no at sign":         "no at sign",
	}
	for in, want := range tests {
		if got := NormaliseEmail(in); got != want {
			t.Errorf("NormaliseEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidEmail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want error
	}{
		{"name@example.com", nil},
		{" name@example.com ", nil},
		{"first.last+care@example.org.uk", nil},
		{"o'brien@example.co.uk", nil},
		{"name@sub-domain.example.com", nil},
		{"", ErrEmailMissing},
		{"  ", ErrEmailMissing},
		{"name", ErrEmailFormat},
		{"name@", ErrEmailFormat},
		{"@example.com", ErrEmailFormat},
		{"name@example", ErrEmailFormat},
		{"name@example.", ErrEmailFormat},
		{"name@.example.com", ErrEmailFormat},
		{"name@example..com", ErrEmailFormat},
		{"name@-example.com", ErrEmailFormat},
		{"name@@example.com", ErrEmailFormat},
		{"name @example.com", ErrEmailFormat},
		{"Name <name@example.com>", ErrEmailFormat},
		{"<name@example.com>", ErrEmailFormat},
		{"name@example.com (home)", ErrEmailFormat},
		{"name@example.com, other@example.com", ErrEmailFormat},
		{"name@[192.0.2.1]", ErrEmailFormat},
		{`"name"@example.com`, ErrEmailFormat},
		{strings.Repeat("a", 64) + "@" + strings.Repeat("b", 186) + ".com", ErrEmailLength},
	}
	for _, tt := range tests {
		if got := ValidEmail(tt.in); !errors.Is(got, tt.want) {
			t.Errorf("ValidEmail(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if got := ErrEmailFormat.Error(); got != "Enter an email address in the correct format, like name@example.com" {
		t.Errorf("email format message = %q", got)
	}
}
