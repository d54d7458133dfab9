package people

import (
	"errors"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestValidDateOfBirth(t *testing.T) {
	t.Parallel()
	today := date(2026, time.June, 15)
	tests := []struct {
		name  string
		dob   time.Time
		today time.Time
		want  string // the error message, or "" for valid
	}{
		{"yesterday", date(2026, time.June, 14), today, ""},
		{"adult", date(1958, time.March, 3), today, ""},
		{"29 February", date(1960, time.February, 29), today, ""},
		{"today", date(2026, time.June, 15), today, "Date of birth must be in the past"},
		{"today later in the day", date(2026, time.June, 15).Add(23 * time.Hour), today, "Date of birth must be in the past"},
		{"tomorrow", date(2026, time.June, 16), today, "Date of birth must be in the past"},
		{"next year", date(2027, time.January, 1), today, "Date of birth must be in the past"},
		{"exactly 130 today", date(1896, time.June, 15), today, ""},
		{"2 January 130 years back", date(1896, time.January, 2), today, ""},
		{"1 January 130 years back", date(1896, time.January, 1), today, "Date of birth must be after 1 January 1896"},
		{"131 years ago", date(1895, time.June, 15), today, "Date of birth must be after 1 January 1896"},
		{"1026 typed for 1926", date(1026, time.June, 15), today, "Date of birth must be after 1 January 1896"},
		{"limit moves with the year", date(1897, time.January, 1), date(2027, time.January, 1), "Date of birth must be after 1 January 1897"},
		{"missing", time.Time{}, today, "Enter the person's date of birth"},
		{
			"local midnight is still that date",
			time.Date(2026, time.June, 14, 0, 30, 0, 0, time.FixedZone("BST", 3600)),
			time.Date(2026, time.June, 15, 0, 10, 0, 0, time.FixedZone("BST", 3600)),
			"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if err := ValidDateOfBirth(tt.dob, tt.today); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("ValidDateOfBirth(%s, %s) = %q, want %q", tt.dob.Format(time.DateOnly), tt.today.Format(time.DateOnly), got, tt.want)
			}
		})
	}
	if err := ValidDateOfBirth(date(2030, time.May, 1), today); !errors.Is(err, ErrDateOfBirthFuture) {
		t.Errorf("future date gave %v, want ErrDateOfBirthFuture", err)
	}
}

func TestAge(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		dob, today time.Time
		want       int
	}{
		{"day before birthday", date(1958, time.March, 3), date(2026, time.March, 2), 67},
		{"on birthday", date(1958, time.March, 3), date(2026, time.March, 3), 68},
		{"day after birthday", date(1958, time.March, 3), date(2026, time.March, 4), 68},
		{"end of year", date(1958, time.December, 31), date(2026, time.December, 30), 67},
		{"new year", date(1958, time.January, 1), date(2026, time.January, 1), 68},
		{"29 February, 28 February in a common year", date(2008, time.February, 29), date(2025, time.February, 28), 16},
		{"29 February, 1 March in a common year", date(2008, time.February, 29), date(2025, time.March, 1), 17},
		{"29 February, 28 February in a leap year", date(2008, time.February, 29), date(2028, time.February, 28), 19},
		{"29 February, 29 February in a leap year", date(2008, time.February, 29), date(2028, time.February, 29), 20},
		{"born on 1 March, 29 February", date(2008, time.March, 1), date(2028, time.February, 29), 19},
		{"born today", date(2026, time.June, 15), date(2026, time.June, 15), 0},
		{"born after today", date(2027, time.June, 15), date(2026, time.June, 15), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Age(tt.dob, tt.today); got != tt.want {
				t.Errorf("Age(%s, %s) = %d, want %d", tt.dob.Format(time.DateOnly), tt.today.Format(time.DateOnly), got, tt.want)
			}
		})
	}
}
