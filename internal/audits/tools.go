// Package audits holds quality assurance inside the record: the council's audit tools (sections of questions, each
// with guidance, a grading scale and, where the record can answer it, a computed check), audit rounds such as
// Practice Fortnight that sample episodes reproducibly and allocate them to auditors, each audit with its grades,
// evidence, learning and actions, the practitioner's reflection, and the findings of a round. The checks are worked
// out from the record by the domains that own it (the thread, outcomes, reviews, strengths, capacity, duties,
// safeguarding, the front door) and shown with their evidence; the auditor grades, never the system.
package audits

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Kind is what a tool audits.
type Kind string

// The kinds of audit.
const (
	CaseFile    Kind = "case_file"
	Supervision Kind = "supervision"
)

// Label is the kind as staff read it.
func (k Kind) Label() string {
	if k == Supervision {
		return "Supervision audit"
	}
	return "Case file audit"
}

// Scale is how a question is graded.
type Scale string

// The two grading scales.
const (
	Quality Scale = "quality" // Outstanding, Good, Requires improvement, Inadequate
	YesNo   Scale = "yes_no"  // Yes, Partly, No, Not applicable
)

// Grade is one grade on a scale.
type Grade struct {
	Value, Label string
}

// Grades lists the scale's grades, best first.
func (s Scale) Grades() []Grade {
	if s == YesNo {
		return []Grade{{"yes", "Yes"}, {"partly", "Partly"}, {"no", "No"}, {"not_applicable", "Not applicable"}}
	}
	return []Grade{{"outstanding", "Outstanding"}, {"good", "Good"}, {"requires_improvement", "Requires improvement"}, {"inadequate", "Inadequate"}}
}

// Label is a grade's label on this scale, or the value itself when it is not one of its grades.
func (s Scale) Label(value string) string {
	for _, g := range s.Grades() {
		if g.Value == value {
			return g.Label
		}
	}
	return value
}

// Has reports whether value is a grade on this scale.
func (s Scale) Has(value string) bool {
	return slices.ContainsFunc(s.Grades(), func(g Grade) bool { return g.Value == value })
}

// Question is one question of a tool.
type Question struct {
	Key      string   `json:"key"`
	Text     string   `json:"text"`
	Guidance string   `json:"guidance"`
	Scale    Scale    `json:"scale"`
	Check    CheckKey `json:"check,omitempty"` // the computed check shown beside it, if the record can answer it
}

// Section is a heading of a tool with its questions.
type Section struct {
	Title     string     `json:"title"`
	Questions []Question `json:"questions"`
}

// Tool is one version of an audit tool.
type Tool struct {
	ID        string
	Key       string // the same for every version of the tool
	Version   int
	Kind      Kind
	Name      string
	Sections  []Section
	CreatedAt time.Time
}

// Questions lists the tool's questions in order.
func (t Tool) Questions() []Question {
	var out []Question
	for _, s := range t.Sections {
		out = append(out, s.Questions...)
	}
	return out
}

// Question finds a question by its key.
func (t Tool) Question(key string) (Question, bool) {
	for _, q := range t.Questions() {
		if q.Key == key {
			return q, true
		}
	}
	return Question{}, false
}

// definition is the tool's sections as stored.
func (t Tool) definition() (string, error) {
	b, err := json.Marshal(t.Sections)
	if err != nil {
		return "", fmt.Errorf("write the tool’s questions: %w", err)
	}
	return string(b), nil
}

// OverallKey is the key of the default tools' overall grade.
const OverallKey = "overall"

