package disclosure

import "testing"

func TestSafeSuppressesSmallCountsAndRoundsTheRest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    int
		want string
	}{
		{0, "0"}, {1, "fewer than 6"}, {5, "fewer than 6"}, {6, "5"}, {7, "5"}, {8, "10"}, {12, "10"}, {13, "15"}, {100, "100"}, {102, "100"}, {103, "105"},
	}
	for _, tt := range tests {
		if got := Safe(tt.n).String(); got != tt.want {
			t.Errorf("Safe(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestPercentNeverGivesAwayASuppressedCount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n, of int
		want  string
	}{
		{0, 0, ""}, {3, 20, ""}, {18, 20, ""}, {10, 20, "50%"}, {0, 20, "0%"}, {20, 20, "100%"}, {2, 4, ""}, {7, 30, "23%"},
	}
	for _, tt := range tests {
		if got := Percent(tt.n, tt.of); got != tt.want {
			t.Errorf("Percent(%d, %d) = %q, want %q", tt.n, tt.of, got, tt.want)
		}
	}
}
