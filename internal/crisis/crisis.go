// Package crisis marks an episode of work as crisis: "when unexpected things happen and a person's situation
// changes suddenly ... support should be provided on a short term 'holding' basis to ensure essential needs can be
// met whilst the Strengths Based Step by Step process can be gone through" (seeds/004, Crisis). Marking records
// what happened and the holding support put in place, and raises a mandatory early review (duties.CrisisReview)
// due the council's CrisisReviewHours after marking. The review finds the crisis over (back to the four steps) or
// the holding support continuing (the next early review is raised, again CrisisReviewHours ahead).
package crisis

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/golden-thread/goldenthread/internal/validation"
)

// DefaultReviewHours is the early review's interval when a council has set none.
const DefaultReviewHours = 72

// Crisis is one crisis on an episode, from marking until a review finds it over.
type Crisis struct {
	ID, PersonID, EpisodeID string
	WhatHappened            string
	Support                 []string // the short-term holding support put in place, item by item
	MarkedAt                time.Time
	MarkedBy                string
	MarkedByName            string
	ReviewDueAt             time.Time // the next early review, an instant
	EndedAt                 time.Time // zero while the crisis is current
	Version                 int

	Reviews []Review // oldest first, read with one crisis
}

// Current reports whether the episode is still in this crisis.
func (c Crisis) Current() bool { return c.EndedAt.IsZero() }

// Overdue reports whether the current crisis's early review is past due at now.
func (c Crisis) Overdue(now time.Time) bool { return c.Current() && now.After(c.ReviewDueAt) }

// ReviewDue is when an early review falls due: exactly hours after from. A council's setting of zero or less uses
// DefaultReviewHours. Due times are instants, so a review across the change of the clocks is still due after the
// same number of hours, however the UK's clock reads.
func ReviewDue(from time.Time, hours int) time.Time {
	if hours <= 0 {
		hours = DefaultReviewHours
	}
	return from.Add(time.Duration(hours) * time.Hour)
}

// Mark is what marking an episode as crisis records.
type Mark struct {
	WhatHappened string
	Support      []string
}

// maxText is the longest free text the rules accept, in bytes.
const maxText = 2000

// Normalise trims what was typed and drops empty items of support.
func (m *Mark) Normalise() {
	m.WhatHappened = strings.TrimSpace(m.WhatHappened)
	m.Support = tidy(m.Support)
}

func tidy(items []string) []string {
	var out []string
	for _, s := range items {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Validate checks a marking: what happened, and at least one item of holding support.
func (m Mark) Validate() validation.Problems {
	var ps validation.Problems
	switch {
	case m.WhatHappened == "":
		ps.Append("what_happened", "Enter what happened")
	case len(m.WhatHappened) > maxText:
		ps.Append("what_happened", "What happened must be 2,000 characters or less")
	}
	if len(m.Support) == 0 {
		ps.Append("support", "Enter the short-term holding support put in place")
	}
	if slices.ContainsFunc(m.Support, func(s string) bool { return len(s) > maxText }) {
		ps.Append("support", "Each item of holding support must be 2,000 characters or less")
	}
	return ps
}

// Outcome is what an early review decides.
type Outcome string

// The outcomes of an early review.
const (
	Over       Outcome = "over"     // the crisis is over: back to the four steps
	Continuing Outcome = "continue" // holding support continues, with another early review
)

// Outcomes returns the outcomes in the order a form offers them.
func Outcomes() []Outcome { return []Outcome{Over, Continuing} }

// Label is the outcome as staff read it.
func (o Outcome) Label() string {
	switch o {
	case Over:
		return "The crisis is over: back to the four steps"
	case Continuing:
		return "Holding support continues, with another early review"
	}
	return string(o)
}

// Review is an early review of crisis holding support.
type Review struct {
	ID           string
	At           time.Time
	WhatHappened string
	Outcome      Outcome
	NextDueAt    time.Time // zero when the crisis is over
	Support      []string  // holding support from now on, when it continues (empty keeps what is in place)
	By, ByName   string
}

// Normalise trims what was typed.
func (r *Review) Normalise() {
	r.WhatHappened = strings.TrimSpace(r.WhatHappened)
	r.Support = tidy(r.Support)
	if r.Outcome == Over {
		r.Support = nil
	}
}

// Validate checks an early review.
func (r Review) Validate() validation.Problems {
	var ps validation.Problems
	switch {
	case r.WhatHappened == "":
		ps.Append("review_what_happened", "Enter what happened since the crisis was marked")
	case len(r.WhatHappened) > maxText:
		ps.Append("review_what_happened", "What happened must be 2,000 characters or less")
	}
	if !slices.Contains(Outcomes(), r.Outcome) {
		ps.Append("outcome", "Select whether the crisis is over or holding support continues")
	}
	if slices.ContainsFunc(r.Support, func(s string) bool { return len(s) > maxText }) {
		ps.Append("support", "Each item of holding support must be 2,000 characters or less")
	}
	return ps
}

var london = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
})

// UKTime writes an instant as the UK's clock reads it, as the chronology says it: "1 April 2025 at 1:00pm".
func UKTime(t time.Time) string {
	t = t.In(london())
	return t.Format("2 January 2006") + " at " + strings.ToLower(t.Format("3:04PM"))
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}
