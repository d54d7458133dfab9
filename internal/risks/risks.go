// Package risks holds risk enablement on an episode of work: a risk, the person's view of it and what matters to
// them about it (in their words), what could go wrong and how likely and serious that is, the agreed ways to
// reduce it, the positive risk-taking decision with who agreed it and when, the outcomes and solutions it affects,
// and its reviews. "Risk is part of everyday life, cannot entirely be removed and should be approached positively
// and openly" (seeds/004, Risk). A risk's review date is a required action (duties.RiskReview) until a review is
// recorded.
package risks

import (
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Likelihood is how likely it is that the thing goes wrong.
type Likelihood string

// The likelihoods, least likely first.
const (
	Unlikely Likelihood = "unlikely"
	Possible Likelihood = "possible"
	Likely   Likelihood = "likely"
)

// Likelihoods returns the likelihoods in the order a form offers them.
func Likelihoods() []Likelihood { return []Likelihood{Unlikely, Possible, Likely} }

// Label is the likelihood as staff read it.
func (l Likelihood) Label() string {
	switch l {
	case Unlikely:
		return "Unlikely"
	case Possible:
		return "Possible"
	case Likely:
		return "Likely"
	}
	return string(l)
}

// Severity is how serious it would be if it went wrong.
type Severity string

// The severities, least serious first.
const (
	Minor    Severity = "minor"
	Moderate Severity = "moderate"
	Serious  Severity = "serious"
)

// Severities returns the severities in the order a form offers them.
func Severities() []Severity { return []Severity{Minor, Moderate, Serious} }

// Label is the severity as staff read it.
func (s Severity) Label() string {
	switch s {
	case Minor:
		return "Minor"
	case Moderate:
		return "Moderate"
	case Serious:
		return "Serious"
	}
	return string(s)
}

// Status is where a risk stands after its reviews.
type Status string

// The statuses. A new risk is open; a review finds it still a risk (open), reduced, or closed.
const (
	Open    Status = "open"
	Reduced Status = "reduced"
	Closed  Status = "closed"
)

// Label is the status as staff read it.
func (s Status) Label() string {
	switch s {
	case Open:
		return "Still a risk"
	case Reduced:
		return "Reduced"
	case Closed:
		return "Closed"
	}
	return string(s)
}

// Results returns what a review can find, in the order a form offers them.
func Results() []Status { return []Status{Open, Reduced, Closed} }

// Mitigation is one agreed way to reduce a risk, and who does it.
type Mitigation struct {
	What, Who string
}

// Agreer is someone who agreed the positive risk-taking decision: the person, and others, by name and role.
type Agreer struct {
	Name, Role string
}

// Decision is the positive risk-taking decision: whether the risk is agreed to be taken, who agreed, and when. A
// decision not agreed says why (Note).
type Decision struct {
	Made     bool // a decision has been recorded, agreed or not
	Agreed   bool
	AgreedBy []Agreer
	On       sqldb.Date
	Note     string
}

// Risk is one risk on an episode.
type Risk struct {
	ID, PersonID, EpisodeID string
	What                    string // what the risk is
	PersonView              string // the person's view of it, in their words
	WhatMatters             string // what matters to them about it, in their words
	CouldGoWrong            string
	Likelihood              Likelihood
	Severity                Severity
	Mitigations             []Mitigation
	Decision                Decision
	ReviewOn                sqldb.Date
	Status                  Status
	OutcomeIDs              []string // the episode's outcomes it affects
	SolutionIDs             []string // the episode's solutions it affects
	CreatedAt               time.Time
	CreatedBy               string
	Version                 int

	Reviews []Review // newest first, read with the risk
}

// Closed reports whether a review closed the risk.
func (r Risk) Closed() bool { return r.Status == Closed }

// ReviewOverdue reports whether the review date has passed on today (a UK date) and the risk is not closed.
func (r Risk) ReviewOverdue(today time.Time) bool {
	return !r.Closed() && !r.ReviewOn.IsZero() && r.ReviewOn.Before(today)
}

// AgreedByText names who agreed, as a sentence.
func (d Decision) AgreedByText() string {
	out := make([]string, len(d.AgreedBy))
	for i, a := range d.AgreedBy {
		out[i] = a.Name
		if a.Role != "" {
			out[i] += " (" + a.Role + ")"
		}
	}
	return strings.Join(out, ", ")
}

// Summary is the decision in a line, for the thread and the chronology.
func (d Decision) Summary() string {
	switch {
	case !d.Made:
		return "No positive risk-taking decision yet"
	case d.Agreed:
		s := "Positive risk-taking agreed"
		if !d.On.IsZero() {
			s += " on " + d.On.Format("2 January 2006")
		}
		if t := d.AgreedByText(); t != "" {
			s += " by " + t
		}
		return s
	}
	return "Positive risk-taking not agreed"
}

// maxText is the longest free text the rules accept, in bytes.
const maxText = 2000

func tooLong(s string) bool { return len(s) > maxText }

// Normalise trims what was typed, drops empty rows of mitigations and agreers, and drops repeated links. A decision
// not agreed keeps nobody as agreeing.
func (r *Risk) Normalise() {
	trim := func(s *string) { *s = strings.TrimSpace(*s) }
	trim(&r.What)
	trim(&r.PersonView)
	trim(&r.WhatMatters)
	trim(&r.CouldGoWrong)
	trim(&r.Decision.Note)
	var ms []Mitigation
	for _, m := range r.Mitigations {
		m.What, m.Who = strings.TrimSpace(m.What), strings.TrimSpace(m.Who)
		if m.What != "" || m.Who != "" {
			ms = append(ms, m)
		}
	}
	r.Mitigations = ms
	var as []Agreer
	for _, a := range r.Decision.AgreedBy {
		a.Name, a.Role = strings.TrimSpace(a.Name), strings.TrimSpace(a.Role)
		if a.Name != "" || a.Role != "" {
			as = append(as, a)
		}
	}
	r.Decision.AgreedBy = as
	if !r.Decision.Agreed {
		r.Decision.AgreedBy = nil
	}
	if !r.Decision.Made {
		r.Decision = Decision{}
	}
	r.OutcomeIDs, r.SolutionIDs = unique(r.OutcomeIDs), unique(r.SolutionIDs)
}

func unique(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// Validate checks a risk before it is saved, against today (a UK date). A new or changed review date must be today
// or later; reviewOnBefore is the review date already saved (zero for a new risk), which may stay as it is.
func (r Risk) Validate(today time.Time, reviewOnBefore sqldb.Date) validation.Problems {
	var ps validation.Problems
	text := func(field, value, empty, long string) {
		switch {
		case value == "" && empty != "":
			ps.Append(field, empty)
		case tooLong(value):
			ps.Append(field, long+" must be 2,000 characters or less")
		}
	}
	text("what", r.What, "Enter what the risk is", "What the risk is")
	text("person_view", r.PersonView, "Enter the person’s view of the risk, in their words", "The person’s view")
	text("what_matters", r.WhatMatters, "Enter what matters to the person about it, in their words", "What matters to them")
	text("could_go_wrong", r.CouldGoWrong, "Enter what could go wrong", "What could go wrong")
	if !slices.Contains(Likelihoods(), r.Likelihood) {
		ps.Append("likelihood", "Select how likely it is to go wrong")
	}
	if !slices.Contains(Severities(), r.Severity) {
		ps.Append("severity", "Select how serious it would be")
	}
	if len(r.Mitigations) == 0 {
		ps.Append("mitigations", "Enter at least one agreed way to reduce the risk")
	}
	for _, m := range r.Mitigations {
		if m.What == "" || m.Who == "" {
			ps.Append("mitigations", "Enter each way to reduce the risk with who will do it")
			break
		}
		if tooLong(m.What) || tooLong(m.Who) {
			ps.Append("mitigations", "Each way to reduce the risk must be 2,000 characters or less")
			break
		}
	}
	d := r.Decision
	if !d.Made {
		ps.Append("decision", "Select whether the positive risk-taking decision was agreed")
	}
	switch {
	case d.Made && d.On.IsZero():
		ps.Append("decided_on", "Enter the date of the decision")
	case d.Made && d.On.After(today):
		ps.Append("decided_on", "Date of the decision must be today or in the past")
	}
	if d.Made && d.Agreed {
		if len(d.AgreedBy) == 0 {
			ps.Append("agreed_by", "Enter who agreed the decision: the person, and anyone else, by name and role")
		}
		for _, a := range d.AgreedBy {
			if a.Name == "" || a.Role == "" {
				ps.Append("agreed_by", "Enter the name and role of each person who agreed")
				break
			}
		}
	}
	if d.Made && !d.Agreed && d.Note == "" {
		ps.Append("decision_note", "Enter why the risk was not agreed, and what happens instead")
	}
	if tooLong(d.Note) {
		ps.Append("decision_note", "Note must be 2,000 characters or less")
	}
	switch {
	case r.ReviewOn.IsZero():
		ps.Append("review_on", "Enter the review date")
	case r.ReviewOn.Before(today) && !r.ReviewOn.Equal(reviewOnBefore.Time):
		ps.Append("review_on", "Review date must be today or in the future")
	case !d.On.IsZero() && r.ReviewOn.Before(d.On.Time):
		ps.Append("review_on", "Review date must be on or after the date of the decision")
	}
	return ps
}

// Review is a review of a risk: what happened, whether it is still a risk, reduced or closed, and when it is next
// reviewed (none once closed).
type Review struct {
	ID           string
	RiskID       string
	On           sqldb.Date
	WhatHappened string
	Result       Status
	NextReviewOn sqldb.Date
	CreatedAt    time.Time
	CreatedBy    string
}

// Normalise trims what was typed; a closed risk has no next review.
func (rv *Review) Normalise() {
	rv.WhatHappened = strings.TrimSpace(rv.WhatHappened)
	if rv.Result == Closed {
		rv.NextReviewOn = sqldb.Date{}
	}
}

// Validate checks a review against today (a UK date).
func (rv Review) Validate(today time.Time) validation.Problems {
	var ps validation.Problems
	switch {
	case rv.On.IsZero():
		ps.Append("reviewed_on", "Enter the date of the review")
	case rv.On.After(today):
		ps.Append("reviewed_on", "Date of the review must be today or in the past")
	}
	switch {
	case rv.WhatHappened == "":
		ps.Append("what_happened", "Enter what happened since the decision")
	case tooLong(rv.WhatHappened):
		ps.Append("what_happened", "What happened must be 2,000 characters or less")
	}
	if !slices.Contains(Results(), rv.Result) {
		ps.Append("result", "Select whether it is still a risk, reduced or closed")
	}
	if rv.Result != Closed && rv.Result != "" {
		switch {
		case rv.NextReviewOn.IsZero():
			ps.Append("next_review_on", "Enter the date of the next review")
		case !rv.NextReviewOn.After(today):
			ps.Append("next_review_on", "Date of the next review must be in the future")
		}
	}
	return ps
}

// clip shortens a sentence for a chronology line.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}
