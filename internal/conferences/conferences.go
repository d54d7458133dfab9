// Package conferences holds family group conferences on an episode of work: "a structured decision-making meeting
// made up of people from an individual's informal support network. This group of people are given 'private' time to
// reach a plan ... families are more likely to stick to a plan made by themselves than a plan that has been made for
// them" (seeds/004, Family Group Conferencing). A conference goes from a referral with the person's consent and an
// independent coordinator, to the conference itself (which cannot be recorded as held without the family's private
// time) with the family's own plan in their words, to its review. Items of the family's plan can be added to the
// support plan as solutions on the network rung (plans.AddFamilyPlanSolution).
package conferences

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Stage is how far a conference has gone.
type Stage string

// The stages.
const (
	Referred Stage = "referred"
	Held     Stage = "held"
	Reviewed Stage = "reviewed"
)

// Label is the stage as staff read it.
func (s Stage) Label() string {
	switch s {
	case Referred:
		return "Referred"
	case Held:
		return "Conference held"
	case Reviewed:
		return "Plan reviewed"
	}
	return string(s)
}

// Invitee is someone invited to the conference.
type Invitee struct {
	Name, Relationship string
}

// ItemResult is what the review found of an item of the family's plan.
type ItemResult string

// The results.
const (
	Kept    ItemResult = "kept"
	Changed ItemResult = "changed"
)

// ItemResults returns the results in the order a form offers them.
func ItemResults() []ItemResult { return []ItemResult{Kept, Changed} }

// Label is the result as staff read it.
func (r ItemResult) Label() string {
	switch r {
	case Kept:
		return "Kept to"
	case Changed:
		return "Changed"
	}
	return string(r)
}

// Item is one item of the family's plan, in their words.
type Item struct {
	ID         string
	What       string
	Who        string // who in the family or network will do it
	ByWhen     string // in the family's words: "every Sunday", "by the end of May"
	SolutionID string // the network solution it supplied to the support plan, if any
	Result     ItemResult
	ResultNote string
}

// Conference is a family group conference on an episode.
type Conference struct {
	ID, PersonID, EpisodeID string
	ReferredOn              sqldb.Date
	Consent                 bool
	ConsentOn               sqldb.Date
	Coordinator             string // the independent coordinator's name
	Invitees                []Invitee
	ConferenceOn            sqldb.Date // planned while referred; the day it was held once held
	Held                    bool
	PrivateTime             bool
	PrivateTimeNote         string
	Items                   []Item
	ReviewOn                sqldb.Date // when the family's plan is to be reviewed
	ReviewedOn              sqldb.Date
	ReviewNote              string // how the plan went
	CreatedAt               time.Time
	Version                 int
}

// Stage is how far the conference has gone.
func (c Conference) Stage() Stage {
	switch {
	case !c.ReviewedOn.IsZero():
		return Reviewed
	case c.Held:
		return Held
	}
	return Referred
}

