package frontdoor

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Shared is how information about a service was shared with the person.
type Shared string

// The ways of sharing.
const (
	Printed Shared = "printed"
	Emailed Shared = "emailed"
	Texted  Shared = "texted"
	Told    Shared = "told"
)

// Shareds returns the ways of sharing in the order a form offers them.
func Shareds() []Shared { return []Shared{Told, Printed, Emailed, Texted} }

// Label is the way of sharing as staff read it.
func (s Shared) Label() string {
	switch s {
	case Printed:
		return "Printed and handed or posted"
	case Emailed:
		return "Emailed"
	case Texted:
		return "Texted"
	case Told:
		return "Told them, in person or by phone"
	}
	return string(s)
}

// Helped is what came of a signpost, found at its follow-up.
type Helped string

// The follow-up results.
const (
	HelpedYes    Helped = "helped"
	HelpedPartly Helped = "partly"
	DidNotHelp   Helped = "did_not_help"
	DidNotGo     Helped = "did_not_go"
	NotReached   Helped = "not_reached"
)

// HelpedResults returns the follow-up results in the order a form offers them.
func HelpedResults() []Helped {
	return []Helped{HelpedYes, HelpedPartly, DidNotHelp, DidNotGo, NotReached}
}

// Label is the follow-up result as staff read it.
func (h Helped) Label() string {
	switch h {
	case HelpedYes:
		return "It helped"
	case HelpedPartly:
		return "It partly helped"
	case DidNotHelp:
		return "It did not help"
	case DidNotGo:
		return "They did not go or get in touch"
	case NotReached:
		return "We could not reach the person"
	}
	return string(h)
}

// Signpost is a signpost or referral to a community directory service from an episode, serving one of its
// outcomes (or none, at the front door), with what was shared and how, and its follow-up.
type Signpost struct {
	ID                 string
	PersonID           string
	EpisodeID          string
	OutcomeID          string // the outcome it serves; empty at the front door
	SolutionID         string // the solution on the ladder it put there, if it served an outcome
	DirectoryServiceID string
	SignpostedOn       sqldb.Date
	WhatShared         string
	SharedHow          []Shared
	Referred           bool // a referral made on the person's behalf
	Consent            bool // the person agreed to the referral
	FollowUpOn         sqldb.Date
	FollowedUpOn       sqldb.Date // zero until followed up
	Result             Helped     // empty until followed up
	ResultNote         string
	CreatedAt          time.Time
	CreatedBy          string
	Version            int

	// Read with the signpost.
	ServiceName string
	OutcomeText string
}

// FollowedUp reports whether the follow-up has been recorded.
func (s Signpost) FollowedUp() bool { return s.Result != "" }

// FollowUpOverdue reports whether the follow-up date has passed (it was before today) without a follow-up recorded.
func (s Signpost) FollowUpOverdue(today sqldb.Date) bool {
	return !s.FollowedUp() && !s.FollowUpOn.IsZero() && s.FollowUpOn.Before(today.Time)
}

// SharedText lists how it was shared, as a sentence.
func (s Signpost) SharedText() string {
	out := make([]string, len(s.SharedHow))
	for i, h := range s.SharedHow {
		out[i] = h.Label()
	}
	return strings.Join(out, "; ")
}

// Normalise trims what was typed and keeps the ways of sharing in the form's order, once each.
func (s *Signpost) Normalise() {
	s.WhatShared = strings.TrimSpace(s.WhatShared)
	var how []Shared
	for _, h := range Shareds() {
		if slices.Contains(s.SharedHow, h) {
			how = append(how, h)
		}
	}
	s.SharedHow = how
	if !s.Referred {
		s.Consent = false
	}
}

// Validate checks a new signpost against today.
func (s Signpost) Validate(today time.Time) validation.Problems {
	var ps validation.Problems
	if strings.TrimSpace(s.DirectoryServiceID) == "" {
		ps.Append("directory_service_id", "Select the service from the community directory")
	}
	switch {
	case s.SignpostedOn.IsZero():
		ps.Append("signposted_on", "Enter the date of the signpost")
	case s.SignpostedOn.After(today):
		ps.Append("signposted_on", "Date of the signpost must be today or in the past")
	}
	switch {
	case s.WhatShared == "":
		ps.Append("what_shared", "Enter what you shared with the person")
	case len(s.WhatShared) > maxReason:
		ps.Append("what_shared", "What you shared must be 2,000 characters or less")
	}
	if len(s.SharedHow) == 0 {
		ps.Append("shared_how", "Select how you shared it")
	}
	for _, h := range s.SharedHow {
		if !slices.Contains(Shareds(), h) {
			ps.Append("shared_how", "Select how you shared it from the list")
			break
		}
	}
	if s.Referred && !s.Consent {
		ps.Append("consent", "A referral on the person’s behalf needs their consent: select that they agreed, or record a signpost without a referral")
	}
	switch {
	case s.FollowUpOn.IsZero():
		ps.Append("follow_up_on", "Enter the date to follow up")
	case s.FollowUpOn.Before(today):
		ps.Append("follow_up_on", "Date to follow up must be today or in the future")
	case !s.SignpostedOn.IsZero() && !s.FollowUpOn.After(s.SignpostedOn.Time):
		ps.Append("follow_up_on", "Date to follow up must be after the date of the signpost")
	}
	return ps
}

