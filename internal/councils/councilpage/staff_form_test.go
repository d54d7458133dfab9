package councilpage

import "testing"

func TestLooksLikeEmail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in string
		ok bool
	}{
		{"sam@example.gov.uk", true},
		{"sam.example+work@council.org", true},
		{"", false},
		{"sam", false},
		{"@example.org", false},
		{"sam@localhost", false},
		{"sam@.org", false},
		{"sam@example.", false},
		{"sam@@example.org", false},
		{"sam example@example.org", false},
	}
	for _, tt := range tests {
		if got := looksLikeEmail(tt.in); got != tt.ok {
			t.Errorf("looksLikeEmail(%q) = %v, want %v", tt.in, got, tt.ok)
		}
	}
}
