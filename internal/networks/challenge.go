package networks

import (
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Challenge is a peer challenge between member councils of a network: the council that hosted it, the councils that
// challenged, the theme, when it ran, what was found (strengths, and areas to consider) and the host council's
// response. It is a record of the network's, about councils' practice, never about a person.
type Challenge struct {
	ID, NetworkID    string
	HostID           string
	ChallengerIDs    []string
	Theme            string
	StartsOn, EndsOn sqldb.Date
	Strengths, Areas string
	Response         string
	RespondedAt      time.Time
	Version          int
}

// MaxFinding is the longest a finding or a response may be.
const MaxFinding = 10000

// Normalise trims what was typed, and lists each challenger once, never the host.
func (c *Challenge) Normalise() {
	c.Theme, c.Strengths, c.Areas, c.Response = strings.TrimSpace(c.Theme), strings.TrimSpace(c.Strengths), strings.TrimSpace(c.Areas), strings.TrimSpace(c.Response)
	var ids []string
	for _, id := range c.ChallengerIDs {
		if id = strings.TrimSpace(id); id != "" && id != c.HostID && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	c.ChallengerIDs = ids
}

// Validate checks a challenge against the network's members now: a theme, a host and at least one challenger who
// are members, and dates in order. A council that has left may stay on a challenge recorded while it belonged
// (was), but cannot be added to one.
func (c Challenge) Validate(member func(councilID string) bool, was Challenge) validation.Problems {
	var ps validation.Problems
	known := func(id string) bool {
		return member(id) || id == was.HostID || slices.Contains(was.ChallengerIDs, id)
	}
	if c.Theme == "" {
		ps.Append("theme", "Enter the challenge’s theme")
	} else if len(c.Theme) > 200 {
		ps.Append("theme", "The theme must be 200 characters or fewer")
	}
	if c.HostID == "" {
		ps.Append("host", "Select the council that hosted the challenge")
	} else if !known(c.HostID) {
		ps.Append("host", "The host must be a member council of the network")
	}
	if len(c.ChallengerIDs) == 0 {
		ps.Append("challengers", "Select at least one council that challenged the host")
	}
	for _, id := range c.ChallengerIDs {
		if !known(id) {
			ps.Append("challengers", "Each challenger must be a member council of the network")
			break
		}
	}
	switch {
	case c.StartsOn.IsZero():
		ps.Append("starts_on", "Enter the date the challenge started")
	case c.EndsOn.IsZero():
		ps.Append("ends_on", "Enter the date the challenge ended")
	case c.EndsOn.Before(c.StartsOn.Time):
		ps.Append("ends_on", "The challenge must end on or after the day it started")
	}
	if len(c.Strengths) > MaxFinding {
		ps.Append("strengths", "The strengths found must be 10,000 characters or fewer")
	}
	if len(c.Areas) > MaxFinding {
		ps.Append("areas", "The areas to consider must be 10,000 characters or fewer")
	}
	return ps
}

// ValidateResponse checks the host's response.
func ValidateResponse(response string) validation.Problems {
	var ps validation.Problems
	switch r := strings.TrimSpace(response); {
	case r == "":
		ps.Append("response", "Enter the host council’s response")
	case len(r) > MaxFinding:
		ps.Append("response", "The response must be 10,000 characters or fewer")
	}
	return ps
}

// TookPart says whether a council hosted or challenged.
func (c Challenge) TookPart(councilID string) bool {
	return councilID != "" && (c.HostID == councilID || slices.Contains(c.ChallengerIDs, councilID))
}

// Stage is where a peer challenge stands, worked out from what was recorded.
type Stage string

// The stages.
const (
	Planned          Stage = "planned"
	UnderWay         Stage = "under_way"
	AwaitingResponse Stage = "awaiting_response"
	Responded        Stage = "responded"
)

// StageOn is where the challenge stands on day: planned before it starts, under way until it ends, then awaiting
// the host's response until one is recorded.
func (c Challenge) StageOn(day sqldb.Date) Stage {
	switch {
	case c.Response != "":
		return Responded
	case day.Before(c.StartsOn.Time):
		return Planned
	case !day.After(c.EndsOn.Time):
		return UnderWay
	}
	return AwaitingResponse
}

// Label is the stage as pages name it.
func (s Stage) Label() string {
	switch s {
	case Planned:
		return "Planned"
	case UnderWay:
		return "Under way"
	case AwaitingResponse:
		return "Awaiting the host’s response"
	}
	return "Responded"
}

// TagClass is the GOV.UK tag colour of the stage.
func (s Stage) TagClass() string {
	switch s {
	case Planned:
		return "govuk-tag--grey"
	case UnderWay:
		return "govuk-tag--blue"
	case AwaitingResponse:
		return "govuk-tag--yellow"
	}
	return "govuk-tag--green"
}

// ReadsChallenges: in a member council, the quality lead reads the peer challenges the council took part in.
func ReadsChallenges(r councils.Role) bool { return r == councils.QualityLead }

// RespondsToChallenge: the host council's quality lead writes its response.
func RespondsToChallenge(r councils.Role) bool { return r == councils.QualityLead }

// StrengthsParagraphs, AreasParagraphs and ResponseParagraphs are what was found and the response, paragraph by
// paragraph, as the community of practice shows what was shared.
func (c Challenge) StrengthsParagraphs() []string { return community.Paragraphs(c.Strengths) }

// AreasParagraphs: see StrengthsParagraphs.
func (c Challenge) AreasParagraphs() []string { return community.Paragraphs(c.Areas) }

// ResponseParagraphs: see StrengthsParagraphs.
func (c Challenge) ResponseParagraphs() []string { return community.Paragraphs(c.Response) }

// Stages are the stages in order, for the lists of values that name them.
func Stages() []Stage { return []Stage{Planned, UnderWay, AwaitingResponse, Responded} }
