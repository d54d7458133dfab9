// Package caseloads holds caseloads: a practitioner's own people and a team manager's view of their team, each
// person with their next actions (a crisis to review, a required action due or overdue, a review due or overdue, a
// step in progress, an authorisation waiting, breaks in the golden thread to mend), the most urgent first. It reads
// across the people, episode, duty, review, authorisation and thread tables and changes nothing.
package caseloads

import (
	"cmp"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"slices"
	"strconv"

	"time"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// PageSize is how many people a caseload page shows.
const PageSize = 50

// Entry is one person on a caseload, with what needs doing next.
type Entry struct {
	PersonID      string
	Name          string // "Family, Given (Preferred)" as a list reads
	DateOfBirth   sqldb.Date
	WorkerName    string
	TeamName      string
	NextReview    sqldb.Date // the earliest scheduled review; zero when none is scheduled
	ReviewStatus  reviews.DueStatus
	Waiting       int            // authorisations waiting for a team manager
	Steps         []EpisodeStep  // each open episode's step in hand
	Breaks        int            // breaks in the golden thread of the open episodes
	BreakEpisodes map[string]int // breaks by episode, for links to each thread view
	Actions       []Action       // what to do next, most urgent first
	// CheckIns are the overdue check-ins with the person while they wait at the front door, by episode.
	CheckIns map[string]frontdoor.CheckIn
	// Duties are the person's open required actions that the reader may see, soonest due first.
	Duties []duties.Duty
	// InCrisis says an episode of theirs is in crisis, awaiting its early review: they head the list.
	InCrisis bool
	// Now is when the caseload was read, for telling which duties are overdue.
	Now time.Time
	// FollowUps are the signposts whose follow-up is overdue, by episode.
	FollowUps map[string]frontdoor.FollowUpsOverdue
}

// EpisodeStep is where an open episode has got to (conversations.Episode.Position).
type EpisodeStep struct {
	EpisodeID string
	Position  conversations.Position
}

// Urgency orders actions: overdue before due before the rest.
type Urgency int

// The urgencies, most urgent first.
const (
	Overdue Urgency = iota
	Due
	InHand
)

// Action is one next action for a person, said as a practitioner would.
type Action struct {
	Urgency Urgency
	Tag     string // a word that says what kind of action it is, shown as a tag
	Text    string
	Href    string
}

// TagClass is the GOV.UK tag colour for the action's tag. The tag's word says the same, so colour is never the
// only sign.
func (a Action) TagClass() string {
	switch a.Tag {
	case "Overdue":
		return "govuk-tag--red"
	case "Due soon":
		return "govuk-tag--yellow"
	case "Break", "Crisis":
		return "govuk-tag--orange"
	case "Required":
		return "govuk-tag--blue"
	}
	return "govuk-tag--grey"
}

// NextActions works out a person's next actions from their entry, most urgent first.
func (e Entry) NextActions() []Action {
	var out []Action
	for _, d := range e.Duties {
		switch {
		case d.Kind == duties.CrisisReview && d.Overdue(e.Now):
			out = append(out, Action{Urgency: Overdue, Tag: "Overdue", Text: "Crisis: " + d.Kind.Label() + ", overdue since " + d.When(), Href: d.Path})
		case d.Kind == duties.CrisisReview:
			out = append(out, Action{Urgency: Overdue, Tag: "Crisis", Text: d.Kind.Label() + " by " + d.When(), Href: d.Path})
		case d.Overdue(e.Now):
			out = append(out, Action{Urgency: Overdue, Tag: "Overdue", Text: d.Kind.Label() + ", overdue since " + d.When(), Href: d.Path})
		default:
			out = append(out, Action{Urgency: Due, Tag: "Required", Text: d.Kind.Label() + " by " + d.When(), Href: d.Path})
		}
	}
	switch e.ReviewStatus {
	case reviews.Overdue:
		out = append(out, Action{Urgency: Overdue, Tag: "Overdue", Text: "Review overdue since " + e.NextReview.Format("2 January 2006")})
	case reviews.Due:
		out = append(out, Action{Urgency: Due, Tag: "Due soon", Text: "Review due " + e.NextReview.Format("2 January 2006")})
	}
	if e.Waiting > 0 {
		out = append(out, Action{Urgency: Due, Tag: "Waiting", Text: countOf(e.Waiting, "authorisation", "authorisations") + " waiting for a team manager", Href: paths.Authorisations.URL()})
	}
	for _, s := range e.Steps {
		href := paths.Episode.URL(e.PersonID, s.EpisodeID)
		if c, ok := e.CheckIns[s.EpisodeID]; ok && c.Overdue {
			out = append(out, Action{Urgency: Overdue, Tag: "Overdue", Text: "Check-in while waiting overdue since " + c.Due.Format("2 January 2006"), Href: paths.NewCheckIn.URL(e.PersonID, s.EpisodeID)})
		}
		if f, ok := e.FollowUps[s.EpisodeID]; ok {
			out = append(out, Action{Urgency: Overdue, Tag: "Overdue", Text: countOf(f.Count, "signpost follow-up", "signpost follow-ups") + " overdue since " + f.Since.Format("2 January 2006"), Href: paths.Signposts.URL(e.PersonID, s.EpisodeID)})
		}
		if n := e.BreakEpisodes[s.EpisodeID]; n > 0 {
			out = append(out, Action{Urgency: Due, Tag: "Break", Text: countOf(n, "break", "breaks") + " in the golden thread to mend", Href: paths.Thread.URL(e.PersonID, s.EpisodeID)})
		}
		out = append(out, Action{Urgency: InHand, Text: s.Position.Text(), Href: href})
	}
	if e.ReviewStatus == reviews.NotDue {
		out = append(out, Action{Urgency: InHand, Text: "Next review " + e.NextReview.Format("2 January 2006")})
	}
	slices.SortStableFunc(out, func(a, b Action) int { return cmp.Compare(a.Urgency, b.Urgency) })
	return out
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Filter is whose caseload to read.
type Filter struct {
	WorkerID string // the people allocated to this member of staff
	TeamID   string // the people allocated to this team (a team manager's view)
	Page     int    // from 1
}

func (f Filter) validate() error {
	if (f.WorkerID == "") == (f.TeamID == "") {
		return fmt.Errorf("a caseload is for one member of staff or one team")
	}
	return nil
}
