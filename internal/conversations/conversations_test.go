package conversations

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func TestSteps(t *testing.T) {
	t.Parallel()
	want := []string{"Gather information", "Develop ideas", "Support planning", "Review"}
	var got []string
	for _, s := range Steps() {
		got = append(got, s.Label())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("step labels (-want +got):\n%s", diff)
	}
	tests := []struct {
		in      string
		want    Step
		wantErr bool
	}{
		{"1", Step1, false},
		{" 4 ", Step4, false},
		{"0", 0, true},
		{"5", 0, true},
		{"one", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseStep(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseStep(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestStepStatus(t *testing.T) {
	t.Parallel()
	for _, s := range StepStatuses() {
		got, err := ParseStepStatus(string(s))
		if err != nil || got != s {
			t.Errorf("ParseStepStatus(%q) = %q, %v", s, got, err)
		}
		if s.Label() == string(s) {
			t.Errorf("%q has no label", s)
		}
		if s.NeedsReason() != (s == NotNeeded) {
			t.Errorf("%q.NeedsReason() = %v", s, s.NeedsReason())
		}
	}
	if _, err := ParseStepStatus("done"); err == nil {
		t.Error("ParseStepStatus(done) did not fail")
	}
}

func fields(ps validation.Problems) []string {
	var f []string
	for _, p := range ps {
		f = append(f, p.Field)
	}
	return f
}

func TestStepChangeValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		c    StepChange
		want []string
	}{
		{"start", StepChange{Step: Step1, To: InProgress}, nil},
		{"complete", StepChange{Step: Step2, From: InProgress, To: Completed}, nil},
		{"not needed with reason", StepChange{Step: Step2, To: NotNeeded, Reason: "Information and advice were enough"}, nil},
		{"not needed without reason", StepChange{Step: Step2, To: NotNeeded, Reason: "  "}, []string{"reason"}},
		{"reopen", StepChange{Step: Step3, From: Completed, To: InProgress}, nil},
		{"back to not started", StepChange{Step: Step3, From: Completed, To: NotStarted}, []string{"status"}},
		{"first record as not started", StepChange{Step: Step3, To: NotStarted}, nil},
		{"no step", StepChange{To: InProgress}, []string{"step"}},
		{"unknown status", StepChange{Step: Step1, To: "done"}, []string{"status"}},
		{"reason too long", StepChange{Step: Step4, To: NotNeeded, Reason: strings.Repeat("x", 2001)}, []string{"reason"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, fields(tt.c.Validate())); diff != "" {
				t.Errorf("problem fields (-want +got):\n%s", diff)
			}
		})
	}
	ps := StepChange{Step: Step2, To: NotNeeded}.Validate()
	if len(ps) != 1 || ps[0].Message != "Explain why this step is not needed" {
		t.Errorf("got %v", ps)
	}
}

func TestHeadings(t *testing.T) {
	t.Parallel()
	var got []string
	for _, h := range Headings() {
		got = append(got, h.Label())
		if h.Hint() == "" || !strings.HasSuffix(h.Hint(), "?") && !strings.HasSuffix(h.Hint(), ".") {
			t.Errorf("%s: hint %q is missing or unfinished", h, h.Hint())
		}
		if p, err := ParseHeading(string(h)); err != nil || p != h {
			t.Errorf("ParseHeading(%q) = %q, %v", h, p, err)
		}
	}
	want := []string{"Mindset", "Aspirations", "Strengths", "Outcomes", "Solutions", "Services"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("MASOSS order (-want +got):\n%s", diff)
	}
	if _, err := ParseHeading("risks"); err == nil {
		t.Error("ParseHeading(risks) did not fail")
	}
	if Heading("risks").Hint() != "" {
		t.Error("an unknown heading has a hint")
	}
}

func TestMethodsAndPlaces(t *testing.T) {
	t.Parallel()
	for _, m := range Methods() {
		if got, err := ParseMethod(string(m)); err != nil || got != m || m.Label() == string(m) {
			t.Errorf("method %q: parse %q, %v; label %q", m, got, err, m.Label())
		}
	}
	for _, p := range Places() {
		if got, err := ParsePlace(string(p)); err != nil || got != p || p.Label() == string(p) {
			t.Errorf("place %q: parse %q, %v; label %q", p, got, err, p.Label())
		}
	}
	if _, err := ParseMethod("letter"); err == nil {
		t.Error("ParseMethod(letter) did not fail")
	}
	if _, err := ParsePlace("moon"); err == nil {
		t.Error("ParsePlace(moon) did not fail")
	}
}

func TestResultsForStep1(t *testing.T) {
	t.Parallel()
	results := ResultsForStep1()
	if len(results) == 0 || results[0] != codelists.EventOutcomeInformationAdvice {
		t.Fatalf("ResultsForStep1() = %v, want information and advice first", results)
	}
	seen := map[string]bool{}
	for _, r := range results {
		if !codelists.EventOutcome.Has(r) {
			t.Errorf("%q is not a CLD event outcome", r)
		}
		if seen[r] {
			t.Errorf("%q listed twice", r)
		}
		seen[r] = true
	}
}

func TestValidateResult(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		step   Step
		result string
		want   []string
	}{
		{"signposting at step 1", Step1, codelists.EventOutcomeInformationAdvice, nil},
		{"signposting at step 3", Step3, codelists.EventOutcomeInformationAdvice, nil},
		{"any outcome at step 4", Step4, "NFA: Support ended as planned", nil},
		{"no result", Step2, "", []string{"result"}},
		{"R1 spelling", Step1, "NFA - Information & Advice / Signposting only", []string{"result"}},
		{"no step", 0, "NFA: Deceased", []string{"step"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, fields(ValidateResult(tt.step, tt.result))); diff != "" {
				t.Errorf("problem fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestContactChannel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		channel   string
		by        ContactBy
		problem   string // the channel's problem, if any
		label     string
		chronicle string
	}{
		{"a phone call from the person", "Phone", BySelf, "", "Phone call", "Phone call from the person themselves: Falls"},
		{"an email from family", "Email", ByFamily, "", "Email", "Email from family, a friend or a neighbour: Falls"},
		{"a letter", "Letter", BySelf, "", "Letter", "Letter from the person themselves: Falls"},
		{"a visit", "Visit", ByOther, "", "Visit in person", "Visit from someone else: Falls"},
		{"the online form", "Online form", ByFamily, "", "Online form", "Online form from family, a friend or a neighbour: Falls"},
		{"a referral", "Another professional", ByProfessional, "", "Referral from another professional", "Referral from a professional: Falls"},
		{"missing", "", BySelf, "Select how they got in touch", "Not recorded", "Contact from the person themselves: Falls"},
		{"never chosen for a new contact", codelists.ContactChannelNotRecorded, BySelf, "Select how they got in touch from the list", "Not recorded", "Contact from the person themselves: Falls"},
		{"not on the list", "Carrier pigeon", BySelf, "Select how they got in touch from the list", "Carrier pigeon", "Contact from the person themselves: Falls"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			on, _ := sqldb.ParseDate("2026-01-05")
			c := Contact{ContactedOn: on, RouteOfAccess: codelists.RouteOfAccessDefault, Channel: tt.channel, ContactBy: tt.by, Reason: "Falls"}
			var got string
			for _, p := range c.Validate(on.AddDate(0, 0, 1)) {
				if p.Field == "channel" {
					got = p.Message
				} else {
					t.Errorf("unexpected problem %+v", p)
				}
			}
			if got != tt.problem {
				t.Errorf("channel problem = %q, want %q", got, tt.problem)
			}
			if got := c.ChannelLabel(); got != tt.label {
				t.Errorf("ChannelLabel() = %q, want %q", got, tt.label)
			}
			if got := c.Summary(); got != tt.chronicle {
				t.Errorf("Summary() = %q, want %q", got, tt.chronicle)
			}
		})
	}
}
