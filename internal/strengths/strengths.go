// Package strengths holds a person's strengths, typed as personal, network, community or resources and kept in
// the person's own words, and their network: the people who matter and the community connections around them,
// with how close each is, what support flows which way and whether the link is strong, tenuous or stressful. The
// network is drawn as an ecomap (ecomap.go).
package strengths

import (
	"strings"
	"unicode/utf8"

	"github.com/golden-thread/goldenthread/internal/validation"
)

// Kind is the type of a strength, as the practice framework sorts them.
type Kind string

// The kinds of strength.
const (
	Personal  Kind = "personal"
	Network   Kind = "network"
	Community Kind = "community"
	Resources Kind = "resources"
)

// Kinds lists every kind in the order the pages show them: the person first, then the people around them, then
// the community, then what they have.
func Kinds() []Kind { return []Kind{Personal, Network, Community, Resources} }

// Valid reports whether k is one of the four kinds.
func (k Kind) Valid() bool {
	switch k {
	case Personal, Network, Community, Resources:
		return true
	}
	return false
}

// Label is the kind as a practitioner reads it.
func (k Kind) Label() string {
	switch k {
	case Personal:
		return "Personal"
	case Network:
		return "Network"
	case Community:
		return "Community"
	case Resources:
		return "Resources"
	}
	return string(k)
}

// Heading is the kind as a heading over a group of strengths.
func (k Kind) Heading() string {
	switch k {
	case Personal:
		return "Personal strengths"
	case Network:
		return "Their network"
	case Community:
		return "Their community"
	case Resources:
		return "Their resources"
	}
	return string(k)
}

// Hint says what counts as this kind of strength, with the open questions the framework suggests.
func (k Kind) Hint() string {
	switch k {
	case Personal:
		return "Skills, knowledge, abilities, experience and motivation. What are they good at? How have they got through hard times before?"
	case Network:
		return "Family, friends, neighbours and carers. Who do they turn to, and who turns to them?"
	case Community:
		return "Groups, places and organisations: a faith group, a club, the library, a café, volunteering."
	case Resources:
		return "Home, transport, money and technology. What do they have that helps, and what is working now?"
	}
	return ""
}

// Maximum lengths of what is typed, in characters.
const (
	MaxWords = 4000
	MaxName  = 200
)

// Strength is one strength, in the person's words, with what the practitioner saw beside it.
type Strength struct {
	ID          string
	PersonID    string
	EpisodeID   string // the episode of work it was recorded in, if any
	Kind        Kind
	PersonWords string // what the person said, in their words
	Observed    string // what the practitioner observed, kept apart from the person's words
	Version     int
}

// Normalise tidies what was typed.
func (s *Strength) Normalise() {
	s.PersonWords = strings.TrimSpace(s.PersonWords)
	s.Observed = strings.TrimSpace(s.Observed)
	s.EpisodeID = strings.TrimSpace(s.EpisodeID)
}

// Validate checks a strength as the form asks for it: the kind, then the person's words, then what was observed.
func (s Strength) Validate() validation.Problems {
	var ps validation.Problems
	if !s.Kind.Valid() {
		ps.Append("kind", "Select the kind of strength")
	}
	switch n := utf8.RuneCountInString(s.PersonWords); {
	case n == 0:
		ps.Append("person_words", "Enter the strength in the person's own words")
	case n > MaxWords:
		ps.Append("person_words", "The person's words must be 4,000 characters or less")
	}
	if utf8.RuneCountInString(s.Observed) > MaxWords {
		ps.Append("observed", "What you observed must be 4,000 characters or less")
	}
	return ps
}

// Link is how a connection feels to the person: the three line styles of an ecomap.
type Link string

// The kinds of link.
const (
	Strong    Link = "strong"
	Tenuous   Link = "tenuous"
	Stressful Link = "stressful"
)

// Links lists every link in the order the form offers them.
func Links() []Link { return []Link{Strong, Tenuous, Stressful} }

// Valid reports whether l is one of the three links.
func (l Link) Valid() bool { return l == Strong || l == Tenuous || l == Stressful }

