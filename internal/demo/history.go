package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// The demo council's history: five years of contacts for each person, spread evenly over the years (never before
// the person turned 18), each opening an episode of work that ends the way requests to adult social care end
// (standards.md §1.7, SALT STS001, and the event outcomes of §1.4): a third to a half resolved at the front door
// with information and advice or a referral elsewhere, some with no eligible needs, a share going on to reablement
// (short-term support to maximise independence), a smaller share to long-term support (which may have begun before
// the five years, and may have ended in them), and some declined, moved away or died. Part-way through, the council
// adopts strengths-based practice, and the figures its records give move as that beds in (practice.go). Each episode carries what the practitioner recorded on
// the way: the steps, MASOSS conversations in the person's words, strengths of each kind, hopes, SMART outcomes with
// their Goal Attainment Scales, solutions on the ladder (the least intrusive used most, each higher rung with its
// reason), council-funded services with their costs and authorisations, eligibility determinations, and the
// chronology. Some people are in the middle of things today: at the front door, planning, in reablement or in
// long-term support.
//
// A few people carry a deliberate break in their golden thread (imperfectionOf), so that the thread view and the
// caseloads have something to show: everyone else's thread is whole.
//
// The rows are written in bulk (bulk.go), as the stores would write them, with one difference: each record and
// chronology event carries the day it happened and a time in that working day, as if a practitioner had recorded
// it then, rather than the moment the demo ran. The access log is the exception: its entries are the demo
// command's own, written now, since the log is the evidence of who really wrote the records.

// journey is how one episode of work goes.
type journey int

const (
	none journey = iota
	// Episodes that have ended.
	advice      // resolved at the front door with information and advice or signposting
	referred    // referred to the NHS or another council service at the front door
	notEligible // assessed, no eligible needs: ideas from the lower rungs of the ladder
	reablement  // short-term support to maximise independence, then independent
	longTermEnd // long-term support that has since ended (the person died or moved away)
	stopped     // declined, moved away, self-funding or died before any support
	// Episodes open today.
	atFrontDoor // steps 1 and 2 in hand
	planning    // step 3 in hand: outcomes and solutions, a service asked for
	inReablement
	inLongTerm
)

// imperfection is a deliberate break in a person's golden thread.
type imperfection int

const (
	whole          imperfection = iota
	unservedGoal                // an outcome that no solution serves
	pastEndRunning              // a reablement service past its end date and still running
)

// imperfectionOf says which people carry a deliberate break: one in 64 of each kind, whatever the seed.
func imperfectionOf(n int) imperfection {
	switch n % 64 {
	case 17:
		return unservedGoal
	case 41:
		return pastEndRunning
	}
	return whole
}

// life is what is decided about a person before they are added: whether they are in the middle of something
// today (and so on a practitioner's caseload), and the random stream their history is drawn from.
type life struct {
	n       int
	rng     *rand.Rand
	current journey
	flaw    imperfection
}

// planLife decides the n-th person's present. Each person's history is drawn from their own stream, so it depends
// only on the seed and n.
func planLife(seed uint64, n int) life {
	l := life{n: n, rng: rand.New(rand.NewPCG(seed^0x5eed0fd1ce, uint64(n))), flaw: imperfectionOf(n)}
	switch w := l.rng.IntN(100); {
	case w < 72:
		l.current = none
	case w < 78:
		l.current = atFrontDoor
	case w < 81:
		l.current = planning
	case w < 85:
		l.current = inReablement
	default:
		l.current = inLongTerm
	}
	switch l.flaw {
	case unservedGoal:
		l.current = inLongTerm
	case pastEndRunning:
		l.current = inReablement
	}
	return l
}

// allocated reports whether the person is on a practitioner's caseload today.
func (l life) allocated() bool { return l.current != none }

// staffing is who does the work: the practitioners of each team, and a team manager for each team's
// authorisations.
type staffing struct {
	workers   map[string][]councils.Staff
	managers  map[string]string
	manager   string // any team manager, for a team without one
	threshold int64
	overdue   map[string]bool // the practitioners given a follow-up overdue today (signposts.go)
	dueSoon   map[string]bool // the practitioners given a reablement review due within the fortnight
}

func newStaffing(teams []councils.Team, staff []councils.Staff, threshold int64) staffing {
	s := staffing{workers: map[string][]councils.Staff{}, managers: map[string]string{}, threshold: threshold, overdue: map[string]bool{},
		dueSoon: map[string]bool{}}
	for _, t := range teams {
		for _, st := range staff {
			switch {
			case st.Role == councils.Practitioner && st.InTeam(t.ID):
				s.workers[t.ID] = append(s.workers[t.ID], st)
			case st.Role == councils.TeamManager && st.InTeam(t.ID) && s.managers[t.ID] == "":
				s.managers[t.ID] = st.ID
			}
		}
	}
	for _, st := range staff {
		if st.Role == councils.TeamManager && s.manager == "" {
			s.manager = st.ID
		}
	}
	return s
}

// worker picks a practitioner of the team, or "" when it has none.
func (s staffing) worker(rng *rand.Rand, team string) string {
	ws := s.workers[team]
	if len(ws) == 0 {
		return ""
	}
	return ws[rng.IntN(len(ws))].ID
}

// takeOverdue reports whether the practitioner has yet to be given a follow-up overdue today, and notes that they
// now have one.
func (s staffing) takeOverdue(worker string) bool { return take(s.overdue, worker) }

// takeDueSoon reports whether the practitioner has yet to be given a review due within the fortnight, and notes
// that they now have one.
func (s staffing) takeDueSoon(worker string) bool { return take(s.dueSoon, worker) }

func take(given map[string]bool, worker string) bool {
	if worker == "" || given[worker] {
		return false
	}
	given[worker] = true
	return true
}

func (s staffing) managerOf(team string) string {
	if m := s.managers[team]; m != "" {
		return m
	}
	return s.manager
}

// historian writes people's histories into a bulk load.
type historian struct {
	council string
	today   time.Time
	start   time.Time // the first day of the history, five years before today's quarter began (historyStart)
	adopted time.Time // the day the council adopted strengths-based practice (practice.go)
	staff   staffing
	dir     *demoDirectory // the council's community directory; empty when it has none
	b       *bulk
	// Of the person being written: the strengths recorded in their earlier episodes, which a support plan's
	// snapshot holds with the episode's own, and their words, so that no strength is recorded twice.
	known []plans.SnapshotStrength
	said  map[string]bool
	// model is the council's practice model, which conversations are recorded under.
	model practicemodels.Model
}

// The columns the history writes, as the stores write them.
var (
	contactCols = []string{"council_id", "id", "person_id", "contacted_on", "route_of_access", "contact_by", "contact_name", "reason",
		"what_matters", "created_at", "created_by", "updated_at", "updated_by", "version", "channel"}
	episodeCols = []string{"council_id", "id", "person_id", "contact_id", "opened_on", "team_id", "worker_id", "result", "ended_on",
		"ended_step", "end_note", "created_at", "created_by", "updated_at", "updated_by", "version"}
	stepCols         = []string{"council_id", "episode_id", "step", "status", "reason", "updated_at", "updated_by", "version"}
	conversationCols = []string{"council_id", "id", "person_id", "episode_id", "step", "held_on", "method", "place", "participants",
		"needed_help", "help_note", "created_at", "created_by", "updated_at", "updated_by", "version", "model_id", "model_version"}
	sectionCols         = []string{"council_id", "conversation_id", "heading", "person_words", "observed"}
	strengthCols        = strengths.RowColumns()
	aspirationCols      = outcomes.AspirationColumns()
	outcomeCols         = outcomes.RowColumns()
	solutionCols        = plans.SolutionColumns()
	solutionOutcomeCols = []string{"council_id", "solution_id", "outcome_id"}
	serviceCols         = []string{"council_id", "id", "person_id", "episode_id", "solution_id", "service_type", "component",
		"delivery_mechanism", "provider", "start_on", "end_on", "next_review_on", "long_term", "long_term_reason", "unit_cost_pence",
		"cost_frequency", "units_hundredths", "weekly_cost_pence", "status", "ended_reason", "created_at", "created_by", "updated_at",
		"updated_by", "version"}
	serviceOutcomeCols = []string{"council_id", "service_id", "outcome_id"}
	authorisationCols  = []string{"council_id", "id", "service_id", "person_id", "weekly_cost_pence", "requested_by", "requested_at",
		"decision", "decided_by", "decided_at", "reason", "version"}
	eligibilityCols = []string{"council_id", "id", "person_id", "episode_id", "kind", "condition_one", "health_deteriorating",
		"outcome_answers", "significant_impact", "impact_areas", "computed_eligible", "explanation", "agrees", "disagreement_reason",
		"eligible", "determined_on", "created_at", "created_by", "updated_at", "updated_by", "version"}
	supportPlanCols = []string{"council_id", "id", "person_id", "episode_id", "plan_version", "status", "snapshot", "agreed_on", "agreed_how",
		"agreed_with", "person_comment", "personal_budget_pence", "crisis_contact", "review_on", "created_at", "created_by", "updated_at",
		"updated_by", "version"}
	reviewCols = []string{"council_id", "id", "person_id", "episode_id", "plan_id", "due_on", "reason", "status", "held_on", "method",
		"person_view", "review_outcome", "gas_t_score", "created_at", "created_by", "updated_at", "updated_by", "version"}
	reviewRatingCols  = []string{"council_id", "review_id", "outcome_id", "level", "person_view", "note"}
	reviewServiceCols = []string{"council_id", "review_id", "service_id", "decision", "note"}
	eventCols         = []string{"council_id", "id", "person_id", "episode_id", "occurred_on", "at", "kind", "summary", "ref_id", "staff_id"}
)