// MaxSignposts is the most services one form signposts to at once.
const MaxSignposts = 20

// SignpostField names a field of the i-th of several signposts recorded together (from 0), as their problems and
// the form that shows them name it: "signpost-1-follow_up_on".
func SignpostField(i int, field string) string { return "signpost-" + strconv.Itoa(i) + "-" + field }

// ofSignpost puts the i-th signpost's problems on its own fields. The date of the signposts is one for them all,
// so a problem with it stays on its own field.
func ofSignpost(i int, ps validation.Problems) validation.Problems {
	out := make(validation.Problems, len(ps))
	for j, p := range ps {
		if p.Field != "signposted_on" {
			p.Field = SignpostField(i, p.Field)
		}
		out[j] = p
	}
	return out
}

// PrepareSignposts tidies signposts recorded together, dates any without a date on, and checks each against
// today, each problem on that signpost's fields: as the store does before it records them, for a form that shows
// every mistake at once.
func PrepareSignposts(sps []Signpost, on sqldb.Date, today time.Time) validation.Problems {
	var ps validation.Problems
	if len(sps) > MaxSignposts {
		ps.Append("signposts", fmt.Sprintf("Signpost to %d services or fewer at once", MaxSignposts))
	}
	for i := range sps {
		sps[i].Normalise()
		if sps[i].SignpostedOn.IsZero() {
			sps[i].SignpostedOn = on
		}
		ps = append(ps, ofSignpost(i, sps[i].Validate(today))...)
	}
	return ps
}

// FollowUp is what the follow-up of a signpost found.
type FollowUp struct {
	On     sqldb.Date
	Result Helped
	Note   string
}

// Validate checks a follow-up of a signpost made on signposted, against today. Why is needed unless it helped.
func (f FollowUp) Validate(signposted sqldb.Date, today time.Time) validation.Problems {
	var ps validation.Problems
	switch {
	case f.On.IsZero():
		ps.Append("followed_up_on", "Enter the date of the follow-up")
	case f.On.After(today):
		ps.Append("followed_up_on", "Date of the follow-up must be today or in the past")
	case !signposted.IsZero() && f.On.Before(signposted.Time):
		ps.Append("followed_up_on", "Date of the follow-up must be on or after the date of the signpost, "+signposted.Format("2 January 2006"))
	}
	if !slices.Contains(HelpedResults(), f.Result) {
		ps.Append("result", "Select whether it helped")
	}
	note := strings.TrimSpace(f.Note)
	switch {
	case note == "" && f.Result != HelpedYes && f.Result != "":
		ps.Append("result_note", "Enter why, in the person’s words if you can")
	case len(note) > maxReason:
		ps.Append("result_note", "Why must be 2,000 characters or less")
	}
	return ps
}

// Use is how often a directory service was used and what came of it: counts only, no people.
type Use struct {
	Signposts  int
	Referrals  int
	FollowedUp int
	Results    map[Helped]int
}

// Helps says whether a follow-up found the signpost helped, fully or partly.
func (h Helped) Helps() bool { return h == HelpedYes || h == HelpedPartly }

// HelpedCount is how many follow-ups found it helped, fully or partly.
func (u Use) HelpedCount() int {
	n := 0
	for h, count := range u.Results {
		if h.Helps() {
			n += count
		}
	}
	return n
}

// CheckInNote is a check-in with a person waiting: how things are, what has changed, and the priority again.
type CheckInNote struct {
	On          sqldb.Date
	HowThings   string
	WhatChanged string
	Triage      Triage
}

// Validate checks a check-in against today.
func (c CheckInNote) Validate(today time.Time) validation.Problems {
	var ps validation.Problems
	switch {
	case c.On.IsZero():
		ps.Append("checked_in_on", "Enter the date of the check-in")
	case c.On.After(today):
		ps.Append("checked_in_on", "Date of the check-in must be today or in the past")
	}
	switch h := strings.TrimSpace(c.HowThings); {
	case h == "":
		ps.Append("how_things", "Enter how things are for the person")
	case len(h) > maxReason:
		ps.Append("how_things", "How things are must be 2,000 characters or less")
	}
	if len(strings.TrimSpace(c.WhatChanged)) > maxReason {
		ps.Append("what_changed", "What has changed must be 2,000 characters or less")
	}
	return append(ps, c.Triage.Validate()...)
}
