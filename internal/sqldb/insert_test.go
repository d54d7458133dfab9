package sqldb

import "testing"

func TestInsert(t *testing.T) {
	tests := []struct {
		cols []string
		want string
	}{
		{[]string{"council_id"}, "INSERT INTO t (council_id) VALUES ($1)"},
		{[]string{"council_id", "id", "name"}, "INSERT INTO t (council_id, id, name) VALUES ($1, $2, $3)"},
	}
	for _, tt := range tests {
		if got := Insert("t", tt.cols); got != tt.want {
			t.Errorf("Insert(%v) = %q, want %q", tt.cols, got, tt.want)
		}
	}
}