// writeHistory adds the histories of people (already added, with their lives) in one transaction, with one
// access-log entry for each person, as a store call that changed their record would write. Their community
// solutions and signposts use dir, the council's directory.
func writeHistory(ctx context.Context, db *sqldb.DB, staff staffing, dir *demoDirectory, today time.Time, ps []people.Person, lives []life) error {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return err
	}
	model, err := modelOfHistory(ctx, db)
	if err != nil {
		return err
	}
	h := &historian{council: council, today: today, start: historyStart(today), adopted: adoptionOf(today), staff: staff, dir: dir, b: newBulk(),
		model: model}
	for i := range ps {
		h.person(ps[i], &lives[i])
		h.safeguarding(ps[i], lives[i].n) // safeguarding.go
	}
	return db.InTx(ctx, func(tx *sqldb.Tx) error {
		for _, p := range ps {
			if err := accesslog.Record(ctx, tx, p.ID, accesslog.Create, ""); err != nil {
				return err
			}
		}
		return h.b.flush(ctx, tx)
	})
}

func day(t time.Time, days int) time.Time { return t.AddDate(0, 0, days) }

// at is a moment in the working day of d, when the record was written.
func at(rng *rand.Rand, d time.Time) time.Time {
	return d.Add(9*time.Hour + time.Duration(rng.IntN(480))*time.Minute)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// clip keeps a chronology summary to one short line, as the stores do.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}

// episode is one episode being written.
type episode struct {
	h         *historian
	rng       *rand.Rand
	p         people.Person
	open      bool // the episode the person is in the middle of today
	id        string
	contactID string // the contact that opened it
	worker    string
	opened    time.Time
	seen      time.Time                   // the day of the first conversation
	status    [5]conversations.StepStatus // by step, 1 to 4
	reason    [5]string
	stepOn    [5]time.Time
	themes    []theme
	hopes     map[int]string // aspiration IDs by theme index in themes
	goals     []goal
	running   []running      // services, for the reviews to decide on
	snap      plans.Snapshot // the thread as a support plan snapshot takes it, built as it is written
	last      bool           // the person's last episode, after which nothing more can happen (they may have died)
	ended     time.Time
	result    string
	endStep   conversations.Step
	endNote   string
}

// goal is an outcome written in the episode.
type goal struct {
	id    string
	theme theme
	o     outcomes.Outcome
	setOn time.Time
}

// running is a service written in the episode, as a review decides on it.
type running struct {
	id       string
	longTerm bool
	start    time.Time
	ended    time.Time
}

func (h *historian) event(e *episode, on time.Time, kind chronology.Kind, summary, ref string) {
	h.b.add("person_event", eventCols, h.council, sqldb.NewID(), e.p.ID, e.id, sqldb.NewDate(on), at(e.rng, on), string(kind),
		summary, ref, e.worker)
}

// person writes one person's five years: the episodes that have ended, opened on days spread evenly across the
// years after they turned 18 (each after the last has ended), then for some long-term support that has since ended,
// and last the episode they are in the middle of today, if any. Long-term support, ended or not, may have begun
// before the five years, so that the support in place at their start is not nothing.
func (h *historian) person(p people.Person, l *life) {
	rng := l.rng
	h.known, h.said = nil, map[string]bool{}
	adult := p.DateOfBirth.AddDate(18, 0, 0)
	from := later(h.start, adult)
	// The episode open today, or long-term support that has since ended, is placed first; the earlier episodes
	// fit before it.
	var opened, ltStop time.Time
	limit := day(h.today, -7)
	switch {
	case l.current != none:
		opened = h.openedOn(rng, l.current, l.flaw, adult)
		if l.current == inReablement && l.flaw == whole && h.staff.takeDueSoon(p.WorkerID) {
			// Each practitioner's first reablement finishes within the fortnight, its review due soon (runOpen).
			opened = day(h.today, -41-rng.IntN(5))
		}
		limit = day(opened, -30)
	case rng.IntN(100) < 22:
		// Long-term support that ended during the history, when the person died or moved away.
		if on, stop, ok := h.endedSpell(rng, adult); ok {
			opened, ltStop, limit = on, stop, day(on, -30)
		}
	}
	earlier := 0
	switch w := rng.IntN(100); {
	case l.current == none && w < 62, l.current != none && w < 55:
		earlier = 1
	case w < 88:
		earlier = 2
	default:
		earlier = 3
	}
	if !opened.IsZero() {
		earlier--
	}
	span := int(limit.Sub(from).Hours() / 24)
	days := make([]int, earlier)
	for i := range days {
		days[i] = rng.IntN(max(1, span))
	}
	slices.Sort(days)
	cursor := from
	for i, d := range days {
		on := later(day(from, d), cursor)
		if !on.Before(limit) {
			break
		}
		e := h.newEpisode(p, rng, on, h.staff.worker(rng, p.TeamID))
		e.last = i == earlier-1 && opened.IsZero()
		j := closedJourney(rng, h.maturity(on))
		if latest := day(limit, -j.longest(h.maturity(on))); on.After(latest) {
			// Too late to end before the next began: begun on another day early enough, or else resolved at the
			// front door.
			if gap := int(latest.Sub(cursor).Hours() / 24); gap > 0 {
				on = day(cursor, rng.IntN(gap))
			} else {
				j = advice
			}
			e.opened = on
		}
		cursor = day(e.run(j), 14+rng.IntN(30))
	}
	switch {
	case l.current != none:
		e := h.newEpisode(p, rng, opened, p.WorkerID)
		e.open = true
		e.runOpen(l.current, l.flaw)
	case !ltStop.IsZero():
		e := h.newEpisode(p, rng, opened, h.staff.worker(rng, p.TeamID))
		e.last = true
		e.contact(longTermEnd)
		e.longTerm(ltStop, false)
		e.finish()
	}
}

// later is the later of two days.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// longest is about the most days a closed journey begun on a day of maturity m takes from contact to its end.
func (j journey) longest(m float64) int {
	switch j {
	case advice, referred:
		return 10
	case stopped:
		return 35
	case notEligible:
		return maxFirstWait + 35
	}
	return 60 + int(lerp(maxReviewLate, 25, m)) // reablement, whose review may be late (reviewHeld)
}

// openedOn is when the episode open today began, never before the person turned 18 (adult).
func (h *historian) openedOn(rng *rand.Rand, j journey, flaw imperfection, adult time.Time) time.Time {
	today := h.today
	switch {
	case j == atFrontDoor:
		return day(today, -rng.IntN(29))
	case j == planning:
		return day(today, -20-rng.IntN(41))
	case j == inReablement && flaw == pastEndRunning:
		return day(today, -60-rng.IntN(20))
	case j == inReablement:
		return day(today, -10-rng.IntN(36))
	}
	return h.ongoingSince(rng, adult)
}

func (h *historian) newEpisode(p people.Person, rng *rand.Rand, opened time.Time, worker string) *episode {
	e := &episode{h: h, rng: rng, p: p, id: sqldb.NewID(), worker: worker, opened: opened, hopes: map[int]string{}}
	e.snap.Strengths = slices.Clone(h.known)
	for s := range e.status {
		e.status[s] = conversations.NotStarted
	}
	return e
}

// pickThemes chooses n different things that matter to the person; a carer's first is time for themselves.
func (e *episode) pickThemes(n int) {
	order := e.rng.Perm(len(themes) - 1) // the last theme is a carer's
	if e.p.ClientType == "Unpaid carer" {
		e.themes = append(e.themes, themes[len(themes)-1])
		n--
	}
	for _, i := range order[:n] {
		e.themes = append(e.themes, themes[i])
	}
}

// contact writes the contact at the front door that opens the episode, and the episode's opening events.
func (e *episode) contact(j journey) {
	h, rng := e.h, e.rng
	age := int(h.today.Sub(e.p.DateOfBirth.Time).Hours() / (24 * 365.25))
	routes := []weight{
		{"Community / Other route", 62}, {"Discharge from Hospital", 18}, {"Diversion from Hospital Services", 6},
		{"Self-Funder", 4}, {"Discharge from Reablement", 4}, {"Transfer from Other LA", 2},
	}
	if age < 26 {
		routes = append(routes, weight{"Planned Entry (Transition)", 12})
	}
	if age < 65 {
		routes = append(routes, weight{"Prison", 1})
	}
	if j == reablement || j == inReablement {
		routes[1].w = 45
	}
	route := weighted(rng, routes)
	fc := newFirstContact(rng, route, e.p) // contacts.go
	contactID := sqldb.NewID()
	stamp := at(rng, e.opened)
	e.snap.WhatMatters = pick(rng, whatMatters)
	h.b.add("contact", contactCols, h.council, contactID, e.p.ID, sqldb.NewDate(e.opened), route, string(fc.by), fc.name, fc.reason,
		e.snap.WhatMatters, stamp, e.worker, stamp, e.worker, 1, fc.channel)
	e.contactID = contactID
	c := conversations.Contact{Channel: fc.channel, ContactBy: fc.by, Reason: fc.reason}
	e.h.event(e, e.opened, chronology.Contact, c.Summary(), contactID)
	e.h.event(e, e.opened, chronology.Episode, "Episode of work opened", e.id)
}

// setStep moves a step on, with its chronology event, as conversations.Store.SetStep does.
func (e *episode) setStep(s conversations.Step, to conversations.StepStatus, on time.Time, reason string) {
	e.status[s], e.reason[s], e.stepOn[s] = to, reason, on
	summary := fmt.Sprintf("Step %d, %s: %s", s, lowerFirst(s.Label()), lowerFirst(to.Label()))
	if reason != "" {
		summary += " (" + clip(reason) + ")"
	}
	e.h.event(e, on, chronology.Step, summary, e.id)
}

// conversation writes a conversation under the council's practice model, with what the person said in their own
// words: written as MASOSS's headings take it, then, under another model, put under that model's headings in the
// same order (underModel).
func (e *episode) conversation(s conversations.Step, on time.Time, method conversations.Method, place conversations.Place) {
	h, rng := e.h, e.rng
	c := conversations.Conversation{ID: sqldb.NewID(), PersonID: e.p.ID, EpisodeID: e.id, Step: s, HeldOn: sqldb.NewDate(on), Method: method, Place: place}
	c.Sections = append(c.Sections, conversations.Section{Heading: conversations.Mindset, Observed: pick(rng, mindsetObserved)})
	if len(e.themes) > 0 {
		c.Sections = append(c.Sections, conversations.Section{Heading: conversations.Aspirations, PersonWords: e.themes[0].hope + "."})
	}
	c.Sections = append(c.Sections, conversations.Section{Heading: conversations.Strengths, PersonWords: pick(rng, strengthsWords)})
	switch s {
	case conversations.Step2, conversations.Step3:
		if len(e.themes) > 0 {
			c.Sections = append(c.Sections, conversations.Section{Heading: conversations.Outcomes, PersonWords: e.themes[0].different + "."})
		}
		c.Sections = append(c.Sections, conversations.Section{Heading: conversations.Solutions, PersonWords: pick(rng, solutionsWords)})
	case conversations.Step4:
		c.Sections = append(c.Sections, conversations.Section{Heading: conversations.Outcomes, PersonWords: pick(rng, reviewWords)},
			conversations.Section{Heading: conversations.Services, PersonWords: pick(rng, servicesWords)})
	}
	participants := "The person"
	if len(e.p.Network) > 0 && rng.IntN(2) == 0 {
		participants += " and " + e.p.Network[0].Name + " (" + strings.ToLower(e.p.Network[0].Relationship) + ")"
	}
	c.Participants = participants
	c.Normalise()
	c.Sections, c.Model = underModel(c.Sections, h.model), h.model
	stamp := at(rng, on)
	h.b.add("conversation", conversationCols, h.council, c.ID, e.p.ID, e.id, int(s), c.HeldOn, string(method), string(place),
		c.Participants, false, "", stamp, e.worker, stamp, e.worker, 1, h.model.ID, h.model.Version)
	for _, sec := range c.Sections {
		h.b.add("conversation_section", sectionCols, h.council, c.ID, string(sec.Heading), sec.PersonWords, sec.Observed)
	}
	summary := "Conversation (" + lowerFirst(method.Label())
	if place != "" {
		summary += ", " + lowerFirst(place.Label())
	}
	h.event(e, on, chronology.Conversation, summary+fmt.Sprintf(") in step %d, %s", s, lowerFirst(s.Label())), c.ID)
}

// strengths writes strengths of the kinds given, in the person's words: one of each kind that they have not said
// in an earlier episode, since a strength already recorded stays on their record.
func (e *episode) strengths(on time.Time, kinds ...strengths.Kind) {
	for _, k := range kinds {
		var fresh []string
		for _, w := range strengthWords[string(k)] {
			if !e.h.said[w] {
				fresh = append(fresh, w)
			}
		}
		if len(fresh) == 0 {
			continue
		}
		id, stamp, words := sqldb.NewID(), at(e.rng, on), pick(e.rng, fresh)
		e.h.said[words] = true
		row := strengths.Strength{ID: id, PersonID: e.p.ID, EpisodeID: e.id, Kind: k, PersonWords: words}
		e.h.b.add("strength", strengthCols, strengths.RowValues(e.h.council, row, stamp, e.worker)...)
		e.h.event(e, on, chronology.Strength, k.Label()+" strength recorded", id)
		st := plans.SnapshotStrength{ID: id, Kind: string(k), Words: words}
		e.snap.Strengths = append(e.snap.Strengths, st)
		e.h.known = append(e.h.known, st)
	}
}

// hopes writes the person's hopes for the first n themes.
func (e *episode) hopesFor(on time.Time, n int) {
	for i := range min(n, len(e.themes)) {
		t := e.themes[i]
		a := outcomes.Aspiration{ID: sqldb.NewID(), PersonID: e.p.ID, EpisodeID: e.id, Term: outcomes.Term(t.term), Words: t.hope}
		stamp := at(e.rng, on)
		e.h.b.add("aspiration", aspirationCols, outcomes.AspirationValues(e.h.council, a, stamp, e.worker)...)
		e.h.event(e, on, chronology.Outcome, a.Term.Label()+" hope recorded in the person's words", a.ID)
		e.hopes[i] = a.ID
		e.snap.Aspirations = append(e.snap.Aspirations, plans.SnapshotAspiration{ID: a.ID, Term: a.Term, Words: a.Words})
	}
}

// outcome writes a SMART outcome for theme i, with its Goal Attainment Scale, due by byWhen.
func (e *episode) outcome(i int, on, byWhen time.Time, who string, status outcomes.Status) outcomes.Outcome {
	t := e.themes[i]
	o := outcomes.Outcome{
		ID: sqldb.NewID(), PersonID: e.p.ID, EpisodeID: e.id, AspirationID: e.hopes[i], Different: t.different, HowWeKnow: t.howKnow,
		ByWhen: sqldb.NewDate(byWhen), WhoInvolved: who, WellbeingAreas: t.wellbeing, EligibilityOutcomes: t.eligible,
		LevelMinus2: t.levels[0], LevelMinus1: t.levels[1], Expected: t.levels[2], LevelPlus1: t.levels[3], LevelPlus2: t.levels[4],
		Baseline: outcomes.Less, Importance: 1 + e.rng.IntN(3), Difficulty: 1 + e.rng.IntN(3), Status: status, Version: 1,
	}
	if e.rng.IntN(5) == 0 {
		o.Baseline = outcomes.MuchLess
	}
	stamp := at(e.rng, on)
	e.h.b.add("outcome", outcomeCols, outcomes.RowValues(e.h.council, o, stamp, e.worker)...)
	e.h.event(e, on, chronology.Outcome, "Outcome added (SMART)", o.ID)
	e.goals = append(e.goals, goal{id: o.ID, theme: t, o: o, setOn: on})
	e.snap.Outcomes = append(e.snap.Outcomes, plans.SnapshotOutcome{ID: o.ID, AspirationID: o.AspirationID, Different: o.Different,
		HowWeKnow: o.HowWeKnow, ByWhen: o.ByWhen.String(), WhoInvolved: o.WhoInvolved,
		Levels:   [5]string{o.LevelMinus2, o.LevelMinus1, o.Expected, o.LevelPlus1, o.LevelPlus2},
		Baseline: o.Baseline, Importance: o.Importance, Difficulty: o.Difficulty, Status: outcomes.Active})
	return o
}

// solution puts a solution on the ladder serving the outcomes given.
func (e *episode) solution(on time.Time, r plans.Rung, what, who, reason string, goalIDs ...string) string {
	return e.addSolution(on, r, what, who, "", reason, goalIDs...)
}

// addSolution puts a solution on the ladder, using a directory service when dirService is not "".
func (e *episode) addSolution(on time.Time, r plans.Rung, what, who, dirService, reason string, goalIDs ...string) string {
	if !r.NeedsLowerRungReason() {
		reason = ""
	}
	id, stamp := sqldb.NewID(), at(e.rng, on)
	sol := plans.Solution{ID: id, PersonID: e.p.ID, EpisodeID: e.id, Rung: r, Description: what, WhoWhen: who,
		DirectoryServiceID: dirService, LowerRungsReason: reason}
	e.h.b.add("solution", solutionCols, plans.SolutionValues(e.h.council, sol, stamp, e.worker)...)
	for _, g := range goalIDs {
		e.h.b.add("solution_outcome", solutionOutcomeCols, e.h.council, id, g)
	}
	e.h.event(e, on, chronology.Solution, "Solution added: "+r.Label(), id)
	e.snap.Solutions = append(e.snap.Solutions, plans.SnapshotSolution{ID: id, Rung: r.String(), Description: what, WhoWhen: who, OutcomeIDs: goalIDs})
	return id
}

// lowerRungs puts one or two ideas from the lower rungs under each outcome: the person's own strengths, their
// network, the community, and information and advice, most often in that order. A community idea is most often a
// signpost to a service in the directory (communityFor). Before the new practice had bedded in, an outcome that a
// service also serves (served) sometimes went straight to the service, and a second idea was rarer.
func (e *episode) lowerRungs(on time.Time, served bool) {
	m := e.h.maturity(on)
	for _, g := range e.goals {
		if served && !chance(e.rng, lerp(0.7, 1, m)) {
			continue
		}
		rungs := []plans.Rung{plans.OwnStrengths, plans.Network, plans.Community, plans.InformationAdvice}
		first := weightedRung(e.rng)
		e.rung(on, first, g, "Agreed with the person at the conversation")
		if chance(e.rng, lerp(0.4, 0.75, m)) {
			second := rungs[e.rng.IntN(len(rungs))]
			if second != first {
				e.rung(on, second, g, "To start within a fortnight")
			}
		}
	}
}

// rung puts the goal's idea on a lower rung of the ladder.
func (e *episode) rung(on time.Time, r plans.Rung, g goal, who string) {
	if r == plans.Community {
		e.communityFor(on, g, who)
		return
	}
	e.solution(on, r, g.theme.ideaFor(r), who, "", g.id)
}

func weightedRung(rng *rand.Rand) plans.Rung {
	switch w := rng.IntN(100); {
	case w < 34:
		return plans.OwnStrengths
	case w < 60:
		return plans.Network
	case w < 85:
		return plans.Community
	}
	return plans.InformationAdvice
}

func (e *episode) goalIDs() []string {
	ids := make([]string, len(e.goals))
	for i, g := range e.goals {
		ids[i] = g.id
	}
	return ids
}

// service is a council-funded service being written.
type service struct {
	plans.Service
	requested time.Time
	started   time.Time // zero when not started
	ended     time.Time // zero when still running
	endReason string
	pending   bool // waiting for a team manager
}

// addService writes a service with its authorisation and events, as plans.ServiceStore's Add, Decide, Start and
// End would.
func (e *episode) addService(s service) {
	h, rng := e.h, e.rng
	s.ID, s.PersonID, s.EpisodeID, s.RequestedBy = sqldb.NewID(), e.p.ID, e.id, e.worker
	if ps := s.Validate(); len(ps) > 0 {
		panic(fmt.Sprintf("demo: a generated service is not valid: %v", ps))
	}
	weekly := s.WeeklyCostPence()
	name := plans.ServiceName(s.Service)
	needs := plans.RequiresAuthorisation(weekly, h.staff.threshold)
	status, version := plans.Authorised, 1
	summary := "Service requested: " + name + ", " + plans.FormatPence(weekly) + " a week"
	if needs {
		summary += ", waiting for a team manager to authorise it"
	}
	h.event(e, s.requested, chronology.Service, summary, s.ID)
	if needs {
		requested := at(rng, s.requested)
		decision, decider, reason := "", "", ""
		var decidedAt any
		if s.pending {
			status = plans.AwaitingAuthorisation
		} else {
			decided := day(s.requested, 1+rng.IntN(3))
			if !s.started.IsZero() && decided.After(s.started) {
				decided = s.started
			}
			decision, decider, reason = string(plans.DecideAuthorise), h.staff.managerOf(e.p.TeamID), "Agreed: the plan shows why less would not do"
			decidedAt = at(rng, decided)
			version++
			h.event(e, decided, chronology.Service, "Service authorised: "+name+", "+plans.FormatPence(weekly)+" a week", s.ID)
		}
		h.b.add("authorisation", authorisationCols, h.council, sqldb.NewID(), s.ID, e.p.ID, weekly, e.worker, requested,
			decision, decider, decidedAt, reason, 1)
	}
	if !s.started.IsZero() {
		status = plans.ServiceActive
		version++
		h.event(e, s.started, chronology.Service, "Service started: "+name, s.ID)
	}
	end := s.End
	if !s.ended.IsZero() {
		status, end = plans.Ended, sqldb.NewDate(s.ended)
		version++
		h.event(e, s.ended, chronology.Service, "Service ended: "+name, s.ID)
	}
	longTermReason := ""
	if s.LongTerm {
		longTermReason = s.LongTermReason
	}
	created := at(rng, s.requested)
	h.b.add("service", serviceCols, h.council, s.ID, e.p.ID, e.id, nullable(s.SolutionID), s.ServiceType, s.Component,
		s.DeliveryMechanism, s.Provider, s.Start, end, s.NextReview, s.LongTerm, longTermReason, s.UnitCostPence, s.Frequency,
		int64(s.Units*100+0.5), weekly, string(status), s.endReason, created, e.worker, created, e.worker, version)
	for _, g := range s.OutcomeIDs {
		h.b.add("service_outcome", serviceOutcomeCols, h.council, s.ID, g)
	}
	e.running = append(e.running, running{id: s.ID, longTerm: s.LongTerm, start: s.started, ended: s.ended})
	snapStatus := plans.Authorised
	switch {
	case needs && s.pending:
		snapStatus = plans.AwaitingAuthorisation
	case !s.started.IsZero():
		snapStatus = plans.ServiceActive
	}
	e.snap.Services = append(e.snap.Services, plans.SnapshotService{ID: s.ID, ServiceType: s.ServiceType, Component: s.Component,
		Provider: s.Provider, Start: s.Start.String(), End: s.End.String(), NextReview: s.NextReview.String(), LongTerm: s.LongTerm,
		WeeklyCostPence: weekly, Status: snapStatus, OutcomeIDs: s.OutcomeIDs})
}

// eligibility writes an adult's Care Act eligibility determination, eligible or not, as conversations.Store's
// AddDetermination would: the result and its explanation computed from the answers.
func (e *episode) eligibility(on time.Time, eligible bool) {
	if e.p.ClientType == "Unpaid carer" {
		return // a carer's determination asks other questions; the demo leaves them out
	}
	codes := []string{}
	for _, t := range e.themes {
		for _, c := range t.eligible {
			if !contains(codes, c) {
				codes = append(codes, c)
			}
		}
	}
	for _, c := range []string{"b", "e", "a"} {
		if len(codes) < 2 && !contains(codes, c) {
			codes = append(codes, c)
		}
	}
	if !eligible {
		codes = codes[:1]
	}
	a := conversations.Answers{Kind: conversations.Adult, ImpairmentOrIllness: true, SignificantImpact: eligible}
	for _, c := range codes {
		a.Outcomes = append(a.Outcomes, conversations.OutcomeAnswer{Code: c, Ways: []conversations.Way{conversations.WithoutAssistance}})
	}
	if eligible {
		a.ImpactAreas = []string{"b", "d"}
	}
	d := conversations.Determination{ID: sqldb.NewID(), PersonID: e.p.ID, EpisodeID: e.id, Answers: a, Agrees: true, DeterminedOn: sqldb.NewDate(on)}
	d.Decide()
	stamp := at(e.rng, on)
	e.h.b.add("eligibility", eligibilityCols, e.h.council, d.ID, e.p.ID, e.id, string(a.Kind), a.ImpairmentOrIllness, false,
		conversations.EncodeOutcomes(a.Outcomes), a.SignificantImpact, strings.Join(a.ImpactAreas, "\n"), d.ComputedEligible,
		d.Explanation, d.Agrees, "", d.Eligible, d.DeterminedOn, stamp, e.worker, stamp, e.worker, 1)
	summary := "Eligibility determined (" + lowerFirst(a.Kind.Label()) + "): "
	if d.Eligible {
		summary += "eligible"
	} else {
		summary += "not eligible"
	}
	e.h.event(e, on, chronology.Eligibility, summary, d.ID)
}

func (e *episode) hasTheme(t theme) bool {
	for _, have := range e.themes {
		if have.hope == t.hope {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// end ends the episode at a step with a result.
func (e *episode) end(on time.Time, s conversations.Step, result, note string) {
	e.ended, e.endStep, e.result, e.endNote = on, s, result, note
	// The steps as ending the episode leaves them: the step it ended at completed, the steps never reached not needed.
	var steps []conversations.StepRecord
	for _, st := range conversations.Steps() {
		steps = append(steps, conversations.StepRecord{Step: st, Status: e.status[st], Reason: e.reason[st]})
	}
	for _, r := range conversations.EndSteps(steps, conversations.Ending{Step: s, Result: result}) {
		e.status[r.Step], e.reason[r.Step], e.stepOn[r.Step] = r.Status, r.Reason, on
	}
	e.h.event(e, on, chronology.Episode, fmt.Sprintf("Episode ended at step %d, %s: %s", s, lowerFirst(s.Label()), result), e.id)
}

// finish writes the episode and its four steps.
func (e *episode) finish() {
	h := e.h
	var endedOn any
	if !e.ended.IsZero() {
		endedOn = sqldb.NewDate(e.ended)
	}
	created := at(e.rng, e.opened)
	updated := created
	if !e.ended.IsZero() {
		updated = at(e.rng, e.ended)
	}
	h.b.add("episode", episodeCols, h.council, e.id, e.p.ID, e.contactID, sqldb.NewDate(e.opened), nullable(e.p.TeamID), nullable(e.worker),
		e.result, endedOn, int(e.endStep), e.endNote, created, e.worker, updated, e.worker, 1)
	for _, s := range conversations.Steps() {
		when := e.stepOn[s]
		if when.IsZero() {
			when = e.opened
		}
		version := 1
		if e.status[s] != conversations.NotStarted {
			version = 2
		}
		h.b.add("episode_step", stepCols, h.council, e.id, int(s), string(e.status[s]), e.reason[s], at(e.rng, when), e.worker, version)
	}
}

// frontDoorEnd is an episode resolved at its first contact, as conversations.Store.RecordContact records it: step 1
// completed and the episode ended in one go.
func (e *episode) frontDoorEnd(result, note string) time.Time {
	on := e.seen
	e.status[conversations.Step1] = conversations.Completed
	e.stepOn[conversations.Step1] = on
	e.end(on, conversations.Step1, result, note)
	return on
}

// run writes an episode that has ended, opened on e.opened, by one of the short journeys (not long-term support,
// which person writes apart), and returns the day it ended: within j.longest() days of its opening.
func (e *episode) run(j journey) time.Time {
	rng := e.rng
	e.contact(j)
	e.seen = day(e.opened, e.h.firstWait(rng, j, e.opened))
	var ended time.Time
	switch j {
	case advice, referred:
		e.pickThemes(1)
		e.conversation(conversations.Step1, e.seen, conversations.Phone, "")
		e.strengths(e.seen, pickKind(rng))
		if rng.IntN(100) < 30 {
			e.hopesFor(e.seen, 1)
		}
		if j == advice {
			note := pick(rng, []string{
				"Gave information about the lunch club and the community transport scheme",
				"Signposted to Citizens Advice Exampleshire for a benefits check",
				"Signposted to the carers' centre and gave the number for the community directory",
				"Information about equipment to buy and where to try it out",
			})
			// Most people resolved at the front door are signposted to a service in the directory, as the front
			// door's resolve form records it.
			if rng.IntN(100) < 70 {
				if name := e.signpostNear(e.seen); name != "" {
					note = fmt.Sprintf(pick(rng, []string{"Signposted to %s and gave the number for the community directory",
						"Talked through what %s offers; they will ring the organiser themselves"}), name)
				}
			}
			ended = e.frontDoorEnd(codelists.EventOutcomeInformationAdvice, note)
		} else {
			result := codelists.EventOutcomeNHS
			note := "Referred to the community nursing team"
			if rng.IntN(2) == 0 {
				result, note = codelists.EventOutcomeOtherCouncilService, "Referred to the housing options team"
			}
			ended = e.frontDoorEnd(result, note)
		}
	case stopped:
		e.pickThemes(1)
		e.conversation(conversations.Step1, e.seen, conversations.Phone, "")
		result := weighted(rng, []weight{{codelists.EventOutcomeSupportDeclined, 40}, {codelists.EventOutcomeSelfFunded, 30}, {codelists.EventOutcomeMovedLA, 15}, {"NFA: Deceased", 15}})
		note := map[string]string{
			codelists.EventOutcomeSupportDeclined: "Did not want support for now; knows how to get back in touch",
			codelists.EventOutcomeSelfFunded:      "Arranging and paying for their own care; gave information about choosing a provider",
			codelists.EventOutcomeMovedLA:         "Moved to live with family in another council's area",
			"NFA: Deceased":                       "Died before the assessment could take place",
		}[result]
		if result == "NFA: Deceased" && !e.last {
			result, note = codelists.EventOutcomeSupportDeclined, "Did not want support for now; knows how to get back in touch"
		}
		if rng.IntN(2) == 0 {
			ended = e.frontDoorEnd(result, note)
		} else {
			e.setStep(conversations.Step1, conversations.Completed, day(e.seen, 2), "")
			ended = day(e.seen, 5+rng.IntN(20))
			e.setStep(conversations.Step2, conversations.Completed, ended, "")
			e.end(ended, conversations.Step2, result, note)
		}
	case notEligible:
		e.pickThemes(1)
		e.assess(day(e.seen, 2+rng.IntN(6)))
		on := day(e.seen, 10+rng.IntN(14))
		e.conversation(conversations.Step2, on, conversations.FaceToFace, conversations.Home)
		e.eligibility(on, false)
		e.outcome(0, on, day(on, 56), "Me, with my family's help", outcomes.Achieved)
		e.lowerRungs(on, false)
		e.setStep(conversations.Step2, conversations.Completed, on, "")
		ended = day(on, rng.IntN(5))
		e.end(ended, conversations.Step2, "NFA: No services offered for other reason", "No eligible needs; ideas from the person's own strengths, network and community agreed")
	case reablement:
		ended = e.reablement(false)
	}
	e.finish()
	return ended
}

// pickKind is one kind of strength, for a short contact.
func pickKind(rng *rand.Rand) strengths.Kind {
	return strengths.Kinds()[rng.IntN(len(strengths.Kinds()))]
}

// assess holds the first conversation (step 1) on e.seen, with strengths of every kind and the person's hopes.
func (e *episode) assess(done time.Time) {
	method, place := conversations.FaceToFace, conversations.Home
	if e.rng.IntN(4) == 0 {
		method, place = conversations.Phone, ""
	}
	e.conversation(conversations.Step1, e.seen, method, place)
	e.strengths(e.seen, strengths.Kinds()...)
	e.hopesFor(e.seen, 1+e.rng.IntN(2))
	e.setStep(conversations.Step1, conversations.Completed, done, "")
}

// develop is step 2: a conversation to develop ideas, or a note that it was not needed.
func (e *episode) develop(on time.Time) {
	if e.rng.IntN(3) == 0 {
		e.setStep(conversations.Step2, conversations.NotNeeded, on, "Ideas came together with the person at the first conversation")
		return
	}
	e.conversation(conversations.Step2, on, conversations.FaceToFace, conversations.Home)
	e.setStep(conversations.Step2, conversations.Completed, on, "")
}

// reablement is an episode of short-term support to maximise independence. Running, the service is still going
// today (past its end date, for a deliberately broken thread); otherwise it has ended, the review held and the episode ended.
func (e *episode) reablement(running bool) time.Time {
	rng := e.rng
	e.pickThemes(1 + rng.IntN(2))
	if e.seen.IsZero() {
		e.seen = day(e.opened, e.h.firstWait(rng, reablement, e.opened))
	}
	e.assess(day(e.seen, 1+rng.IntN(3)))
	planned := day(e.seen, 3+rng.IntN(8))
	e.develop(planned)
	status := outcomes.Achieved
	if running {
		status = outcomes.Active
	}
	start := day(planned, 1+rng.IntN(3))
	if start.After(e.h.today) {
		start = e.h.today
	}
	finish := day(start, 42)
	for i := range e.themes {
		e.outcome(i, planned, finish, "Me and the reablement team, with my family", status)
	}
	e.lowerRungs(planned, true)
	idea := reablementIdeas[rng.IntN(len(reablementIdeas))]
	sol := e.solution(planned, plans.Reablement, idea.what, "Reablement team, starting within a few days", idea.why, e.goalIDs()...)
	if chance(rng, lerp(0.3, 0.2, e.h.maturity(planned))) {
		tech := technologyIdeas[rng.IntN(len(technologyIdeas))]
		e.solution(planned, plans.Technology, tech.what, "Occupational therapist to arrange", tech.why, e.goals[0].id)
	}
	e.setStep(conversations.Step3, conversations.Completed, planned, "")
	svc := service{
		Service: plans.Service{ServiceType: "Short term support: ST-Max", Component: "Reablement", DeliveryMechanism: "CASSR commissioned support",
			Provider: reablementProvider, Start: sqldb.NewDate(start), End: sqldb.NewDate(finish),
			UnitCostPence: e.h.uprated(int64(1900+50*rng.IntN(9)), start), Frequency: codelists.CostHourly, Units: float64(6 + rng.IntN(8)),
			OutcomeIDs: e.goalIDs(), SolutionID: sol},
		requested: planned, started: start,
	}
	if running {
		e.addService(svc)
		plan, due := e.agreePlan(start)
		e.scheduleReview(plan, start, due)
		return time.Time{}
	}
	svc.ended, svc.endReason = finish, "Reablement finished as planned"
	e.addService(svc)
	plan, due := e.agreePlan(start)
	// The review of the reablement is due as it finishes; held late, the episode waits for it.
	held := e.reviewChain(plan, start, due, day(finish, maxReviewLate), false)
	e.conversation(conversations.Step4, finish, conversations.FaceToFace, conversations.Home)
	ended := later(day(finish, rng.IntN(5)), held)
	e.setStep(conversations.Step4, conversations.Completed, ended, "")
	e.end(ended, conversations.Step4, codelists.EventOutcomeReablement, "Reablement finished; managing with their own strengths, network and community")
	return ended
}

// longTerm is an episode that led to long-term support: eligible needs, a plan, and a council-funded service
// that runs on (open) or ended on stop (the person died or moved away). Before the new practice more of it was a
// care home, and packages of care at home were larger.
func (e *episode) longTerm(stop time.Time, open bool) time.Time {
	rng := e.rng
	e.pickThemes(2 + rng.IntN(2))
	e.seen = day(e.opened, e.h.firstWait(rng, longTermEnd, e.opened))
	e.assess(day(e.seen, 2+rng.IntN(7)))
	planned := day(e.seen, 8+rng.IntN(20))
	m := e.h.maturity(planned)
	e.develop(day(planned, -3))
	e.eligibility(day(planned, -2), true)
	status := outcomes.Active
	if !open {
		status = outcomes.Achieved
	}
	for i := range e.themes {
		e.outcome(i, planned, day(planned, 90+7*rng.IntN(12)), "Me, my family and the care workers", status)
	}
	e.lowerRungs(planned, true)
	if chance(rng, lerp(0.25, 0.15, m)) {
		tech := technologyIdeas[rng.IntN(len(technologyIdeas))]
		e.solution(planned, plans.Technology, tech.what, "Careline to fit within a week", tech.why, e.goals[0].id)
	}
	start := day(planned, 3+rng.IntN(10))
	var svc service
	if chance(rng, lerp(0.22, 0.12, m)) {
		idea := residentialIdeas[rng.IntN(len(residentialIdeas))]
		sol := e.solution(planned, plans.Residential, idea.what, "Moving in on the agreed date", idea.why, e.goalIDs()...)
		typ, comp := "Long term support: Residential care", "Long term residential care"
		if strings.Contains(idea.what, "Nursing") {
			typ, comp = "Long term support: Nursing care", "Long term nursing care"
		}
		svc = service{Service: plans.Service{ServiceType: typ, Component: comp, DeliveryMechanism: "CASSR commissioned support",
			Provider: pick(rng, residentialProviders), UnitCostPence: e.h.uprated(int64(90000+400*rng.IntN(41)), start), Frequency: codelists.CostWeekly, Units: 1,
			LongTermReason: idea.why, SolutionID: sol}}
	} else {
		idea := ongoingIdeas[rng.IntN(len(ongoingIdeas))]
		sol := e.solution(planned, plans.OngoingSupport, idea.what, "Starting once authorised", idea.why, e.goalIDs()...)
		mech := "CASSR commissioned support"
		if strings.Contains(idea.what, "direct payment") {
			mech = "Direct payment"
		}
		svc = service{Service: plans.Service{ServiceType: "Long term support: Community", Component: "Home support or domiciliary care",
			DeliveryMechanism: mech, Provider: pick(rng, homeCareProviders), UnitCostPence: e.h.uprated(int64(1950+50*rng.IntN(6)), start),
			Frequency: codelists.CostHourly, Units: float64(10 + rng.IntN(int(lerp(12, 8, m)))), LongTermReason: idea.why, SolutionID: sol}}
	}
	svc.LongTerm, svc.Start, svc.OutcomeIDs, svc.requested, svc.started = true, sqldb.NewDate(start), e.goalIDs(), planned, start
	e.setStep(conversations.Step3, conversations.Completed, planned, "")
	var ended time.Time
	if open {
		svc.NextReview = sqldb.NewDate(nextAnniversary(start, e.h.today))
		e.setStep(conversations.Step4, conversations.InProgress, day(start, 56), "")
	} else {
		if !stop.After(start) {
			stop = day(start, 1)
		}
		result := weighted(rng, []weight{{"NFA: Deceased", 60}, {codelists.EventOutcomeMovedLA, 20}, {"NFA: Support ended for other reason", 20}})
		svc.ended = stop
		svc.endReason = map[string]string{"NFA: Deceased": "The person died", codelists.EventOutcomeMovedLA: "Moved to another council's area",
			"NFA: Support ended for other reason": "Now funded by the NHS as continuing healthcare"}[result]
		svc.End = sqldb.NewDate(stop)
		e.conversation(conversations.Step4, day(start, 56), conversations.FaceToFace, conversations.Home)
		e.setStep(conversations.Step4, conversations.Completed, stop, "")
		ended = stop
		e.end(stop, conversations.Step4, result, svc.endReason)
	}
	e.addService(svc)
	defer func() {
		plan, due := e.agreePlan(start)
		stop := svc.ended
		if open {
			stop = day(e.h.today, -1)
		}
		e.reviewChain(plan, start, due, stop, open)
	}()
	if svc.ServiceType == "Long term support: Community" && rng.IntN(100) < 15 {
		day2 := service{Service: plans.Service{ServiceType: "Long term support: Community", Component: "Day support",
			DeliveryMechanism: "CASSR commissioned support", Provider: pick(rng, dayProviders), UnitCostPence: e.h.uprated(int64(4500+500*rng.IntN(5)), start),
			Frequency: codelists.CostPerSession, Units: float64(1 + rng.IntN(3)), LongTerm: true,
			LongTermReason: "Time with others each week that no community group nearby can offer with the help they need",
			Start:          svc.Start, NextReview: svc.NextReview, End: svc.End, OutcomeIDs: e.goalIDs(), SolutionID: svc.SolutionID},
			requested: planned, started: start, ended: svc.ended, endReason: svc.endReason}
		e.addService(day2)
	}
	return ended
}

// nextAnniversary is the first anniversary of start after today, or start plus 8 weeks when that is still to come:
// when a long-term service's next review falls.
func nextAnniversary(start, today time.Time) time.Time {
	if first := day(start, 56); first.After(today) {
		return first
	}
	next := start.AddDate(1, 0, 0)
	for !next.After(today) {
		next = next.AddDate(1, 0, 0)
	}
	return next
}

// runOpen writes the episode the person is in the middle of today.
func (e *episode) runOpen(j journey, flaw imperfection) {
	rng, today := e.rng, e.h.today
	e.seen = e.opened
	switch j {
	case atFrontDoor:
		e.contact(j)
		if !e.opened.Before(day(today, -2)) {
			// Came in during the last three days: nobody has taken it up yet, so it waits on the front door's list to triage.
			break
		}
		e.pickThemes(1)
		method, place := conversations.Phone, conversations.Place("")
		if rng.IntN(3) == 0 {
			method, place = conversations.FaceToFace, conversations.Home
		}
		e.conversation(conversations.Step1, e.opened, method, place)
		e.strengths(e.opened, strengths.Personal, strengths.Network)
		if rng.IntN(2) == 0 {
			e.hopesFor(e.opened, 1)
		}
		// While they wait, the front door signposts most people to something that fits what matters to them.
		if rng.IntN(100) < 70 {
			e.signpostNear(e.opened)
		}
		if rng.IntN(100) < 60 && e.opened.Before(today) {
			e.setStep(conversations.Step1, conversations.Completed, day(e.opened, 1), "")
			e.setStep(conversations.Step2, conversations.InProgress, day(e.opened, 1), "")
		} else {
			e.setStep(conversations.Step1, conversations.InProgress, e.opened, "")
		}
	case planning:
		e.contact(j)
		e.pickThemes(1 + rng.IntN(3))
		planned := day(today, -rng.IntN(10))
		e.seen = day(e.opened, min(e.h.firstWait(rng, j, e.opened), int(planned.Sub(e.opened).Hours()/24)-9))
		e.assess(day(e.seen, 2+rng.IntN(4)))
		e.develop(day(planned, -3))
		e.eligibility(day(planned, -2), true)
		for i := range e.themes {
			e.outcome(i, planned, day(planned, 90), "Me, my family and the care workers", outcomes.Active)
		}
		e.lowerRungs(planned, true)
		e.setStep(conversations.Step3, conversations.InProgress, planned, "")
		idea := ongoingIdeas[rng.IntN(len(ongoingIdeas))]
		sol := e.solution(planned, plans.OngoingSupport, idea.what, "Starting once authorised", idea.why, e.goalIDs()...)
		start := day(today, 7+rng.IntN(8))
		e.addService(service{Service: plans.Service{ServiceType: "Long term support: Community", Component: "Home support or domiciliary care",
			DeliveryMechanism: "CASSR commissioned support", Provider: pick(rng, homeCareProviders), UnitCostPence: int64(2200 + 50*rng.IntN(11)),
			Frequency: codelists.CostHourly, Units: float64(9 + rng.IntN(14)), LongTerm: true, LongTermReason: idea.why,
			Start: sqldb.NewDate(start), NextReview: sqldb.NewDate(day(start, 56)), OutcomeIDs: e.goalIDs(), SolutionID: sol},
			requested: planned, pending: true})
		e.draftPlan(planned)
	case inReablement:
		e.contact(j)
		e.reablement(true)
	case inLongTerm:
		e.contact(j)
		e.longTerm(time.Time{}, true)
		// A visit in the last few weeks found something new to try nearby, signposted to without changing the plan.
		if rng.IntN(100) < 30 {
			e.signpostNear(day(today, -5-rng.IntN(36)))
		}
		if flaw == unservedGoal {
			// A new outcome agreed at the last visit, which nothing on the ladder serves yet.
			var spare theme
			for _, t := range themes[:len(themes)-1] {
				if !e.hasTheme(t) {
					spare = t
					break
				}
			}
			e.themes = append(e.themes, spare)
			e.outcome(len(e.themes)-1, today, day(today, 60), "Me and my family", outcomes.Active)
		}
	}
	e.finish()
}

// snapshot is the plan's snapshot of the thread as it stood on the day, in plans.Snapshot's own format.
func (e *episode) snapshot(on time.Time) string {
	snap := e.snap
	snap.Format, snap.TakenAt = plans.SnapshotFormat, at(e.rng, on)
	text, err := snap.Marshal()
	if err != nil {
		panic(fmt.Sprintf("demo: %v", err))
	}
	return text
}

// draftPlan writes the first version of the episode's support plan as a draft, as plans.PlanStore.NewDraft does.
func (e *episode) draftPlan(on time.Time) {
	id, stamp := sqldb.NewID(), at(e.rng, on)
	e.h.b.add("support_plan", supportPlanCols, e.h.council, id, e.p.ID, e.id, 1, string(plans.PlanDraft), e.snapshot(on), nil, "", "", "",
		0, "", nil, stamp, e.worker, stamp, e.worker, 1)
	e.h.event(e, on, chronology.Plan, "Support plan version 1 drafted", id)
}

var planComments = []string{
	"I'm happy with this, it's what we talked about.", "I want to try it and see how I get on.",
	"My daughter helped me read it through and we both agree.", "As long as I can change it if it's not working.",
}

// agreePlan writes the first version of the episode's support plan, agreed with the person on the day, as
// plans.PlanStore's NewDraft and Agree do, and returns its ID and when its first review falls
// (reviews.NextReview with the council's intervals and the short-term services still running).
func (e *episode) agreePlan(on time.Time) (string, time.Time) {
	rng := e.rng
	id := sqldb.NewID()
	var ends []sqldb.Date
	var budget int64
	for _, svc := range e.snap.Services {
		if !svc.LongTerm && svc.End != "" {
			end, _ := sqldb.ParseDate(svc.End)
			ends = append(ends, end)
		}
		if svc.LongTerm {
			budget += svc.WeeklyCostPence * 52
		}
	}
	due := reviews.NextReview(reviews.DefaultIntervals(), sqldb.NewDate(on), ends, sqldb.Date{}).Time
	how := plans.AgreedHow(weighted(rng, []weight{{string(plans.AgreedInPerson), 70}, {string(plans.AgreedByPhone), 15},
		{string(plans.AgreedByVideo), 5}, {string(plans.AgreedInWriting), 10}}))
	with := "The person"
	if len(e.p.Network) > 0 {
		with += " and " + e.p.Network[0].Name
	}
	created, agreed := at(rng, on), at(rng, on)
	e.h.b.add("support_plan", supportPlanCols, e.h.council, id, e.p.ID, e.id, 1, string(plans.PlanAgreed), e.snapshot(on), sqldb.NewDate(on),
		string(how), with, pick(rng, planComments), budget, "Exampleshire Adult Social Care, 01632 960 000; out of hours 01632 960 999",
		sqldb.NewDate(due), created, e.worker, agreed, e.worker, 3)
	e.h.event(e, on, chronology.Plan, "Support plan version 1 drafted", id)
	e.h.event(e, on, chronology.Plan, "Support plan version 1 agreed with the person ("+strings.ToLower(how.Label())+")", id)
	return id, due
}

// scheduleReview writes a review scheduled on the day for when it falls due, as reviews.ScheduleNext does.
func (e *episode) scheduleReview(planID string, on, due time.Time) {
	id, stamp := sqldb.NewID(), at(e.rng, on)
	e.h.b.add("review", reviewCols, e.h.council, id, e.p.ID, e.id, planID, sqldb.NewDate(due), codelists.ReviewReasonPlanned,
		reviews.StatusScheduled, nil, "", "", "", nil, stamp, e.worker, stamp, e.worker, 1)
	e.h.event(e, on, chronology.Review, "Review scheduled for "+due.Format("2 January 2006"), id)
}

// reviewChain holds the plan's reviews as they fall due, from the plan agreed on agreed until stop: the first when
// the plan says, then every 12 months after the last (reviews.NextReview). For support still running (open), the
// review after stop is left scheduled; now and then the last one due before today has not been held, and is
// overdue. Each is held on time or late as the practice of the day had it (reviewHeld); it returns the day the
// last was held, or the zero time when none was.
func (e *episode) reviewChain(planID string, agreed, due, stop time.Time, open bool) time.Time {
	rng := e.rng
	scheduled := agreed
	var last time.Time
	for {
		if due.After(stop) {
			if open {
				e.scheduleReview(planID, scheduled, due)
			}
			return last
		}
		if open && reviews.AddMonths(sqldb.NewDate(due), 12).After(stop) && !due.Before(day(stop, -60)) && rng.IntN(100) < 50 {
			e.scheduleReview(planID, scheduled, due) // the last one, due in the last two months, has not been held: overdue
			return last
		}
		held := later(e.h.reviewHeld(rng, due), day(scheduled, 1))
		if len(e.shortTermEnds(held)) > 0 && held.Before(due) {
			held = due // a short-term service's review is held as it ends
		}
		if held.After(stop) {
			if open {
				e.scheduleReview(planID, scheduled, due) // late, and not held yet: overdue today
				return last
			}
			held = stop
		}
		e.holdReview(planID, scheduled, due, held)
		last = held
		scheduled = held
		due = reviews.NextReview(reviews.DefaultIntervals(), sqldb.NewDate(agreed), e.shortTermEnds(held), sqldb.NewDate(held)).Time
		if due.IsZero() {
			return last
		}
	}
}

// shortTermEnds are the end dates of the short-term services still running after the day.
func (e *episode) shortTermEnds(after time.Time) []sqldb.Date {
	var out []sqldb.Date
	for _, svc := range e.snap.Services {
		if end, _ := sqldb.ParseDate(svc.End); !svc.LongTerm && !end.IsZero() && end.After(after) {
			out = append(out, end)
		}
	}
	return out
}

// holdReview writes a review held on the day: every outcome set by then rated on its scale, the T-score and the
// suggested result worked out by the reviews package, and a decision on every service running then, as
// reviews.Store's Hold records them.
func (e *episode) holdReview(planID string, scheduled, due, held time.Time) {
	h, rng := e.h, e.rng
	id := sqldb.NewID()
	var toRate []outcomes.Outcome
	var ratings []reviews.Rating
	for _, g := range e.goals {
		if g.setOn.After(held) {
			continue
		}
		level := outcomes.Level(weightedLevel(rng, h.maturity(held)))
		r := reviews.Rating{OutcomeID: g.id, Level: level, Rated: true, PersonView: pick(rng, reviewWords)}
		toRate, ratings = append(toRate, g.o), append(ratings, r)
		h.b.add("review_rating", reviewRatingCols, h.council, id, g.id, int(level), r.PersonView, "")
	}
	tscore, err := reviews.TScore(toRate, ratings)
	if err != nil {
		panic(fmt.Sprintf("demo: %v", err))
	}
	result := reviews.Suggest(toRate, ratings)
	reason := codelists.ReviewReasonPlanned
	for _, svc := range e.running {
		if svc.start.IsZero() || svc.start.After(held) || (!svc.ended.IsZero() && svc.ended.Before(held)) {
			continue
		}
		decision, note := reviews.Continue, "Still needed for the outcomes it serves"
		if !svc.longTerm {
			decision, note, reason = reviews.Stop, "Reablement finished as planned", "Review of short term support"
		}
		h.b.add("review_service", reviewServiceCols, h.council, id, svc.id, string(decision), note)
	}
	method := "Service user only"
	if len(e.p.Network) > 0 && rng.IntN(2) == 0 {
		method = "Service user and carer"
	}
	h.b.add("review", reviewCols, h.council, id, e.p.ID, e.id, planID, sqldb.NewDate(due), reason, reviews.StatusCompleted,
		sqldb.NewDate(held), method, pick(rng, reviewWords), result, tscore, at(rng, scheduled), e.worker, at(rng, held), e.worker, 2)
	h.event(e, scheduled, chronology.Review, "Review scheduled for "+due.Format("2 January 2006"), id)
	h.event(e, held, chronology.Review, fmt.Sprintf("Review held: outcomes %s; Goal Attainment T-score %.1f", strings.ToLower(result), tscore), id)
}

// underModel puts sections written under MASOSS's headings under m's headings, in the same order: each MASOSS
// heading under the heading of m that asks the same (demoHeadingFor), or else MASOSS's six spread evenly over m's;
// what falls under one heading is joined. Under MASOSS itself they are as they were.
func underModel(sections []conversations.Section, m practicemodels.Model) []conversations.Section {
	if m.ID == practicemodels.MASOSS || len(m.Headings) == 0 {
		return sections
	}
	masoss := conversations.Headings()
	var out []conversations.Section
	for _, sec := range sections {
		i := slices.Index(masoss, sec.Heading)
		if i < 0 {
			continue
		}
		key := conversations.Heading(m.Headings[i*len(m.Headings)/len(masoss)].Key)
		for _, k := range demoHeadingFor[string(sec.Heading)] {
			if _, has := m.Heading(k); has {
				key = conversations.Heading(k)
				break
			}
		}
		if j := slices.IndexFunc(out, func(o conversations.Section) bool { return o.Heading == key }); j >= 0 {
			out[j].PersonWords = strings.TrimSpace(out[j].PersonWords + " " + sec.PersonWords)
			out[j].Observed = strings.TrimSpace(out[j].Observed + " " + sec.Observed)
			continue
		}
		out = append(out, conversations.Section{Heading: key, PersonWords: sec.PersonWords, Observed: sec.Observed})
	}
	return out
}

// demoHeadingFor is, for each MASOSS heading, the heading of Three Conversations or of local area coordination
// that asks the same, for the demo councils that record under those: what matters and their strengths are heard in
// the first conversation, or in getting to know them; outcomes, solutions and services build a good life, or are
// practical steps with services as back-up.
var demoHeadingFor = map[string][]string{
	"mindset": {"listen_connect", "getting_to_know"}, "aspirations": {"listen_connect", "vision"},
	"strengths": {"listen_connect", "connections"}, "outcomes": {"good_life", "practical"},
	"solutions": {"good_life", "practical"}, "services": {"good_life", "services_backup"},
}
