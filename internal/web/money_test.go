package web

import "testing"

func TestParsePounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		want   int64
		wantOK bool
	}{
		{"350", 35000, true},
		{"350.50", 35050, true},
		{"350.5", 35050, true},
		{" £350.05 ", 35005, true},
		{"£ 12", 1200, true},
		{"1,350", 135000, true},
		{"12,350,000.99", 1235000099, true},
		{"0", 0, true},
		{"0.01", 1, true},
		{".50", 50, true},
		{"999999999.99", 99999999999, true},
		{"", 0, false},
		{"   ", 0, false},
		{"£", 0, false},
		{"350.", 0, false},
		{"350.505", 0, false},
		{"-350", 0, false},
		{"+350", 0, false},
		{"three hundred", 0, false},
		{"35O", 0, false},
		{"13,50", 0, false},
		{",350", 0, false},
		{"1,3500", 0, false},
		{"350.5a", 0, false},
		{"1e3", 0, false},
		{"1000000000", 0, false},
		{"350 pounds", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParsePounds(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParsePounds(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestPoundsInputParsesBack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pence int64
		want  string
	}{{0, "0"}, {1, "0.01"}, {50, "0.50"}, {35000, "350"}, {35050, "350.50"}, {123456789, "1234567.89"}}
	for _, tt := range tests {
		got := PoundsInput(tt.pence)
		if got != tt.want {
			t.Errorf("PoundsInput(%d) = %q, want %q", tt.pence, got, tt.want)
		}
		if back, ok := ParsePounds(got); !ok || back != tt.pence {
			t.Errorf("ParsePounds(PoundsInput(%d)) = %d, %v", tt.pence, back, ok)
		}
	}
}
