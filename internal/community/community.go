// Package community holds the community of practice (seeds/004): practitioner network events, a team's or
// service-wide, every quarter on Making Safeguarding Personal and the strengths-based approach, with who attended
// and what was shared and agreed; "networks this year", which shows a missed quarter; and the library of good
// practice, short anonymised practice stories that a quality lead drafts and publishes, from a case file audit
// graded Outstanding or written fresh, checked for personal details before they are published.
package community

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Topic is what a network event is about.
type Topic string

// The topics. The practice framework names the first two as the networks held every quarter.
const (
	MSP       Topic = "msp"
	Strengths Topic = "strengths"
	MCA       Topic = "mca"
	Other     Topic = "other"
)

// Topics lists the topics in the order the form offers them.
func Topics() []Topic { return []Topic{MSP, Strengths, MCA, Other} }

// FrameworkTopics are the topics the practice framework asks a network on every quarter.
func FrameworkTopics() []Topic { return []Topic{MSP, Strengths} }

// Label is the topic as staff read it.
func (t Topic) Label() string {
	switch t {
	case MSP:
		return "Making Safeguarding Personal"
	case Strengths:
		return "The strengths-based approach"
	case MCA:
		return "Mental Capacity Act"
	}
	return "Other"
}

// Attendee is a member of staff who attended an event.
type Attendee struct {
	StaffID string
	Name    string // read back
	TeamIDs []string
}

// Event is a practitioner network event.
type Event struct {
	ID         string
	Title      string
	TeamID     string // "" for a service-wide event
	TeamName   string // read back
	Topic      Topic
	TopicOther string // what the topic is, when Other
	HeldOn     sqldb.Date
	Place      string
	Online     bool
	Shared     string // what was shared
	Agreed     string // what was agreed
	Attendees  []Attendee
	Version    int
}

// SharedParagraphs and AgreedParagraphs are what was shared and agreed, paragraph by paragraph.
func (e Event) SharedParagraphs() []string { return Paragraphs(e.Shared) }

// AgreedParagraphs: see SharedParagraphs.
func (e Event) AgreedParagraphs() []string { return Paragraphs(e.Agreed) }

// ServiceWide says whether the event was for the whole service rather than one team.
func (e Event) ServiceWide() bool { return e.TeamID == "" }

// TopicText is the event's topic as staff read it: its label, or what it was when Other.
func (e Event) TopicText() string {
	if e.Topic == Other && e.TopicOther != "" {
		return e.TopicOther
	}
	return e.Topic.Label()
}

// Scope is who the event was for, as staff read it.
func (e Event) Scope() string {
	if e.ServiceWide() {
		return "Service-wide"
	}
	return e.TeamName
}

// Attendance is how many attended, as the event's page shows it: the count itself for one team's event, and through
// disclosure.Safe for a service-wide one, which is above one team.
func (e Event) Attendance() string {
	if e.ServiceWide() {
		return disclosure.Safe(len(e.Attendees)).String()
	}
	return strconv.Itoa(len(e.Attendees))
}

// AttendeeIDs lists the IDs of who attended.
func (e Event) AttendeeIDs() []string {
	out := make([]string, len(e.Attendees))
	for i, a := range e.Attendees {
		out[i] = a.StaffID
	}
	return out
}

// Normalise trims what was typed and drops repeated attendees.
func (e *Event) Normalise() {
	e.Title, e.TopicOther, e.Place = strings.TrimSpace(e.Title), strings.TrimSpace(e.TopicOther), strings.TrimSpace(e.Place)
	e.Shared, e.Agreed, e.TeamID = strings.TrimSpace(e.Shared), strings.TrimSpace(e.Agreed), strings.TrimSpace(e.TeamID)
	if e.Topic != Other {
		e.TopicOther = ""
	}
	var seen []Attendee
	for _, a := range e.Attendees {
		a.StaffID = strings.TrimSpace(a.StaffID)
		if a.StaffID != "" && !slices.ContainsFunc(seen, func(x Attendee) bool { return x.StaffID == a.StaffID }) {
			seen = append(seen, a)
		}
	}
	e.Attendees = seen
}

// Validate checks an event: its title, topic (and what it was, when other), date, and where it was held.
func (e Event) Validate() validation.Problems {
	var ps validation.Problems
	switch {
	case e.Title == "":
		ps.Append("title", "Enter the event’s title")
	case len(e.Title) > 200:
		ps.Append("title", "Title must be 200 characters or less")
	}
	switch e.Topic {
	case MSP, Strengths, MCA:
	case Other:
		if e.TopicOther == "" {
			ps.Append("topic_other", "Enter what the event was about")
		}
	default:
		ps.Append("topic", "Select the event’s topic")
	}
	if e.HeldOn.IsZero() {
		ps.Append("held_on", "Enter the date of the event")
	}
	if !e.Online && e.Place == "" {
		ps.Append("place", "Enter where the event was held, or say it was online")
	}
	for name, v := range map[string]string{"shared": e.Shared, "agreed": e.Agreed, "place": e.Place, "topic_other": e.TopicOther} {
		if len(v) > 4000 {
			ps.Append(name, "Each part must be 4,000 characters or less")
		}
	}
	return ps
}

// Quarter is one quarter of a year's networks: for each framework topic, whether a service-wide event was held and
// which teams held their own.
type Quarter struct {
	N      int // 1 to 4, of the calendar year
	Start  time.Time
	Topics []QuarterTopic
	Future bool // the quarter has not started yet
	Ended  bool // the quarter is over, so a topic with nothing held was missed
}

