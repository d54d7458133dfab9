package validation

import (
	"errors"
	"testing"
)

func TestProblemsKeepTheFormsOrder(t *testing.T) {
	t.Parallel()
	var ps Problems
	ps.Append("held_on", "Enter the date of the conversation")
	ps.Add("step", nil)
	ps.Add("step", errors.New("Select the step this conversation was part of"))
	want := Problems{
		{Field: "held_on", Message: "Enter the date of the conversation"},
		{Field: "step", Message: "Select the step this conversation was part of"},
	}
	if len(ps) != len(want) {
		t.Fatalf("problems = %v, want %v", ps, want)
	}
	for i := range want {
		if ps[i] != want[i] {
			t.Errorf("problem %d = %v, want %v", i, ps[i], want[i])
		}
	}
	got, ok := AsProblems(errors.Join(errors.New("save"), ps))
	if !ok || len(got) != 2 {
		t.Errorf("AsProblems = %v, %v", got, ok)
	}
}
