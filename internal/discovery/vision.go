package discovery

import (
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// CoProducer is who co-produced a version of the vision statement.
type CoProducer string

// Who co-produces.
const (
	Staff               CoProducer = "staff"
	ExpertsByExperience CoProducer = "experts_by_experience"
	Carers              CoProducer = "carers"
)

// CoProducers lists who may co-produce a version, in the order forms offer them.
var CoProducers = []Choice{
	{string(Staff), "Staff"},
	{string(ExpertsByExperience), "Experts by experience"},
	{string(Carers), "Carers"},
}

// Label is who co-produced, as staff read it.
func (c CoProducer) Label() string { return labelOf(CoProducers, string(c)) }

// VisionVersion is one agreed wording of the vision statement. A new wording is a new version, so that each stays as
// it was agreed.
type VisionVersion struct {
	ID          string
	Statement   string
	AgreedOn    sqldb.Date
	CoProducers []CoProducer
	Session     string // a note of the session it was agreed in
	Version     int
}

// MaxStatement is the longest a vision statement may be.
const MaxStatement = 4000

// Normalise trims what was typed and puts who co-produced it in the list's order, once each.
func (v *VisionVersion) Normalise() {
	v.Statement, v.Session = strings.TrimSpace(v.Statement), strings.TrimSpace(v.Session)
	var who []CoProducer
	for _, c := range CoProducers {
		if slices.Contains(v.CoProducers, CoProducer(c.Value)) {
			who = append(who, CoProducer(c.Value))
		}
	}
	for _, c := range v.CoProducers {
		if !isOneOf(CoProducers, string(c)) && !slices.Contains(who, c) {
			who = append(who, c) // kept so that Validate refuses it
		}
	}
	v.CoProducers = who
}

// Validate says what is wrong with a version of the vision, by form field; today is the last day it may have been
// agreed on.
func (v VisionVersion) Validate(today sqldb.Date) validation.Problems {
	var ps validation.Problems
	switch {
	case v.Statement == "":
		ps.Append("statement", "Enter the vision statement")
	case len(v.Statement) > MaxStatement:
		ps.Append("statement", "The vision statement must be 4,000 characters or fewer")
	}
	switch {
	case v.AgreedOn.IsZero():
		ps.Append("agreed_on", "Enter when it was agreed")
	case v.AgreedOn.After(today.Time):
		ps.Append("agreed_on", "The date it was agreed must be today or in the past")
	}
	if len(v.CoProducers) == 0 {
		ps.Append("co_producers", "Select who co-produced it")
	}
	for _, c := range v.CoProducers {
		if !isOneOf(CoProducers, string(c)) {
			ps.Append("co_producers", "Select who co-produced it from the list")
			break
		}
	}
	if len(v.Session) > 500 {
		ps.Append("session", "The note of the session must be 500 characters or fewer")
	}
	return ps
}

// CoProducedWith says whether experts by experience or carers, not staff alone, co-produced the version.
func (v VisionVersion) CoProducedWith() bool {
	return slices.Contains(v.CoProducers, ExpertsByExperience) || slices.Contains(v.CoProducers, Carers)
}

// Current is the position in versions of the current vision, the latest agreed: of two agreed on the same day, the
// one recorded later (later in versions, which the store reads in the order they were recorded). It is -1 when there
// is none.
func Current(versions []VisionVersion) int {
	at := -1
	for i, v := range versions {
		if at < 0 || !v.AgreedOn.Before(versions[at].AgreedOn.Time) {
			at = i
		}
	}
	return at
}

// Vision is the vision statement: its versions newest first, and which is current.
type Vision struct {
	Versions []VisionVersion // newest agreed first
}

// NewVision orders versions, as the store read them in the order they were recorded, newest agreed first, so that
// the current version (Current) leads.
func NewVision(versions []VisionVersion) Vision {
	rest := slices.Clone(versions)
	var out []VisionVersion
	for len(rest) > 0 {
		at := Current(rest)
		out = append(out, rest[at])
		rest = slices.Delete(rest, at, at+1)
	}
	return Vision{Versions: out}
}

// Current is the current version, and whether there is one.
func (v Vision) Current() (VisionVersion, bool) {
	if len(v.Versions) == 0 {
		return VisionVersion{}, false
	}
	return v.Versions[0], true
}

// Earlier is every version before the current one, newest first.
func (v Vision) Earlier() []VisionVersion {
	if len(v.Versions) < 2 {
		return nil
	}
	return v.Versions[1:]
}