// Label is the link as a practitioner reads it.
func (l Link) Label() string {
	switch l {
	case Strong:
		return "Strong"
	case Tenuous:
		return "Tenuous"
	case Stressful:
		return "Stressful"
	}
	return string(l)
}

// Hint explains the link and how the ecomap draws it, so the picture never relies on colour alone.
func (l Link) Hint() string {
	switch l {
	case Strong:
		return "A reliable, positive relationship. Drawn as a thick solid line."
	case Tenuous:
		return "Weak, occasional or uncertain. Drawn as a dashed line."
	case Stressful:
		return "A source of strain or conflict. Drawn as a zig-zag line."
	}
	return ""
}

// Closeness is how close a connection is to the person: 1 very close, 2 close, 3 distant.
type Closeness int

// The degrees of closeness.
const (
	VeryClose Closeness = 1
	Close     Closeness = 2
	Distant   Closeness = 3
)

// Closenesses lists every degree of closeness, closest first.
func Closenesses() []Closeness { return []Closeness{VeryClose, Close, Distant} }

// Valid reports whether c is 1, 2 or 3.
func (c Closeness) Valid() bool { return c >= VeryClose && c <= Distant }

// Label is the closeness as a practitioner reads it.
func (c Closeness) Label() string {
	switch c {
	case VeryClose:
		return "Very close"
	case Close:
		return "Close"
	case Distant:
		return "Distant"
	}
	return "Not known"
}

// ConnectionKind is what a connection points at: someone who matters, or a community group, place or organisation.
type ConnectionKind string

// The kinds of connection.
const (
	ToPerson    ConnectionKind = "network"
	ToCommunity ConnectionKind = "community"
)

// Connection is one line on the ecomap: to someone who matters (a person_network row, kept by the people package)
// or to a community connection named here.
type Connection struct {
	ID              string
	PersonID        string
	NetworkMemberID string // set for someone who matters
	Name            string // set for a community connection
	Closeness       Closeness
	Link            Link
	SupportGiven    string // support the person gives to this connection
	SupportReceived string // support the person receives from it
	Note            string
	Version         int

	// Read with the connection, not written with it.
	MemberName   string // the name of the person who matters
	Relationship string // their relationship to the person
}

// Kind is what the connection points at.
func (c Connection) Kind() ConnectionKind {
	if c.NetworkMemberID != "" {
		return ToPerson
	}
	return ToCommunity
}

// Title is the connection's name as the ecomap and the list show it.
func (c Connection) Title() string {
	if c.NetworkMemberID != "" {
		return c.MemberName
	}
	return c.Name
}

// Normalise tidies what was typed.
func (c *Connection) Normalise() {
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.SupportGiven = strings.TrimSpace(c.SupportGiven)
	c.SupportReceived = strings.TrimSpace(c.SupportReceived)
	c.Note = strings.TrimSpace(c.Note)
	if c.NetworkMemberID != "" {
		c.Name = "" // a person who matters keeps their name in the people package
	}
}

// Validate checks a connection as the form asks for it.
func (c Connection) Validate() validation.Problems {
	var ps validation.Problems
	switch {
	case c.NetworkMemberID == "" && c.Name == "":
		ps.Append("name", "Select someone who matters, or enter the name of the group, place or organisation")
	case utf8.RuneCountInString(c.Name) > MaxName:
		ps.Append("name", "Name must be 200 characters or less")
	}
	if !c.Closeness.Valid() {
		ps.Append("closeness", "Select how close the connection is")
	}
	if !c.Link.Valid() {
		ps.Append("link", "Select whether the link is strong, tenuous or stressful")
	}
	for _, f := range []struct{ field, value, what string }{
		{"support_received", c.SupportReceived, "Support they give the person"},
		{"support_given", c.SupportGiven, "Support the person gives them"},
		{"note", c.Note, "Notes"},
	} {
		if utf8.RuneCountInString(f.value) > MaxWords {
			ps.Append(f.field, f.what+" must be 4,000 characters or less")
		}
	}
	return ps
}