// Item returns the item with id, or false.
func (c Conference) Item(id string) (Item, bool) {
	for _, it := range c.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// InviteesText lists who was invited, as a sentence.
func (c Conference) InviteesText() string {
	out := make([]string, len(c.Invitees))
	for i, v := range c.Invitees {
		out[i] = v.Name
		if v.Relationship != "" {
			out[i] += " (" + v.Relationship + ")"
		}
	}
	return strings.Join(out, ", ")
}

const maxText = 2000

func tooLong(s string) bool { return len(s) > maxText }

// Referral is what a referral records.
type Referral struct {
	ReferredOn   sqldb.Date
	Consent      bool
	ConsentOn    sqldb.Date
	Coordinator  string
	Invitees     []Invitee
	ConferenceOn sqldb.Date // planned, optional
}

// Normalise trims what was typed and drops empty rows of invitees.
func (r *Referral) Normalise() {
	r.Coordinator = strings.TrimSpace(r.Coordinator)
	var vs []Invitee
	for _, v := range r.Invitees {
		v.Name, v.Relationship = strings.TrimSpace(v.Name), strings.TrimSpace(v.Relationship)
		if v.Name != "" || v.Relationship != "" {
			vs = append(vs, v)
		}
	}
	r.Invitees = vs
}

// Validate checks a referral against today (a UK date). Without the person's consent there is no referral.
func (r Referral) Validate(today time.Time) validation.Problems {
	var ps validation.Problems
	switch {
	case r.ReferredOn.IsZero():
		ps.Append("referred_on", "Enter the date of the referral")
	case r.ReferredOn.After(today):
		ps.Append("referred_on", "Date of the referral must be today or in the past")
	}
	if !r.Consent {
		ps.Append("consent", "A family group conference needs the person’s consent: record that they agreed, or do not refer")
	}
	switch {
	case r.Consent && r.ConsentOn.IsZero():
		ps.Append("consent_on", "Enter the date the person agreed")
	case r.Consent && r.ConsentOn.After(today):
		ps.Append("consent_on", "Date the person agreed must be today or in the past")
	case r.Consent && !r.ReferredOn.IsZero() && r.ConsentOn.After(r.ReferredOn.Time):
		ps.Append("consent_on", "The person must agree on or before the date of the referral")
	}
	switch {
	case r.Coordinator == "":
		ps.Append("coordinator", "Enter the name of the independent coordinator")
	case tooLong(r.Coordinator):
		ps.Append("coordinator", "Coordinator must be 2,000 characters or less")
	}
	if len(r.Invitees) == 0 {
		ps.Append("invitees", "Enter at least one person invited, with their relationship to the person")
	}
	for _, v := range r.Invitees {
		if v.Name == "" || v.Relationship == "" {
			ps.Append("invitees", "Enter the name and relationship of each person invited")
			break
		}
	}
	if !r.ConferenceOn.IsZero() && !r.ReferredOn.IsZero() && r.ConferenceOn.Before(r.ReferredOn.Time) {
		ps.Append("conference_on", "Date of the conference must be on or after the date of the referral")
	}
	return ps
}

// Meeting is what recording the conference as held records: the day, the family's private time and their plan.
type Meeting struct {
	HeldOn           sqldb.Date
	PrivateTimeGiven string // "yes" or "no", as the form's radios send it
	PrivateTimeNote  string
	Items            []Item
	ReviewOn         sqldb.Date
}

// Normalise trims what was typed and drops empty rows of the plan.
func (m *Meeting) Normalise() {
	m.PrivateTimeNote = strings.TrimSpace(m.PrivateTimeNote)
	var items []Item
	for _, it := range m.Items {
		it.What, it.Who, it.ByWhen = strings.TrimSpace(it.What), strings.TrimSpace(it.Who), strings.TrimSpace(it.ByWhen)
		if it.What != "" || it.Who != "" || it.ByWhen != "" {
			items = append(items, it)
		}
	}
	m.Items = items
}

// Validate checks a conference held, referred on referred, against today (a UK date). The family must have had
// private time: the conference cannot be recorded as held without it.
func (m Meeting) Validate(referred sqldb.Date, today time.Time) validation.Problems {
	var ps validation.Problems
	switch {
	case m.HeldOn.IsZero():
		ps.Append("held_on", "Enter the date of the conference")
	case m.HeldOn.After(today):
		ps.Append("held_on", "Date of the conference must be today or in the past")
	case !referred.IsZero() && m.HeldOn.Before(referred.Time):
		ps.Append("held_on", "Date of the conference must be on or after the date of the referral, "+referred.Format("2 January 2006"))
	}
	switch m.PrivateTimeGiven {
	case "yes":
	case "no":
		ps.Append("private_time", "A family group conference gives the family private time to make their plan: it cannot be recorded as held without it")
	default:
		ps.Append("private_time", "Select whether the family had private time")
	}
	if tooLong(m.PrivateTimeNote) {
		ps.Append("private_time_note", "Note must be 2,000 characters or less")
	}
	if len(m.Items) == 0 {
		ps.Append("items", "Enter the family’s plan: at least one thing, and who will do it")
	}
	for _, it := range m.Items {
		if it.What == "" || it.Who == "" {
			ps.Append("items", "Enter what each item of the plan is and who in the family or network will do it")
			break
		}
		if tooLong(it.What) || tooLong(it.Who) || tooLong(it.ByWhen) {
			ps.Append("items", "Each item of the plan must be 2,000 characters or less")
			break
		}
	}
	switch {
	case m.ReviewOn.IsZero():
		ps.Append("review_on", "Enter the date to review the family’s plan")
	case !m.HeldOn.IsZero() && !m.ReviewOn.After(m.HeldOn.Time):
		ps.Append("review_on", "Date to review the plan must be after the conference")
	}
	return ps
}

// Review is the review of the family's plan: when, how it went, and each item kept to or changed.
type Review struct {
	On      sqldb.Date
	Note    string
	Results map[string]ItemResult // by item ID
	Notes   map[string]string     // by item ID
}

// Validate checks a review of a conference's plan against today (a UK date).
func (r Review) Validate(c Conference, today time.Time) validation.Problems {
	var ps validation.Problems
	switch {
	case r.On.IsZero():
		ps.Append("reviewed_on", "Enter the date of the review")
	case r.On.After(today):
		ps.Append("reviewed_on", "Date of the review must be today or in the past")
	case !c.ConferenceOn.IsZero() && r.On.Before(c.ConferenceOn.Time):
		ps.Append("reviewed_on", "Date of the review must be on or after the conference, "+c.ConferenceOn.Format("2 January 2006"))
	}
	switch note := strings.TrimSpace(r.Note); {
	case note == "":
		ps.Append("review_note", "Enter how the family’s plan went")
	case tooLong(note):
		ps.Append("review_note", "How the plan went must be 2,000 characters or less")
	}
	for i, it := range c.Items {
		if !slices.Contains(ItemResults(), r.Results[it.ID]) {
			ps.Append(ItemField(i), "Select whether “"+it.What+"” was kept to or changed")
		}
		if tooLong(r.Notes[it.ID]) {
			ps.Append(ItemField(i), "Note must be 2,000 characters or less")
		}
	}
	return ps
}

// ItemField is the form field of the i-th item's result at the review.
func ItemField(i int) string { return "item_" + strconv.Itoa(i+1) }