// End is the last day of the quarter.
func (q Quarter) End() time.Time { return q.Start.AddDate(0, 3, -1) }

// QuarterTopic is one framework topic in one quarter.
type QuarterTopic struct {
	Topic       Topic
	ServiceWide bool
	Teams       []string // names of teams that held their own event, in order
}

// Missed says whether nothing on the topic was held in the quarter.
func (q QuarterTopic) Missed() bool { return !q.ServiceWide && len(q.Teams) == 0 }

// NetworksIn works out a year's networks from its events, by calendar quarter, on today: for each quarter and each
// framework topic, whether a service-wide event and which teams' events were held. teams names the teams by ID.
func NetworksIn(year int, events []Event, teams map[string]string, today sqldb.Date) []Quarter {
	out := make([]Quarter, 4)
	for i := range out {
		start := time.Date(year, time.Month(3*i+1), 1, 0, 0, 0, 0, time.UTC)
		out[i] = Quarter{N: i + 1, Start: start, Future: start.After(today.Time), Ended: start.AddDate(0, 3, -1).Before(today.Time)}
		for _, t := range FrameworkTopics() {
			out[i].Topics = append(out[i].Topics, QuarterTopic{Topic: t})
		}
	}
	for _, e := range events {
		if e.HeldOn.Year() != year {
			continue
		}
		q := &out[(int(e.HeldOn.Month())-1)/3]
		i := slices.IndexFunc(q.Topics, func(x QuarterTopic) bool { return x.Topic == e.Topic })
		if i < 0 {
			continue
		}
		if e.ServiceWide() {
			q.Topics[i].ServiceWide = true
		} else if name := teams[e.TeamID]; !slices.Contains(q.Topics[i].Teams, name) {
			q.Topics[i].Teams = append(q.Topics[i].Teams, name)
		}
	}
	for i := range out {
		for j := range out[i].Topics {
			slices.Sort(out[i].Topics[j].Teams)
		}
	}
	return out
}

// Story is a practice story in the library of good practice.
type Story struct {
	ID          string
	Title       string
	Story       string
	WhyGood     string // what made it good practice
	Tags        []string
	AuditID     string // the audit graded Outstanding it was written from; "" when written fresh. Never shown to readers.
	PublishedAt time.Time
	Version     int
}

// Published says whether the story is in the library for staff to read.
func (s Story) Published() bool { return !s.PublishedAt.IsZero() }

// FromAudit says whether the story was written from a case file audit.
func (s Story) FromAudit() bool { return s.AuditID != "" }

// Paragraphs are the story's paragraphs.
func (s Story) Paragraphs() []string { return Paragraphs(s.Story) }

// WhyGoodParagraphs are what made it good practice, paragraph by paragraph.
func (s Story) WhyGoodParagraphs() []string { return Paragraphs(s.WhyGood) }

// Paragraphs are the paragraphs of text as it was typed, with line breaks between them, for a page to show each as
// its own.
func Paragraphs(text string) []string {
	var out []string
	for p := range strings.SplitSeq(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// TagText is the tags as the form shows them.
func (s Story) TagText() string { return strings.Join(s.Tags, ", ") }

// NormaliseTags reads tags typed separated by commas: each trimmed, in lower case, with inner spaces run together,
// empty and repeated tags dropped, in the order typed.
func NormaliseTags(text string) []string {
	var out []string
	for t := range strings.SplitSeq(text, ",") {
		t = strings.ToLower(strings.Join(strings.Fields(t), " "))
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// NormaliseTag is one tag as NormaliseTags writes it, for a search.
func NormaliseTag(t string) string { return strings.ToLower(strings.Join(strings.Fields(t), " ")) }

// Normalise trims what was typed.
func (s *Story) Normalise() {
	s.Title, s.Story, s.WhyGood, s.AuditID = strings.TrimSpace(s.Title), strings.TrimSpace(s.Story), strings.TrimSpace(s.WhyGood), strings.TrimSpace(s.AuditID)
	s.Tags = NormaliseTags(strings.Join(s.Tags, ","))
}

// Validate checks a story as a draft: a title and the story, each within its length; at most 10 tags of 40
// characters.
func (s Story) Validate() validation.Problems {
	var ps validation.Problems
	switch {
	case s.Title == "":
		ps.Append("title", "Enter the story’s title")
	case len(s.Title) > 200:
		ps.Append("title", "Title must be 200 characters or less")
	}
	switch {
	case s.Story == "":
		ps.Append("story", "Enter the story")
	case len(s.Story) > 6000:
		ps.Append("story", "The story must be 6,000 characters or less")
	}
	if len(s.WhyGood) > 4000 {
		ps.Append("why_good", "What made it good practice must be 4,000 characters or less")
	}
	if len(s.Tags) > 10 {
		ps.Append("tags", "Enter 10 tags or fewer")
	}
	for _, t := range s.Tags {
		if len(t) > 40 {
			ps.Append("tags", "Each tag must be 40 characters or less")
			break
		}
	}
	return ps
}

// CheckFields are the story's fields as the checker reads them.
func (s Story) CheckFields() [][2]string {
	return [][2]string{{"title", s.Title}, {"story", s.Story}, {"why_good", s.WhyGood}}
}

// Outstanding is a completed case file audit graded Outstanding, as the quality lead chooses one to write a story
// from: the round, the team and when it was completed, never the person.
type Outstanding struct {
	AuditID     string
	Round       string
	Team        string
	CompletedOn sqldb.Date
	Strengths   string // what the auditor found went well, to start the story from
}
