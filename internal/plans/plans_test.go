package plans

import (
	"math"
	"testing"

	"github.com/golden-thread/goldenthread/internal/validation"
)

func fields(ps validation.Problems) []string {
	var f []string
	for _, p := range ps {
		f = append(f, p.Field)
	}
	return f
}

func TestFormatPence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   int64
		want string
	}{
		{0, "£0.00"},
		{5, "£0.05"},
		{99, "£0.99"},
		{100, "£1.00"},
		{123450, "£1,234.50"},
		{100000, "£1,000.00"},
		{99999, "£999.99"},
		{123456789, "£1,234,567.89"},
		{-250, "-£2.50"},
		{-123450, "-£1,234.50"},
		{math.MaxInt64, "£92,233,720,368,547,758.07"},
		{math.MinInt64, "-£92,233,720,368,547,758.08"},
	}
	for _, tt := range tests {
		if got := FormatPence(tt.in); got != tt.want {
			t.Errorf("FormatPence(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
