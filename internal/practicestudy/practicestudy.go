// Package practicestudy holds the practice study (seed 002, after SCIE): a quality lead opens a study of some teams
// over a period and looks at practice through four windows, a day in the life (each practitioner's quick diary of
// where their time goes), reflective learning sessions, engagement with people who draw on support and carers, and
// practice insight (what the record already shows for the same teams and period, read from the audits and the
// insight catalogue rather than typed again), and ends in a case for change under four headings: the operating model,
// technology, resources and innovation.
package practicestudy

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// State is where a study is. It is never stored: State works it out from the study's dates and its case for change.
type State string

// The states of a study.
const (
	Planned   State = "planned"
	Running   State = "running"
	Analysing State = "analysing"
	Concluded State = "concluded"
)

// Label is the state as staff read it.
func (s State) Label() string {
	switch s {
	case Planned:
		return "Planned"
	case Running:
		return "Running"
	case Analysing:
		return "Analysing"
	}
	return "Concluded"
}

// StateOn is a study's state on a day: concluded once its case for change is agreed, whatever the date; otherwise
// planned before it starts, running from its first day to its last, and analysing after.
func StateOn(from, to, today sqldb.Date, agreed bool) State {
	switch {
	case agreed:
		return Concluded
	case today.Before(from.Time):
		return Planned
	case !today.After(to.Time):
		return Running
	}
	return Analysing
}

// Activity is a kind of activity in a diary.
type Activity string

// The kinds of activity in a day in the life.
const (
	WithPeople  Activity = "with_people"
	Travel      Activity = "travel"
	Recording   Activity = "recording"
	Meetings    Activity = "meetings"
	Chasing     Activity = "chasing"
	Supervision Activity = "supervision"
	Training    Activity = "training"
	Other       Activity = "other"
)

// Activities lists the kinds in the order the diary offers them.
func Activities() []Activity {
	return []Activity{WithPeople, Travel, Recording, Meetings, Chasing, Supervision, Training, Other}
}

// Label is the kind as staff read it.
func (a Activity) Label() string {
	switch a {
	case WithPeople:
		return "Time with people"
	case Travel:
		return "Travel"
	case Recording:
		return "Recording"
	case Meetings:
		return "Meetings"
	case Chasing:
		return "Chasing and waiting"
	case Supervision:
		return "Supervision"
	case Training:
		return "Training"
	}
	return "Other"
}

// Valid says whether a is one of the kinds.
func (a Activity) Valid() bool {
	for _, k := range Activities() {
		if a == k {
			return true
		}
	}
	return false
}

// Study is a practice study.
type Study struct {
	ID                 string
	Name               string
	From, To           sqldb.Date
	TeamIDs            []string
	Teams              []Team // read back, by name
	ManagersSeeDiaries bool
	Summary            string // the case for change's summary
	AgreedAt           time.Time
	AgreedBy           string
	Version            int
}

// Team is a team in a study.
type Team struct{ ID, Name string }

// StateOn is the study's state on today.
func (s Study) StateOn(today sqldb.Date) State {
	return StateOn(s.From, s.To, today, !s.AgreedAt.IsZero())
}

// HasTeam says whether the study looks at the team.
func (s Study) HasTeam(id string) bool {
	for _, t := range s.TeamIDs {
		if t == id {
			return true
		}
	}
	return false
}

// MaxDays is the longest a study may run: a year, which is long enough for any study of practice.
const MaxDays = 366

