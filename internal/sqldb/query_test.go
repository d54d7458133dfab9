package sqldb

import (
	"slices"
	"testing"
)

func TestIn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []any
		values   []string
		wantIn   string
		wantArgs []any
	}{
		{"after the council", []any{"c"}, []string{"a", "b", "d"}, "$2, $3, $4", []any{"c", "a", "b", "d"}},
		{"after two arguments", []any{"c", "w"}, []string{"t"}, "$3", []any{"c", "w", "t"}},
		{"no arguments before", nil, []string{"a", "b"}, "$1, $2", []any{"a", "b"}},
		{"no values", []any{"c"}, nil, "", []any{"c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			before := slices.Clone(tt.args)
			in, args := In(tt.args, tt.values)
			if in != tt.wantIn || !slices.Equal(args, tt.wantArgs) {
				t.Errorf("In(%v, %v) = %q, %v; want %q, %v", tt.args, tt.values, in, args, tt.wantIn, tt.wantArgs)
			}
			if !slices.Equal(tt.args, before) {
				t.Errorf("In changed the arguments it was given: %v", tt.args)
			}
		})
	}
}
