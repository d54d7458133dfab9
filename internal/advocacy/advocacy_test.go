package advocacy

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

var today = sqldb.NewDate(time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC))

func none() map[Area]Difficulty {
	m := map[Area]Difficulty{}
	for _, a := range Areas() {
		m[a] = Difficulty{Answered: true}
	}
	return m
}

func with(a Area) map[Area]Difficulty {
	m := none()
	m[a] = Difficulty{Answered: true, Substantial: true, Evidence: "Seen at the visit"}
	return m
}

func allPass() map[Check]bool {
	return map[Check]bool{NotPaid: true, Consents: true, AbleAvailable: true, NotImplicated: true}
}

func named(d map[Area]Difficulty) Needs {
	return Needs{Difficulties: d, PersonName: "Jo Smith", Relationship: "Niece", Passes: allPass(), Processes: Processes(), RecordedOn: today}
}

func nobody(d map[Area]Difficulty) Needs {
	return Needs{Difficulties: d, NoAppropriatePerson: true, Processes: Processes(), RecordedOn: today}
}

func TestDuty(t *testing.T) {
	t.Parallel()
	failing := func(c Check) Needs {
		n := named(with(Understanding))
		n.Passes[c] = false
		return n
	}
	tests := []struct {
		name   string
		needs  Needs
		due    bool
		reason string // a part of the reason
	}{
		{"no difficulty, nobody", nobody(none()), false, ""},
		{"no difficulty, NHS accommodation", func() Needs { n := nobody(none()); n.NHSAccommodation = true; return n }(), false, ""},
		{"understanding, nobody", nobody(with(Understanding)), true, "no appropriate person"},
		{"retaining, nobody", nobody(with(Retaining)), true, "retaining that information"},
		{"using or weighing, nobody", nobody(with(UsingWeighing)), true, "using or weighing"},
		{"communicating, nobody", nobody(with(Communicating)), true, "communicating"},
		{"difficulty, an appropriate person", named(with(Understanding)), false, ""},
		{"difficulty, a person not named", func() Needs { n := named(with(Understanding)); n.PersonName = ""; return n }(), true, "no appropriate person"},
		{"the person is paid to care", failing(NotPaid), true, "Jo Smith is not an appropriate person"},
		{"the person does not consent", failing(Consents), true, "not an appropriate person"},
		{"not able or available", failing(AbleAvailable), true, "not an appropriate person"},
		{"implicated in a safeguarding enquiry", failing(NotImplicated), true, "not an appropriate person"},
		{"reg 4: NHS accommodation", func() Needs { n := named(with(Retaining)); n.NHSAccommodation = true; return n }(), true, "NHS is likely to arrange accommodation"},
		{"reg 4: material disagreement", func() Needs { n := named(with(Communicating)); n.Disagreement = true; return n }(), true, "disagree on a material issue"},
	}
	for _, tt := range tests {
		for _, p := range Processes() {
			t.Run(tt.name+"/"+string(p), func(t *testing.T) {
				d, ok := tt.needs.Duty(p)
				if ok != tt.due {
					t.Fatalf("Duty(%s) = %v, want %v", p, ok, tt.due)
				}
				if ok && (!strings.Contains(d.Reason, tt.reason) || !strings.Contains(d.Reason, p.Section())) {
					t.Errorf("reason %q lacks %q or %q", d.Reason, tt.reason, p.Section())
				}
			})
		}
	}
}

func TestDutiesDueOnlyForCoveredProcesses(t *testing.T) {
	t.Parallel()
	n := nobody(with(Understanding))
	n.Processes = []Process{Planning, Safeguarding}
	var got []Process
	for _, d := range n.DutiesDue() {
		got = append(got, d.Process)
	}
	if !slices.Equal(got, []Process{Planning, Safeguarding}) {
		t.Errorf("DutiesDue = %v", got)
	}
	if Safeguarding.Kind() != duties.AdvocateSafeguarding || Assessment.Kind() != duties.AdvocateAssessment ||
		Planning.Kind() != duties.AdvocatePlanning || Review.Kind() != duties.AdvocateReview {
		t.Error("a process has the wrong kind of required action")
	}
	if p, ok := ProcessOf(duties.AdvocateReview); !ok || p != Review {
		t.Errorf("ProcessOf(review) = %s, %v", p, ok)
	}
	if _, ok := ProcessOf(duties.IMCA); ok {
		t.Error("an IMCA is not a Care Act process")
	}
}

func TestNeedsValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		needs func() Needs
		want  []string
	}{
		{"nobody, a difficulty", func() Needs { return nobody(with(Understanding)) }, nil},
		{"a named person", func() Needs { return named(none()) }, nil},
		{"an area not answered", func() Needs { n := nobody(none()); delete(n.Difficulties, Retaining); return n }, []string{"difficulty_retaining"}},
		{"a difficulty without evidence", func() Needs {
			n := nobody(none())
			n.Difficulties[Communicating] = Difficulty{Answered: true, Substantial: true}
			return n
		}, []string{"difficulty_communicating_evidence"}},
		{"neither named nor none", func() Needs { n := named(none()); n.PersonName = ""; return n }, []string{"person_name"}},
		{"named without relationship", func() Needs { n := named(none()); n.Relationship = ""; return n }, []string{"relationship"}},
		{"no process", func() Needs { n := nobody(none()); n.Processes = nil; return n }, []string{"processes"}},
		{"no date", func() Needs { n := nobody(none()); n.RecordedOn = sqldb.Date{}; return n }, []string{"recorded_on"}},
		{"a date in the future", func() Needs { n := nobody(none()); n.RecordedOn = sqldb.NewDate(today.AddDate(0, 0, 1)); return n }, []string{"recorded_on"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := tt.needs()
			n.Normalise()
			var got []string
			for _, p := range n.Validate(today) {
				got = append(got, p.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems with %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNormaliseForgetsANamedPersonWhenNone(t *testing.T) {
	t.Parallel()
	n := named(with(Understanding))
	n.NoAppropriatePerson, n.Disagreement = true, true
	n.Normalise()
	if n.PersonName != "" || n.Disagreement || n.Passes != nil {
		t.Errorf("Normalise kept %+v", n)
	}
}

func TestReferralValidate(t *testing.T) {
	t.Parallel()
	ok := Referral{Type: CareActAdvocate, Provider: "Exampleshire Advocacy Hub", ReferredOn: today}
	tests := []struct {
		name   string
		change func(r *Referral)
		want   []string
	}{
		{"referred", func(r *Referral) {}, nil},
		{"allocated", func(r *Referral) { r.AllocatedOn, r.AdvocateName = today, "Priya Shah" }, nil},
		{"no type or provider", func(r *Referral) { r.Type, r.Provider = "", " " }, []string{"advocate_type", "provider"}},
		{"no date", func(r *Referral) { r.ReferredOn = sqldb.Date{} }, []string{"referred_on"}},
		{"referred tomorrow", func(r *Referral) { r.ReferredOn = sqldb.NewDate(today.AddDate(0, 0, 1)) }, []string{"referred_on"}},
		{"allocated before referral", func(r *Referral) {
			r.AllocatedOn, r.AdvocateName = sqldb.NewDate(today.AddDate(0, 0, -1)), "Priya"
		}, []string{"allocated_on"}},
		{"allocated without a name", func(r *Referral) { r.AllocatedOn = today }, []string{"advocate_name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok
			tt.change(&r)
			r.Normalise()
			var got []string
			for _, p := range r.Validate(today) {
				got = append(got, p.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems with %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNotMetReasons(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind   duties.Kind
		reason Reason
		ok     bool
	}{
		{duties.AdvocateAssessment, DifficultyEnded, true},
		{duties.AdvocatePlanning, AppropriatePerson, true},
		{duties.AdvocateReview, DeclinedWithCapacity, true},
		{duties.AdvocateSafeguarding, ProcessEnded, true},
		{duties.AdvocateAssessment, CapacityRegained, false},
		{duties.IMCA, DeclinedWithCapacity, false}, // someone who lacks capacity cannot decline an IMCA
		{duties.IMCA, CapacityRegained, true},
		{duties.IMCA, ConsulteeFound, true},
		{duties.IMCA, ProcessEnded, true},
		{duties.IMCA, "", false},
	}
	for _, tt := range tests {
		ps := NotMet{Reason: tt.reason, Details: "Seen on 10 March"}.Validate(tt.kind)
		if (len(ps) == 0) != tt.ok {
			t.Errorf("%s for %s: problems %v, want ok %v", tt.reason, tt.kind, ps, tt.ok)
		}
	}
	if ps := (NotMet{Reason: ProcessEnded}).Validate(duties.IMCA); len(ps) != 1 || ps[0].Field != "details" {
		t.Errorf("no details: %v", ps)
	}
}