// Validate checks a study: a name, a period that ends on or after it starts and runs no more than a year, and at
// least one team.
func (s Study) Validate() validation.Problems {
	var ps validation.Problems
	switch {
	case strings.TrimSpace(s.Name) == "":
		ps.Append("name", "Enter a name for the study")
	case len(s.Name) > 200:
		ps.Append("name", "The name must be 200 characters or less")
	}
	if s.From.IsZero() {
		ps.Append("starts_on", "Enter the date the study starts")
	}
	switch {
	case s.To.IsZero():
		ps.Append("ends_on", "Enter the date the study ends")
	case !s.From.IsZero() && s.To.Before(s.From.Time):
		ps.Append("ends_on", "The study must end on or after the day it starts")
	case !s.From.IsZero() && s.To.Sub(s.From.Time) > MaxDays*24*time.Hour:
		ps.Append("ends_on", "A study can run for a year at most")
	}
	if len(s.TeamIDs) == 0 {
		ps.Append("teams", "Select the teams in the study")
	}
	return ps
}

// Entry is one activity of a diary day.
type Entry struct {
	Kind    Activity
	Minutes int
	Note    string
}

// Day is a day of a practitioner's diary.
type Day struct {
	StaffID   string
	StaffName string // read back
	Day       sqldb.Date
	TeamID    string // the study team it counts for: set by the store
	Entries   []Entry
	Version   int // 0 when the day is not yet recorded
}

// DayMinutes is a whole day: no diary day can hold more.
const DayMinutes = 24 * 60

// MaxNote is the longest note an activity may carry: a short note, not a case record.
const MaxNote = 200

// EntryField is the form field of part of the i-th activity (from 0).
func EntryField(i int, part string) string { return "activity_" + strconv.Itoa(i+1) + "_" + part }

// Normalise trims notes and drops rows with nothing in them.
func (d *Day) Normalise() {
	var out []Entry
	for _, e := range d.Entries {
		e.Note = strings.TrimSpace(e.Note)
		if e.Kind != "" || e.Minutes != 0 || e.Note != "" {
			out = append(out, e)
		}
	}
	d.Entries = out
}

// Total is the day's minutes, all activities together.
func (d Day) Total() int {
	n := 0
	for _, e := range d.Entries {
		n += e.Minutes
	}
	return n
}

// Validate checks a diary day within the study's period on today: the day is in the study and not in the future,
// each activity has a kind and a positive number of minutes, and the day adds up to no more than 24 hours.
func (d Day) Validate(s Study, today sqldb.Date) validation.Problems {
	var ps validation.Problems
	switch {
	case d.Day.IsZero():
		ps.Append("day", "Enter the day of the diary")
	case d.Day.Before(s.From.Time) || d.Day.After(s.To.Time):
		ps.Append("day", "The day must be within the study, from "+s.From.Format("2 January 2006")+" to "+s.To.Format("2 January 2006"))
	case d.Day.After(today.Time):
		ps.Append("day", "The day must be today or in the past")
	}
	if len(d.Entries) == 0 {
		ps.Append(EntryField(0, "minutes"), "Enter at least one activity with its minutes")
	}
	for i, e := range d.Entries {
		switch {
		case !e.Kind.Valid():
			ps.Append(EntryField(i, "kind"), "Select what activity "+strconv.Itoa(i+1)+" was")
		case e.Minutes < 0:
			ps.Append(EntryField(i, "minutes"), "Minutes for activity "+strconv.Itoa(i+1)+" cannot be negative")
		case e.Minutes == 0:
			ps.Append(EntryField(i, "minutes"), "Enter how many minutes activity "+strconv.Itoa(i+1)+" took")
		case e.Minutes > DayMinutes:
			ps.Append(EntryField(i, "minutes"), "Activity "+strconv.Itoa(i+1)+" cannot take more than 24 hours")
		}
		if len(e.Note) > MaxNote {
			ps.Append(EntryField(i, "note"), "The note for activity "+strconv.Itoa(i+1)+" must be 200 characters or less")
		}
	}
	if t := d.Total(); t > DayMinutes {
		ps.Append("total", "The day adds up to "+Duration(t)+": a day cannot be more than 24 hours")
	}
	return ps
}

