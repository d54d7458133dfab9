package community_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The story checker on texts with and without personal details, its false positives among them: what it must
// refuse, and ordinary practice writing it must let through.
func TestStoryCheckerFindsPersonalDetails(t *testing.T) {
	t.Parallel()
	today := sqldb.NewDate(time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC))
	names := community.Names{}
	names.AddName("Grace")
	names.AddName("Okafor")
	names.AddName("May")
	names.AddName("Smith-Jones")
	names.AddName("Hope")
	for _, tt := range []struct {
		name string
		text string
		want []string // kind:text found, in order
	}{
		{"an NHS number spaced 3-3-4", "Her NHS number is 943 476 5919.", []string{"nhs_number:943 476 5919"}},
		{"an NHS number unspaced", "Ref 9434765919 on the form", []string{"nhs_number:9434765919"}},
		{"an NHS number hyphenated", "943-476-5919", []string{"nhs_number:943-476-5919"}},
		{"spaced 3-3-4 with a wrong check digit is still refused", "NHS 943 476 5918", []string{"nhs_number:943 476 5918"}},
		{"ten digits unspaced with a wrong check digit are a reference, not an NHS number", "Invoice 9434765918 was paid", nil},
		{"a phone number is not an NHS number", "Call 0161 496 0000 or 07700 900123", nil},
		{"eleven digits are not an NHS number", "94347659190", nil},
		{"a date of birth with slashes", "born 12/03/1948 in Leeds", []string{"date:12/03/1948"}},
		{"a date with a two-digit year", "seen on 3.4.51", []string{"date:3.4.51"}},
		{"a date written out", "She was born on the 12th of March 1948.", []string{"date:12th of March 1948"}},
		{"a date, month first", "On March 12, 1948 she", []string{"date:March 12, 1948"}},
		{"an ISO date", "dob 1948-03-12", []string{"date:1948-03-12"}},
		{"a month and year only", "In March 2024 she moved home", nil},
		{"a date still to come cannot be a date of birth", "The review is on 12 March 2027", nil},
		{"not a real day", "Score 31/02/2020", nil},
		{"a time and a fraction", "We met at 10.30 and she managed 3/4 of the stairs", nil},
		{"a postcode", "She lives at ZZ99 3AB now", []string{"postcode:ZZ99 3AB"}},
		{"a postcode in lower case without the space", "moved to m11ae", []string{"postcode:m11ae"}},
		{"a road or an area alone is not a postcode", "Along the M1 to SW1 and the A6", nil},
		{"a recorded name, capitalised", "Grace told us what mattered", []string{"name:Grace"}},
		{"a title and a recorded family name", "Mrs Okafor said no", []string{"name:Okafor"}},
		{"a hyphenated family name", "Mr Smith-Jones agreed", []string{"name:Smith-Jones"}},
		{"a name's word in lower case is a word", "with grace and humour", nil},
		{"capitals are an acronym", "MSP and the MCA, GRACE project", nil},
		{"a month is not a name alone", "In May the team met", nil},
		{"a month after a title is a name", "Mrs May was clear", []string{"name:May"}},
		{"a word starting a sentence that is a recorded family name is refused, by design", "Hope was what kept her going", []string{"name:Hope"}},
		{"the same word inside a sentence is a word", "She held on to hope", nil},
		{"several at once, in order", "Grace, 943 476 5919, ZZ99 3AB", []string{"name:Grace", "nhs_number:943 476 5919", "postcode:ZZ99 3AB"}},
		{"a story with nothing personal", "A woman in her eighties wanted to stay in her garden. Her daughter and the practitioner planned it together.", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range community.Check([][2]string{{"story", tt.text}}, names, today) {
				got = append(got, string(f.Kind)+":"+f.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Check(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// A finding says what was found, where and what to do, as the brief's example does.
func TestFindingMessage(t *testing.T) {
	t.Parallel()
	today := sqldb.NewDate(time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC))
	fs := community.Check([][2]string{{"title", "Fine"}, {"story", "The number 943 476 5919 was on the letter"}}, nil, today)
	if len(fs) != 1 {
		t.Fatalf("found %+v", fs)
	}
	want := "The story contains what looks like an NHS number: 943 476 5919 (at character 12). Remove it before publishing."
	if got := fs[0].Message(); got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

func TestCapitalisedWords(t *testing.T) {
	t.Parallel()
	got := community.CapitalisedWords("Mrs Okafor met the MSP lead in May", "O’Brien and Smith-Jones")
	want := []string{"obrien", "okafor", "smith jones"}
	if !slices.Equal(got, want) {
		t.Errorf("CapitalisedWords = %q, want %q", got, want)
	}
}

func TestNormaliseTags(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"MSP, Strengths ,msp":             "msp|strengths",
		"  Carers   assessment , , ":      "carers assessment",
		"":                                "",
		"Mental Capacity,mental capacity": "mental capacity",
	} {
		if got := strings.Join(community.NormaliseTags(in), "|"); got != want {
			t.Errorf("NormaliseTags(%q) = %q, want %q", in, got, want)
		}
	}
}

// Networks this year: a quarter with nothing on a framework topic stands out as missed; team events name their
// team; a service-wide event is marked; other topics and years are left out.
func TestNetworksIn(t *testing.T) {
	t.Parallel()
	day := func(m, d int) sqldb.Date {
		return sqldb.NewDate(time.Date(2026, time.Month(m), d, 0, 0, 0, 0, time.UTC))
	}
	teams := map[string]string{"n": "North", "s": "South"}
	events := []community.Event{
		{Topic: community.MSP, HeldOn: day(2, 10)},
		{Topic: community.Strengths, TeamID: "s", HeldOn: day(3, 1)},
		{Topic: community.Strengths, TeamID: "n", HeldOn: day(1, 1)},
		{Topic: community.Strengths, TeamID: "n", HeldOn: day(2, 1)},
		{Topic: community.MCA, HeldOn: day(5, 1)},
		{Topic: community.MSP, HeldOn: sqldb.NewDate(time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC))},
	}
	qs := community.NetworksIn(2026, events, teams, day(6, 15))
	var got []string
	for _, q := range qs {
		for _, x := range q.Topics {
			got = append(got, fmt.Sprintf("Q%d %s wide=%v teams=%v missed=%v future=%v ended=%v", q.N, x.Topic, x.ServiceWide, x.Teams, x.Missed(), q.Future, q.Ended))
		}
	}
	want := []string{
		"Q1 msp wide=true teams=[] missed=false future=false ended=true",
		"Q1 strengths wide=false teams=[North South] missed=false future=false ended=true",
		"Q2 msp wide=false teams=[] missed=true future=false ended=false",
		"Q2 strengths wide=false teams=[] missed=true future=false ended=false",
		"Q3 msp wide=false teams=[] missed=true future=true ended=false",
		"Q3 strengths wide=false teams=[] missed=true future=true ended=false",
		"Q4 msp wide=false teams=[] missed=true future=true ended=false",
		"Q4 strengths wide=false teams=[] missed=true future=true ended=false",
	}
	if !slices.Equal(got, want) {
		t.Errorf("NetworksIn:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Attendance above one team goes through disclosure: a service-wide event of three shows "fewer than 6"; a team's
// event shows its count.
func TestAttendanceIsSafeAboveOneTeam(t *testing.T) {
	t.Parallel()
	three := []community.Attendee{{StaffID: "a"}, {StaffID: "b"}, {StaffID: "c"}}
	seven := append(slices.Clone(three), community.Attendee{StaffID: "d"}, community.Attendee{StaffID: "e"}, community.Attendee{StaffID: "f"}, community.Attendee{StaffID: "g"})
	for _, tt := range []struct {
		e    community.Event
		want string
	}{
		{community.Event{Attendees: three}, "fewer than 6"},
		{community.Event{Attendees: seven}, "5"},
		{community.Event{TeamID: "n", Attendees: three}, "3"},
		{community.Event{}, "0"},
	} {
		if got := tt.e.Attendance(); got != tt.want {
			t.Errorf("attendance of %d (team %q) = %q, want %q", len(tt.e.Attendees), tt.e.TeamID, got, tt.want)
		}
	}
}
