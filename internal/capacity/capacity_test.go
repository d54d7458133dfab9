package capacity

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

var now = time.Date(2025, 3, 10, 14, 0, 0, 0, time.UTC)

// lacking is an assessment that finds, with everything recorded, that the person lacks capacity to decide whether
// to move to a care home arranged by the council, with nobody to consult.
func lacking() Assessment {
	return Assessment{
		Decision: "Whether to move to Oak House care home", Type: CouncilResidential, AssessedAt: now.Add(-time.Hour),
		Impairment: Yes, ImpairmentEvidence: "Diagnosed with Alzheimer's disease in 2021 (memory clinic letter)",
		Findings: map[Ability]Finding{
			Understand:  {Unable, "Could not say what a care home is after three explanations with pictures"},
			Retain:      {Unable, "Did not recall the visit an hour later"},
			UseOrWeigh:  {Unable, "Could not weigh going home alone against the falls"},
			Communicate: {Able, "Speaks clearly and says what she wants"},
		},
		CausalLink: Yes, CausalLinkEvidence: "The memory loss from the dementia is why she cannot keep or weigh the information",
		SupportGiven: "Visited at her best time of day, with photos of the home and her daughter's letter",
		Result:       LacksCapacity, AnyoneToConsult: No, MHAResidence: No,
	}
}

func having() Assessment {
	a := lacking()
	a.Impairment, a.ImpairmentEvidence = No, ""
	a.Findings = map[Ability]Finding{Understand: {Able, "Explained it back"}, Retain: {Able, "Recalled it next day"},
		UseOrWeigh: {Able, "Weighed the risks"}, Communicate: {Able, "Told us clearly"}}
	a.CausalLink, a.CausalLinkEvidence = Unanswered, ""
	a.Result = HasCapacity
	a.AnyoneToConsult, a.MHAResidence = Unanswered, Unanswered
	return a
}

func TestAssessmentValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(a *Assessment)
		start  func() Assessment
		want   []string // the fields with problems, in order; nil is valid
	}{
		{"lacks capacity with every stage recorded", func(a *Assessment) {}, lacking, nil},
		{"has capacity with every ability able", func(a *Assessment) {}, having, nil},
		{"has capacity: an impairment but every ability able", func(a *Assessment) { a.Impairment, a.ImpairmentEvidence = Yes, "Learning disability" }, having, nil},
		{"has capacity: unable, but not because of the impairment", func(a *Assessment) {
			a.Impairment, a.ImpairmentEvidence = Yes, "Stroke"
			a.Findings[Communicate] = Finding{Unable, "Could not speak"}
			a.CausalLink, a.CausalLinkEvidence = No, "Her hearing aids were broken; not the stroke"
		}, having, nil},
		{"has capacity: unable without impairment", func(a *Assessment) { a.Findings[Retain] = Finding{Unable, "Forgot"} }, having, []string{"causal_link"}},
		{"has capacity contradicts the findings", func(a *Assessment) { a.Result = HasCapacity }, lacking, []string{"result"}},
		{"lacks capacity without stage 1", func(a *Assessment) { a.Impairment, a.ImpairmentEvidence = No, "" }, lacking, []string{"result"}},
		{"lacks capacity: stage 1 not answered", func(a *Assessment) { a.Impairment = Unanswered }, lacking, []string{"impairment", "result"}},
		{"lacks capacity: stage 1 without evidence", func(a *Assessment) { a.ImpairmentEvidence = "" }, lacking, []string{"impairment_evidence", "result"}},
		{"lacks capacity: every ability able", func(a *Assessment) {
			for _, ab := range Abilities() {
				a.Findings[ab] = Finding{Able, "Fine"}
			}
			a.CausalLink, a.CausalLinkEvidence = Unanswered, ""
		}, lacking, []string{"result"}},
		{"lacks capacity: inability without evidence", func(a *Assessment) {
			a.Findings = map[Ability]Finding{Understand: {Unable, ""}, Retain: {Able, "x"}, UseOrWeigh: {Able, "x"}, Communicate: {Able, "x"}}
		}, lacking, []string{"ability_understand_evidence", "result"}},
		{"lacks capacity: no causal link", func(a *Assessment) { a.CausalLink, a.CausalLinkEvidence = Unanswered, "" }, lacking, []string{"causal_link", "result"}},
		{"lacks capacity: causal link without evidence", func(a *Assessment) { a.CausalLinkEvidence = "" }, lacking, []string{"causal_link_evidence", "result"}},
		{"lacks capacity: causal link denied", func(a *Assessment) { a.CausalLink = No }, lacking, []string{"result"}},
		{"lacks capacity: no practicable steps", func(a *Assessment) { a.SupportGiven = "" }, lacking, []string{"support_given"}},
		{"lacks capacity: consultation not answered", func(a *Assessment) { a.AnyoneToConsult = Unanswered }, lacking, []string{"anyone_to_consult"}},
		{"lacks capacity: someone to consult, unnamed", func(a *Assessment) { a.AnyoneToConsult = Yes }, lacking, []string{"consultees"}},
		{"lacks capacity: Mental Health Act not answered", func(a *Assessment) { a.MHAResidence = Unanswered }, lacking, []string{"mha_residence"}},
		{"an ability not recorded", func(a *Assessment) { delete(a.Findings, Communicate) }, having, []string{"ability_communicate"}},
		{"an ability without evidence", func(a *Assessment) { a.Findings[Understand] = Finding{Able, " "} }, having, []string{"ability_understand_evidence"}},
		{"no decision, type or time", func(a *Assessment) { a.Decision, a.Type, a.AssessedAt = "", "", time.Time{} }, having, []string{"decision", "decision_type", "assessed_on"}},
		{"a time in the future", func(a *Assessment) { a.AssessedAt = now.Add(time.Minute) }, having, []string{"assessed_on"}},
		{"no result", func(a *Assessment) { a.Result = "" }, having, []string{"result"}},
		{"decision too long", func(a *Assessment) { a.Decision = strings.Repeat("a", 4001) }, having, []string{"decision"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.start()
			tt.change(&a)
			a.Normalise()
			var got []string
			for _, p := range a.Validate(now) {
				got = append(got, p.Field)
			}
			got = slices.Compact(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems with %v, want %v (%v)", got, tt.want, a.Validate(now))
			}
		})
	}
}