// ParseMinutes reads a time as a practitioner types it on a phone: minutes ("45", "-30", which Validate then refuses),
// or hours and minutes ("1:30", "1h30", "1h", "2h 15m").
func ParseMinutes(s string) (int, error) {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if n, err := strconv.Atoi(strings.TrimSuffix(s, "m")); err == nil {
		return n, nil
	}
	h, m, ok := strings.Cut(s, ":")
	if !ok {
		h, m, ok = strings.Cut(s, "h")
	}
	if !ok || h == "" {
		return 0, fmt.Errorf("not a time: %q", s)
	}
	hours, err := strconv.Atoi(h)
	if err != nil || hours < 0 {
		return 0, fmt.Errorf("not a time: %q", s)
	}
	mins := 0
	if m = strings.TrimSuffix(m, "m"); m != "" {
		if mins, err = strconv.Atoi(m); err != nil || mins < 0 || mins > 59 {
			return 0, fmt.Errorf("not a time: %q", s)
		}
	}
	return hours*60 + mins, nil
}

// Duration is minutes as a page says them: "7 hours 30 minutes", "45 minutes".
func Duration(minutes int) string {
	h, m := minutes/60, minutes%60
	var parts []string
	switch h {
	case 0:
	case 1:
		parts = append(parts, "1 hour")
	default:
		parts = append(parts, strconv.Itoa(h)+" hours")
	}
	if m > 0 || h == 0 {
		if m == 1 {
			parts = append(parts, "1 minute")
		} else {
			parts = append(parts, strconv.Itoa(m)+" minutes")
		}
	}
	return strings.Join(parts, " ")
}

// TeamTime is where a team's recorded time went in a study: the minutes of each kind, the diary days recorded and how
// many members of staff kept a diary.
type TeamTime struct {
	TeamID   string
	TeamName string
	Minutes  map[Activity]int
	Days     int
	Diarists int
}

// Total is every minute the team recorded.
func (t TeamTime) Total() int {
	n := 0
	for _, m := range t.Minutes {
		n += m
	}
	return n
}

// Share is one kind's part of the recorded time.
type Share struct {
	Kind    Activity
	Minutes int
	Percent int // whole percent of the team's recorded time, rounded to the nearest
}

// MinDiarists is the fewest diarists whose time a team's results show: fewer, and the team's shares would be one
// practitioner's diary, which is theirs.
const MinDiarists = 3

// Shares is the team's time by kind, each with its share of the whole, in the diary's order, and whether there are
// enough diarists to show them (MinDiarists).
func (t TeamTime) Shares() ([]Share, bool) {
	total := t.Total()
	out := make([]Share, 0, len(Activities()))
	for _, k := range Activities() {
		out = append(out, Share{Kind: k, Minutes: t.Minutes[k], Percent: Percent(t.Minutes[k], total)})
	}
	return out, t.Diarists >= MinDiarists
}

// WithPeoplePercent is the team's share of recorded time spent with people.
func (t TeamTime) WithPeoplePercent() int { return Percent(t.Minutes[WithPeople], t.Total()) }

// Percent is n as a whole percentage of of, rounded half up; 0 of nothing is 0.
func Percent(n, of int) int {
	if of <= 0 {
		return 0
	}
	return (n*200 + of) / (2 * of)
}

// Combined adds teams' time together, for the study as a whole.
func Combined(teams []TeamTime) TeamTime {
	all := TeamTime{TeamName: "All the study’s teams", Minutes: map[Activity]int{}}
	for _, t := range teams {
		for k, m := range t.Minutes {
			all.Minutes[k] += m
		}
		all.Days += t.Days
		all.Diarists += t.Diarists
	}
	return all
}

// Reflection is a reflective learning session.
type Reflection struct {
	ID       string
	HeldOn   sqldb.Date
	StaffIDs []string
	Staff    []string // who took part, by name, read back
	Themes   string   // the cases or themes discussed, without details that identify anyone
	Learnt   string
}

