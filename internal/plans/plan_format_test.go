package plans_test

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
)

func TestPlanFormatFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		formats  []string
		want     plans.PlanFormat
		label    string
		keyFirst bool
	}{
		{nil, plans.PlanFormat{}, "Standard print", false},
		{[]string{people.EasyRead}, plans.PlanFormat{EasyRead: true}, "Easy Read", true},
		{[]string{people.LargePrint}, plans.PlanFormat{LargePrint: true}, "Large print", true},
		{[]string{people.LargePrint, people.EasyRead}, plans.PlanFormat{EasyRead: true, LargePrint: true}, "Easy Read in large print", true},
	}
	for _, tt := range tests {
		got := plans.PlanFormatFor(people.Person{InformationFormats: tt.formats, CommunicationNeeds: "Easy Read please"})
		if got != tt.want || got.Label() != tt.label || got.KeyFactsFirst() != tt.keyFirst {
			t.Errorf("PlanFormatFor(%v) = %+v %q %v, want %+v %q %v", tt.formats, got, got.Label(), got.KeyFactsFirst(), tt.want, tt.label, tt.keyFirst)
		}
	}
}
