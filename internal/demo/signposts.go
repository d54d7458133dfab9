package demo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The history's use of the community directory: community solutions on the ladder that signpost the person to a
// directory service near them that fits what matters to them, signposts at the front door, and their follow-ups,
// as the front door's signposting and follow-up forms record them (frontdoor.Store's AddSignpost, Resolve and
// RecordFollowUp). A council with no directory (as a benchmark's may be) gets the history without them.

// dirService is a directory service the history can signpost to.
type dirService struct {
	id, name string
	at       postcodes.Point
	helps    bool // it does something for the person (advice, repairs, a lift) rather than being somewhere they go
}

// demoDirectory is the council's community directory as the history uses it: its active services of each kind
// (dirActivity.name, read back from the generated names), with where they are, and the centres of the postcodes
// people live at.
type demoDirectory struct {
	byKind map[string][]dirService
	homes  map[string]postcodes.Point // by postcode; a postcode not in the table is absent
	looked map[string]bool            // postcodes already looked up
	lookup func(ctx context.Context, postcode string) (postcodes.Point, error)
}

// readDirectory reads the council's directory. It is empty when the council has none.
func readDirectory(ctx context.Context, db *sqldb.DB) (*demoDirectory, error) {
	d := &demoDirectory{byKind: map[string][]dirService{}, homes: map[string]postcodes.Point{}, looked: map[string]bool{},
		lookup: postcodes.NewStore(db).Lookup}
	err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT s.id, s.name, l.latitude, l.longitude FROM directory_service s
			JOIN directory_service_at_location sl ON sl.council_id = s.council_id AND sl.service_id = s.id
			JOIN directory_location l ON l.council_id = sl.council_id AND l.id = sl.location_id
			WHERE s.council_id = $1 AND s.status = 'active' AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
			ORDER BY s.id, l.id`, tx.Council())
		if err != nil {
			return err
		}
		defer rows.Close()
		last := ""
		for rows.Next() {
			var s dirService
			if err := rows.Scan(&s.id, &s.name, &s.at.Latitude, &s.at.Longitude); err != nil {
				return err
			}
			if s.id == last {
				continue // a service at more than one place is signposted to at its first
			}
			last = s.id
			for _, a := range dirActivities {
				if strings.HasSuffix(s.name, " "+a.name) {
					s.helps = slices.Contains(helpingTerms, a.term)
					d.byKind[a.name] = append(d.byKind[a.name], s)
					break
				}
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read the demo council's directory: %w", sqldb.Normalise(err))
	}
	return d, nil
}

func (d *demoDirectory) empty() bool { return len(d.byKind) == 0 }

// locate looks up the centres of the people's postcodes not yet looked up.
func (d *demoDirectory) locate(ctx context.Context, postcode string) error {
	if d.empty() || d.looked[postcode] {
		return nil
	}
	d.looked[postcode] = true
	p, err := d.lookup(ctx, postcode)
	switch {
	case errors.Is(err, postcodes.ErrUnknown):
		return nil // signposted to services of the right kind, wherever they are
	case err != nil:
		return err
	}
	d.homes[postcode] = p
	return nil
}

// near picks a service of one of the kinds for someone living at postcode: one of the three nearest, or any when
// their postcode's place is not known.
func (d *demoDirectory) near(rng *rand.Rand, kinds []string, postcode string) (dirService, bool) {
	if d == nil {
		return dirService{}, false
	}
	var found []dirService
	for _, k := range kinds {
		found = append(found, d.byKind[k]...)
	}
	if len(found) == 0 {
		return dirService{}, false
	}
	home, ok := d.homes[postcode]
	if !ok {
		return found[rng.IntN(len(found))], true
	}
	slices.SortStableFunc(found, func(a, b dirService) int {
		return cmp.Compare(postcodes.Distance(home, a.at), postcodes.Distance(home, b.at))
	})
	return found[rng.IntN(min(3, len(found)))], true
}

// frontDoorKinds are what the front door signposts to when what matters to the person suggests nothing in the
// directory.
var frontDoorKinds = []string{"Benefits advice", "Digital skills drop-in", "Lunch club"}

// The words of signposts and their follow-ups: what the practitioner shared, and why it did or did not help, in
// the person's words (the practitioner's, when the person could not be reached), told apart for the services that
// do something for the person (helpingTerms) and those they go to.
var (
	sharedWords = []string{
		"Where and when it meets, what it costs and who to ring",
		"The leaflet with the times and the organiser's phone number",
		"The times and the address, and the bus that stops nearby",
		"The organiser's name and number; the organiser is expecting a call",
	}
	goingWords = map[frontdoor.Helped][]string{
		frontdoor.HelpedYes: {
			"I've made a friend there and we go together now", "I look forward to it all week", "I feel better for getting out of the house",
			"It's the best thing I've done all year",
		},
		frontdoor.HelpedPartly: {
			"I went twice and enjoyed it, but it's only once a month and I'd like more", "It's nice but the chairs are hard and my back doesn't like it",
			"I liked the people; getting there is the hard part without a lift", "It helps on the day, but the rest of the week is still long",
		},
		frontdoor.DidNotHelp: {
			"It was mostly younger people and I felt out of place", "It's too far and the bus doesn't go that way any more",
			"It wasn't what I expected, it was more talking than doing", "The times clash with my hospital appointments",
		},
		frontdoor.DidNotGo: {
			"I meant to go but my knee was bad that week", "I didn't feel up to walking in on my own the first time",
			"My daughter couldn't take me in the end and I didn't want to go on my own",
		},
		frontdoor.NotReached: notReachedWords,
	}
	helpingWords = map[frontdoor.Helped][]string{
		frontdoor.HelpedYes:    {"They sorted it out for me quickly", "It's made a real difference", "They were kind and didn't rush me"},
		frontdoor.HelpedPartly: {"It helped, but I had to wait weeks for them to come", "They did some of it; the rest needs someone else"},
		frontdoor.DidNotHelp:   {"They couldn't do what I needed", "It cost more than I can manage"},
		frontdoor.DidNotGo:     {"I didn't ring them in the end, I didn't want to be a bother", "I lost the number and didn't like to ask again"},
		frontdoor.NotReached:   notReachedWords,
	}
	notReachedWords = []string{"Rang three times and left messages; no answer", "No answer on the phone; sent a letter asking them to ring us"}
	// helpingTerms are the categories of the services that do something for the person.
	helpingTerms = []string{"Practical help", "Advice and information", "Transport"}
	// followUpResults are how follow-ups turn out: most helped, fully or partly.
	followUpResults = []weight{
		{string(frontdoor.HelpedYes), 50}, {string(frontdoor.HelpedPartly), 20}, {string(frontdoor.DidNotHelp), 10},
		{string(frontdoor.DidNotGo), 12}, {string(frontdoor.NotReached), 8},
	}
)

var signpostCols = []string{"council_id", "id", "person_id", "episode_id", "outcome_id", "solution_id", "directory_service_id", "signposted_on",
	"what_shared", "shared_how", "referred", "consent", "follow_up_on", "followed_up_on", "follow_up_result", "follow_up_note", "created_at",
	"created_by", "updated_at", "updated_by", "version"}

// informalShare is the share, in per cent, of community solutions that are something the directory does not hold
// (the chemist's delivery round, a friend's club), written in the theme's words with no service.
const informalShare = 12

// communityFor puts a community solution for goal g on the ladder: a signpost to a directory service near the
// person that fits the goal's theme, when there is one, otherwise the theme's own idea.
func (e *episode) communityFor(on time.Time, g goal, who string) {
	if e.rng.IntN(100) >= informalShare {
		if svc, ok := e.h.dir.near(e.rng, g.theme.services, e.p.Postcode); ok {
			e.signpost(on, svc, &g)
			return
		}
	}
	e.solution(on, plans.Community, g.theme.community, who, "", g.id)
}

// signpostNear signposts the person to a service near them that fits what matters to them, serving no outcome (at
// the front door, or on a visit), and returns its name; "" when the council has no directory.
func (e *episode) signpostNear(on time.Time) string {
	kinds := frontDoorKinds
	if len(e.themes) > 0 && len(e.themes[0].services) > 0 {
		kinds = e.themes[0].services
	}
	svc, ok := e.h.dir.near(e.rng, kinds, e.p.Postcode)
	if !ok {
		return ""
	}
	e.signpost(on, svc, nil)
	return svc.name
}

// signpost records a signpost to svc on the day, as frontdoor's store does: for a goal, with the community solution
// on the ladder that uses the service (plans.AddDirectorySolution); at the front door, with none. Its follow-up
// falls due two weeks later (sometimes one or four) and, once that day has passed, is recorded within the week. In
// the episode open today a few are not: each practitioner's first follow-up due in the last month is left
// overdue, and about one in ten others, so that caseloads show some.
func (e *episode) signpost(on time.Time, svc dirService, g *goal) {
	h, rng := e.h, e.rng
	followUp := day(on, 14)
	switch w := rng.IntN(10); {
	case w == 0:
		followUp = day(on, 7)
	case w < 3:
		followUp = day(on, 28)
	}
	sp := frontdoor.Signpost{ID: sqldb.NewID(), PersonID: e.p.ID, EpisodeID: e.id, DirectoryServiceID: svc.id, SignpostedOn: sqldb.NewDate(on),
		WhatShared: pick(rng, sharedWords), FollowUpOn: sqldb.NewDate(followUp), Referred: rng.IntN(100) < 25}
	sp.Consent = sp.Referred
	if rng.IntN(100) < 85 {
		sp.SharedHow = append(sp.SharedHow, frontdoor.Told)
	}
	if len(sp.SharedHow) == 0 || rng.IntN(100) < 40 {
		sp.SharedHow = append(sp.SharedHow, frontdoor.Printed)
	}
	if e.p.Phone != "" && rng.IntN(100) < 15 {
		sp.SharedHow = append(sp.SharedHow, frontdoor.Texted)
	}
	sp.Normalise()
	due := fmt.Sprintf("Follow up by %s", followUp.Format("2 January 2006"))
	if g != nil {
		sp.OutcomeID = g.id
		sp.SolutionID = e.addSolution(on, plans.Community, "Signposted to "+svc.name, due, svc.id, "", g.id)
	}
	// Checked as the practitioner's form checked it, on the day it was recorded.
	if ps := sp.Validate(on); len(ps) > 0 {
		panic(fmt.Sprintf("demo: a generated signpost is not valid: %v", ps))
	}
	if followUp.Before(h.today) {
		recent := !followUp.Before(day(h.today, -30))
		if !(e.open && recent && (h.staff.takeOverdue(e.worker) || rng.IntN(100) < 10)) {
			sp.FollowedUpOn = sqldb.NewDate(day(followUp, rng.IntN(7)))
			if sp.FollowedUpOn.After(h.today) {
				sp.FollowedUpOn = sqldb.NewDate(h.today)
			}
			sp.Result = frontdoor.Helped(weighted(rng, followUpResults))
			if sp.Result != frontdoor.HelpedYes || rng.IntN(100) < 60 {
				words := goingWords
				if svc.helps {
					words = helpingWords
				}
				sp.ResultNote = pick(rng, words[sp.Result])
			}
		}
	}
	created := at(rng, on)
	updated, version := created, 1
	var followedOn any
	if sp.FollowedUp() {
		if ps := (frontdoor.FollowUp{On: sp.FollowedUpOn, Result: sp.Result, Note: sp.ResultNote}).Validate(sp.SignpostedOn, h.today); len(ps) > 0 {
			panic(fmt.Sprintf("demo: a generated follow-up is not valid: %v", ps))
		}
		updated, version, followedOn = at(rng, sp.FollowedUpOn.Time), 2, sp.FollowedUpOn
	}
	shared := make([]string, len(sp.SharedHow))
	for i, s := range sp.SharedHow {
		shared[i] = string(s)
	}
	h.b.add("signpost", signpostCols, h.council, sp.ID, e.p.ID, e.id, sp.OutcomeID, sp.SolutionID, svc.id, sp.SignpostedOn, sp.WhatShared,
		strings.Join(shared, ","), sp.Referred, sp.Consent, sp.FollowUpOn, followedOn, string(sp.Result), sp.ResultNote, created, e.worker,
		updated, e.worker, version)
	what := "Signposted to " + svc.name
	if sp.Referred {
		what = "Referred, with consent, to " + svc.name
	}
	h.event(e, on, chronology.Signpost, what+"; follow up by "+followUp.Format("2 January 2006"), sp.ID)
	if sp.FollowedUp() {
		summary := "Followed up " + svc.name + ": " + strings.ToLower(sp.Result.Label())
		if sp.ResultNote != "" {
			summary += " (" + clip(sp.ResultNote) + ")"
		}
		h.event(e, sp.FollowedUpOn.Time, chronology.Signpost, summary, sp.ID)
	}
}