// Validate checks a reflective session on today.
func (r Reflection) Validate(today sqldb.Date) validation.Problems {
	var ps validation.Problems
	switch {
	case r.HeldOn.IsZero():
		ps.Append("held_on", "Enter the date of the session")
	case r.HeldOn.After(today.Time):
		ps.Append("held_on", "The date of the session must be today or in the past")
	}
	if len(r.StaffIDs) == 0 {
		ps.Append("staff", "Select who took part")
	}
	if strings.TrimSpace(r.Themes) == "" {
		ps.Append("themes", "Enter the cases or themes discussed")
	}
	if strings.TrimSpace(r.Learnt) == "" {
		ps.Append("learnt", "Enter what was learnt")
	}
	for name, v := range map[string]string{"themes": r.Themes, "learnt": r.Learnt} {
		if len(v) > 4000 {
			ps.Append(name, "Each part must be 4,000 characters or less")
		}
	}
	return ps
}

// Method is how an engagement was held.
type Method string

// The ways of engaging people with lived experience.
const (
	Interview   Method = "interview"
	Group       Method = "group"
	Survey      Method = "survey"
	Observation Method = "observation"
	OtherMethod Method = "other"
)

// Methods lists the ways in the order the form offers them.
func Methods() []Method { return []Method{Interview, Group, Survey, Observation, OtherMethod} }

// Label is the method as staff read it.
func (m Method) Label() string {
	switch m {
	case Interview:
		return "Interview"
	case Group:
		return "Group conversation"
	case Survey:
		return "Survey"
	case Observation:
		return "Observation"
	}
	return "Other"
}

// Engagement is an engagement with people who draw on support or carers.
type Engagement struct {
	ID         string
	HeldOn     sqldb.Date
	Method     Method
	Who        string // in general terms: "a carer", "a group of six people who use day services"
	ConsentHow string
	ConsentOn  sqldb.Date
	Quotes     string // what they said, in their own words
	Themes     []string
}

// ParseThemes reads themes typed one a line or separated by commas, trimmed, without repeats (ignoring case).
func ParseThemes(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		t = strings.TrimSpace(t)
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	return out
}

// Validate checks an engagement on today. Consent is required: an engagement without the way and the date consent
// was recorded is refused.
func (e Engagement) Validate(today sqldb.Date) validation.Problems {
	var ps validation.Problems
	switch {
	case e.HeldOn.IsZero():
		ps.Append("held_on", "Enter the date of the engagement")
	case e.HeldOn.After(today.Time):
		ps.Append("held_on", "The date of the engagement must be today or in the past")
	}
	switch e.Method {
	case Interview, Group, Survey, Observation, OtherMethod:
	default:
		ps.Append("method", "Select how you engaged people")
	}
	if strings.TrimSpace(e.Who) == "" {
		ps.Append("who", "Enter who took part, in general terms")
	}
	if strings.TrimSpace(e.ConsentHow) == "" {
		ps.Append("consent_how", "Record how consent was given: without consent, nothing they said can be kept")
	}
	switch {
	case e.ConsentOn.IsZero():
		ps.Append("consent_on", "Enter the date consent was given")
	case e.ConsentOn.After(today.Time):
		ps.Append("consent_on", "The date consent was given must be today or in the past")
	}
	if strings.TrimSpace(e.Quotes) == "" {
		ps.Append("quotes", "Enter what they said, in their own words")
	}
	for name, v := range map[string]string{"who": e.Who, "consent_how": e.ConsentHow, "quotes": e.Quotes} {
		if len(v) > 4000 {
			ps.Append(name, "Each part must be 4,000 characters or less")
		}
	}
	return ps
}

// ThemeCount is a theme and how many engagements raised it.
type ThemeCount struct {
	Theme string
	Count int
}

// CountThemes counts each theme across engagements, ignoring case (the first spelling is kept), most raised first
// and then by name.
func CountThemes(es []Engagement) []ThemeCount {
	idx := map[string]int{}
	var out []ThemeCount
	for _, e := range es {
		for _, t := range e.Themes {
			k := strings.ToLower(t)
			i, ok := idx[k]
			if !ok {
				i = len(out)
				idx[k] = i
				out = append(out, ThemeCount{Theme: t})
			}
			out[i].Count++
		}
	}
	slices.SortStableFunc(out, func(a, b ThemeCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(strings.ToLower(a.Theme), strings.ToLower(b.Theme)))
	})
	return out
}