func TestIndicates(t *testing.T) {
	t.Parallel()
	if got := lacking().Indicates(); got != LacksCapacity {
		t.Errorf("lacking().Indicates() = %s", got)
	}
	if got := having().Indicates(); got != HasCapacity {
		t.Errorf("having().Indicates() = %s", got)
	}
}

func TestIMCA(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		change  func(a *Assessment)
		section string // "" for no duty
	}{
		{"council residential, nobody to consult", func(a *Assessment) {}, "MCA s39"},
		{"care home arranged by the NHS", func(a *Assessment) { a.Type = CareHomeLong }, "MCA s38"},
		{"hospital for 28 days or more", func(a *Assessment) { a.Type = HospitalLong }, "MCA s38"},
		{"serious medical treatment", func(a *Assessment) { a.Type = SeriousMedical }, "MCA s37"},
		{"serious medical treatment: the residence exception is about moves", func(a *Assessment) { a.Type, a.MHAResidence = SeriousMedical, Yes }, "MCA s37"},
		{"consultation not answered counts as nobody", func(a *Assessment) { a.AnyoneToConsult = Unanswered }, "MCA s39"},
		{"a shorter stay", func(a *Assessment) { a.Type = ShorterStay }, ""},
		{"care and support", func(a *Assessment) { a.Type = CareAndSupport }, ""},
		{"finances", func(a *Assessment) { a.Type = FinancesAndProperty }, ""},
		{"contact", func(a *Assessment) { a.Type = ContactWithOthers }, ""},
		{"other", func(a *Assessment) { a.Type = OtherDecision }, ""},
		{"someone to consult", func(a *Assessment) { a.AnyoneToConsult, a.Consultees = Yes, "Her niece, Jo" }, ""},
		{"someone to consult, serious medical treatment", func(a *Assessment) { a.Type, a.AnyoneToConsult, a.Consultees = SeriousMedical, Yes, "Jo" }, ""},
		{"required to live there under the Mental Health Act (s39)", func(a *Assessment) { a.MHAResidence = Yes }, ""},
		{"required to live there under the Mental Health Act (s38 care home)", func(a *Assessment) { a.Type, a.MHAResidence = CareHomeLong, Yes }, ""},
		{"required to live there under the Mental Health Act (s38 hospital)", func(a *Assessment) { a.Type, a.MHAResidence = HospitalLong, Yes }, ""},
		{"has capacity", func(a *Assessment) { a.Result = HasCapacity }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := lacking()
			tt.change(&a)
			got := IMCA(a)
			if got.Due != (tt.section != "") || got.Section != tt.section {
				t.Errorf("IMCA = %+v, want section %q", got, tt.section)
			}
			if got.Due && !strings.Contains(got.Reason, "Mental Capacity Act 2005 "+strings.TrimPrefix(tt.section, "MCA ")) {
				t.Errorf("reason %q does not name the section", got.Reason)
			}
		})
	}
}

