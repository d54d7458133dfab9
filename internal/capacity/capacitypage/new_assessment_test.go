package capacitypage

import (
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// The time of an assessment is 24-hour time, as people type it: with a colon or a full stop, the hour with or
// without its leading zero. Anything else is one error against the time field.
func TestReadWhen(t *testing.T) {
	on := web.DateInput{Day: "3", Month: "6", Year: "2026"}
	tests := []struct {
		at         string
		hour, mins int
		ok         bool
	}{
		{"14:30", 14, 30, true},
		{"09:05", 9, 5, true},
		{"9:05", 9, 5, true},
		{"9.05", 9, 5, true},
		{"00:00", 0, 0, true},
		{"23:59", 23, 59, true},
		{"24:00", 0, 0, false},
		{"25:00", 0, 0, false},
		{"9:5", 0, 0, false},
		{"14:60", 0, 0, false},
		{"2.30pm", 0, 0, false},
		{"14:30:00", 0, 0, false},
		{" 14:30", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		var errs web.Errors
		got := readWhen(&errs, on, tt.at)
		if !tt.ok {
			if !errs.Has("assessed_time") || !got.IsZero() {
				t.Errorf("%q: read as %v with errors %v, want the time refused", tt.at, got, errs)
			}
			continue
		}
		want := time.Date(2026, 6, 3, tt.hour, tt.mins, 0, 0, sqldb.London()).UTC()
		if errs.Any() || !got.Equal(want) {
			t.Errorf("%q: read as %v with errors %v, want %v", tt.at, got, errs, want)
		}
	}
}