// Heading is a heading of the case for change.
type Heading string

// The four headings of the case for change.
const (
	OperatingModel Heading = "operating_model"
	Technology     Heading = "technology"
	Resources      Heading = "resources"
	Innovation     Heading = "innovation"
)

// Headings lists the headings in order.
func Headings() []Heading { return []Heading{OperatingModel, Technology, Resources, Innovation} }

// Label is the heading as the case for change prints it.
func (h Heading) Label() string {
	switch h {
	case OperatingModel:
		return "Operating model"
	case Technology:
		return "Technology"
	case Resources:
		return "Resources"
	}
	return "Innovation"
}

// PointKind says whether a point of the case for change is a finding or a recommendation.
type PointKind string

// The kinds of point.
const (
	Finding        PointKind = "finding"
	Recommendation PointKind = "recommendation"
)

// Point is a finding or a recommendation under a heading; a recommendation may name its evidence (Evidence).
type Point struct {
	Heading  Heading
	Kind     PointKind
	Text     string
	Evidence string
}

// The evidence a recommendation may rest on: a window of the study, or one reflective session or engagement
// ("reflection:ID", "engagement:ID").
const (
	EvidenceDiary   = "diary"
	EvidenceInsight = "insight"
	EvidenceLived   = "lived"
	EvidenceReflect = "reflective"
)

// Case is a study's case for change.
type Case struct {
	Summary string
	Points  []Point
	Version int // the study's
}

// PointsUnder are the case's points under a heading, of one kind.
func (c Case) PointsUnder(h Heading, k PointKind) []Point {
	var out []Point
	for _, p := range c.Points {
		if p.Heading == h && p.Kind == k {
			out = append(out, p)
		}
	}
	return out
}

// PointField is the form field of the i-th point (from 0) of a kind under a heading.
func PointField(h Heading, k PointKind, i int, part string) string {
	return string(h) + "_" + string(k) + "_" + strconv.Itoa(i+1) + "_" + part
}

// Validate checks the case for change before it is saved: each point within 2,000 characters, evidence only for a
// recommendation that has text. With agree, the case must have at least one recommendation.
func (c Case) Validate(agree bool) validation.Problems {
	var ps validation.Problems
	n := map[Heading]map[PointKind]int{}
	recs := 0
	for _, p := range c.Points {
		if n[p.Heading] == nil {
			n[p.Heading] = map[PointKind]int{}
		}
		i := n[p.Heading][p.Kind]
		n[p.Heading][p.Kind]++
		switch {
		case strings.TrimSpace(p.Text) == "" && p.Evidence != "":
			ps.Append(PointField(p.Heading, p.Kind, i, "text"), "Enter the recommendation this evidence supports")
		case len(p.Text) > 2000:
			ps.Append(PointField(p.Heading, p.Kind, i, "text"), "Each finding and recommendation must be 2,000 characters or less")
		}
		if p.Kind == Recommendation && strings.TrimSpace(p.Text) != "" {
			recs++
		}
	}
	if len(c.Summary) > 4000 {
		ps.Append("summary", "The summary must be 4,000 characters or less")
	}
	if agree && recs == 0 {
		ps.Append("summary", "Write at least one recommendation before agreeing the case for change")
	}
	return ps
}

// Normalise trims the case's text and drops empty points.
func (c *Case) Normalise() {
	c.Summary = strings.TrimSpace(c.Summary)
	var out []Point
	for _, p := range c.Points {
		p.Text = strings.TrimSpace(p.Text)
		if p.Text != "" || p.Evidence != "" {
			out = append(out, p)
		}
	}
	c.Points = out
}
