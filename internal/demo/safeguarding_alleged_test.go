package demo

import "testing"

// TestEveryDemoConcernSaysWhoIsAlleged checks each kind of demo concern records, as the form would accept it,
// whether anyone is alleged to have caused the harm.
func TestEveryDemoConcernSaysWhoIsAlleged(t *testing.T) {
	t.Parallel()
	for _, k := range sgKinds {
		a, ok := sgAlleged[k.happened]
		if !ok {
			t.Errorf("%q: nobody said whether anyone is alleged to have caused it", k.happened)
			continue
		}
		if ps := a.Validate(); len(ps) > 0 {
			t.Errorf("%q: %v", k.happened, ps)
		}
	}
	if len(sgAlleged) != len(sgKinds) {
		t.Errorf("%d alleged people for %d kinds of concern", len(sgAlleged), len(sgKinds))
	}
}