func complete() BestInterests {
	b := BestInterests{
		Checklist: map[Item]Check{
			NoAssumptions: {Considered, "Based on the assessment, not her age"}, AllCircumstances: {Considered, "Falls, the stairs, her cat"},
			RegainCapacity: {Considered, "Dementia is progressive; not likely"}, Participation: {Considered, "Visited the home with her"},
			LifeSustaining: {NotApplicable, ""},
		},
		Wishes: "Has always said she wants to stay near the park", Beliefs: "Church every Sunday", OtherFactors: "Her cat",
		Consultees: []Consultee{{Name: "Jo Smith", Relationship: "Niece", Category: CaringOrInterested, Views: "Supports the move"}},
		Options:    []Option{{Text: "A care home", LessRestrictive: false}, {Text: "Stay at home with four calls a day", LessRestrictive: true}},
		Chosen:     1, ChosenWhy: "Keeps her at home, which she wants", Decision: "Stay at home with more support",
		DecidedBy: "Sam Jones, social worker", DecidedOn: sqldb.NewDate(now), OutcomeIDs: []string{"o1"},
	}
	return b
}

func TestBestInterestsValidate(t *testing.T) {
	t.Parallel()
	today := sqldb.NewDate(now)
	tests := []struct {
		name   string
		change func(b *BestInterests)
		want   []string
	}{
		{"complete", func(b *BestInterests) {}, nil},
		{"life-sustaining treatment considered", func(b *BestInterests) { b.Checklist[LifeSustaining] = Check{Considered, "Not motivated by..."} }, nil},
		{"nobody consulted, with a reason", func(b *BestInterests) { b.Consultees, b.NoConsulteeReason = nil, "No family; IMCA instructed" }, nil},
		{"blank consultee rows are ignored", func(b *BestInterests) { b.Consultees = append(b.Consultees, Consultee{}) }, nil},
		{"a checklist item not addressed", func(b *BestInterests) { delete(b.Checklist, RegainCapacity) }, []string{"item_regain_capacity"}},
		{"each item must be addressed", func(b *BestInterests) { b.Checklist = nil }, []string{"item_no_assumptions", "item_all_circumstances", "item_regain_capacity", "item_participation", "item_life_sustaining"}},
		{"only life-sustaining may be not applicable", func(b *BestInterests) { b.Checklist[AllCircumstances] = Check{NotApplicable, ""} }, []string{"item_all_circumstances"}},
		{"an item without notes", func(b *BestInterests) { b.Checklist[Participation] = Check{Considered, ""} }, []string{"item_participation_notes"}},
		{"no wishes, beliefs or other factors", func(b *BestInterests) { b.Wishes, b.Beliefs, b.OtherFactors = "", "", "" }, []string{"wishes", "beliefs", "other_factors"}},
		{"nobody consulted and no reason", func(b *BestInterests) { b.Consultees = nil }, []string{"no_consultee_reason"}},
		{"a consultee without views", func(b *BestInterests) { b.Consultees[0].Views = "" }, []string{"consultee_0_views"}},
		{"a consultee without a category", func(b *BestInterests) { b.Consultees[0].Category = "" }, []string{"consultee_0_category"}},
		{"a consultee without a name", func(b *BestInterests) { b.Consultees[0].Name = "" }, []string{"consultee_0_name"}},
		{"one option", func(b *BestInterests) { b.Options, b.Chosen = b.Options[1:], 0 }, []string{"option_0"}},
		{"no less restrictive option", func(b *BestInterests) { b.Options[1].LessRestrictive = false }, []string{"option_0"}},
		{"no option chosen", func(b *BestInterests) { b.Chosen = -1 }, []string{"chosen"}},
		{"no reason for the choice", func(b *BestInterests) { b.ChosenWhy = "" }, []string{"chosen_why"}},
		{"no decision, maker or date", func(b *BestInterests) { b.Decision, b.DecidedBy, b.DecidedOn = "", "", sqldb.Date{} }, []string{"decision", "decided_by", "decided_on"}},
		{"decided tomorrow", func(b *BestInterests) { b.DecidedOn = sqldb.NewDate(now.AddDate(0, 0, 1)) }, []string{"decided_on"}},
		{"an outcome from another episode", func(b *BestInterests) { b.OutcomeIDs = []string{"elsewhere"} }, []string{"outcomes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := complete()
			tt.change(&b)
			b.Normalise()
			var got []string
			for _, p := range b.Validate(today, []string{"o1", "o2"}) {
				got = append(got, p.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems with %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOrderedOptionsPutLessRestrictiveFirst(t *testing.T) {
	t.Parallel()
	b := complete()
	got := b.OrderedOptions()
	if len(got) != 2 || got[0].Index != 1 || !got[0].Chosen || got[1].Index != 0 {
		t.Errorf("OrderedOptions = %+v", got)
	}
}