// DefaultCaseFileTool is the strengths-based case file audit a council starts with: the practice framework's
// ongoing audit (seeds/004, "Ongoing audit and evaluation") asked of one episode of work.
func DefaultCaseFileTool() Tool {
	return Tool{Key: "case-file", Kind: CaseFile, Name: "Strengths-based case file audit", Sections: []Section{
		{Title: "The person and what matters to them", Questions: []Question{
			{Key: "voice", Scale: Quality, Check: CheckVoice, Text: "The person’s voice is heard in their own words",
				Guidance: "Conversations record what the person said in their own words, apart from what the practitioner observed, and the plan reads as theirs."},
			{Key: "strengths", Scale: Quality, Check: CheckStrengths, Text: "Strengths of all four kinds were explored",
				Guidance: "Personal strengths, the people around them, community connections and resources, each in the person’s words."},
			{Key: "aspirations", Scale: Quality, Check: CheckAspirations, Text: "The person’s hopes and aspirations shape the outcomes",
				Guidance: "Each outcome serves something the person hopes for, recorded as they put it."},
			{Key: "identity", Scale: Quality, Text: "Equality and the person’s identity were considered",
				Guidance: "Culture, faith, language, disability, sexuality and how the person wants to be known shaped the work."},
		}},
		{Title: "Outcomes and the plan", Questions: []Question{
			{Key: "smart", Scale: Quality, Check: CheckSMART, Text: "Outcomes are SMART",
				Guidance: "Each says what will be different, how we will know, by when and who is involved."},
			{Key: "thread", Scale: Quality, Check: CheckThread, Text: "The golden thread is intact",
				Guidance: "From the first conversation to every review: each outcome is met by something, each service serves an outcome, each review rates every outcome."},
			{Key: "least_intrusive", Scale: Quality, Check: CheckLadder, Text: "The least intrusive support was found first, with reasons",
				Guidance: "Information and advice, the person’s own resources, their network and the community before funded services, and why each lower rung could not meet the outcome."},
			{Key: "proportionate", Scale: Quality, Text: "Recording is proportionate",
				Guidance: "Enough to show the reasoning and no more; nothing typed twice."},
		}},
		{Title: "Rights and safety", Questions: []Question{
			{Key: "capacity", Scale: YesNo, Check: CheckCapacity, Text: "Mental capacity was considered where it was indicated",
				Guidance: "Capacity assessed for a specific decision where there was reason to doubt it, and a best-interests decision where the person lacked it."},
			{Key: "advocacy", Scale: YesNo, Check: CheckAdvocacy, Text: "Advocacy was considered",
				Guidance: "Where the person had substantial difficulty being involved and nobody appropriate could help, an independent advocate or IMCA was arranged in time."},
			{Key: "msp", Scale: YesNo, Check: CheckMSP, Text: "Safeguarding was personal where there was a concern",
				Guidance: "The person was asked what outcomes they wanted, and whether each was achieved was recorded."},
		}},
		{Title: "Timeliness and oversight", Questions: []Question{
			{Key: "reviews", Scale: YesNo, Check: CheckReviews, Text: "Reviews happened on time",
				Guidance: "The next review is scheduled and not overdue."},
			{Key: "timeliness", Scale: Quality, Check: CheckTimeliness, Text: "The person was not kept waiting without reason",
				Guidance: "The days from contact to the first conversation and to a plan agreed, against what the person’s situation needed."},
			{Key: "oversight", Scale: Quality, Text: "Management oversight is evident",
				Guidance: "Decisions that need a manager were made by one, with reasons recorded."},
		}},
		{Title: "Overall", Questions: []Question{
			{Key: OverallKey, Scale: Quality, Text: "Overall grade",
				Guidance: "Your judgement of the case file as a whole, not an average of the grades above."},
		}},
	}}
}

// DefaultSupervisionTool is the supervision audit a council starts with: strengths-based supervision as the
// practice framework describes it (seeds/004, "Staff Supervision and Support").
func DefaultSupervisionTool() Tool {
	return Tool{Key: "supervision", Kind: Supervision, Name: "Strengths-based supervision audit", Sections: []Section{
		{Title: "Supervision", Questions: []Question{
			{Key: "strengths_first", Scale: YesNo, Check: CheckWentWell, Text: "The session started with what has gone well",
				Guidance: "What has gone well is recorded first, in the supervisee’s words."},
			{Key: "case_decisions", Scale: YesNo, Check: CheckDecisions, Text: "Case decisions and their reasons are recorded",
				Guidance: "Each case discussed has its decision and why."},
			{Key: "actions_followed", Scale: YesNo, Check: CheckFollowedUp, Text: "Actions from the last session were followed up",
				Guidance: "Each action agreed last time is marked done, carried forward or dropped with a reason."},
			{Key: "reflection", Scale: YesNo, Check: CheckReflection, Text: "Reflection is evident",
				Guidance: "The supervisee’s own reflection on their practice, not only a list of cases."},
			{Key: "wellbeing", Scale: YesNo, Check: CheckWellbeing, Text: "The supervisee’s wellbeing was discussed",
				Guidance: "How they are, and any support agreed."},
		}},
		{Title: "Overall", Questions: []Question{
			{Key: OverallKey, Scale: Quality, Text: "Overall grade",
				Guidance: "Your judgement of the supervision record as a whole."},
		}},
	}}
}
