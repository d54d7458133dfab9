package insight

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Catalogue is every measure, in the order the IQAM page shows them under their priorities. Each is one small
// definition: what it says, and the facts it reads, each judged by the function of the domain that owns it.
func Catalogue() []Measure {
	ms := []Measure{
		{
			ID: "resolved-at-first-contact", Name: "Contacts resolved at first contact", Priority: PreventNeed, Kind: Share, Better: Up,
			Definition:  "Of the episodes opened in the period, the share the front door closed at the first step with information, advice or signposting, so that the person needed nothing more from the council.",
			Numerator:   "Episodes ended at step 1 with the Client Level Data outcome \"" + codelists.EventOutcomeInformationAdvice + "\"",
			Denominator: "Episodes opened in the period",
			Reads:       []string{"episodes", "people"},
			Source:      "Practice framework (seed 004): prevent need; Client Level Data event outcome (standards §1.4)",
			facts:       resolvedAtFirstContact,
		},
		{
			ID: "wait-for-first-conversation", Name: "Wait from contact to first conversation", Priority: PreventNeed, Kind: Median, Unit: "days", Better: Down,
			Definition: "For each episode whose first conversation was held in the period, the days from the contact to that conversation: the middle wait, and the wait nine in ten were seen within.",
			Numerator:  "Days from contact to first conversation (median, and 90th percentile beside it)",
			Reads:      []string{"contacts", "episodes", "conversations", "people"},
			Source:     "Practice framework (seed 004): a timely first conversation; the waiting list's own count of days",
			facts:      waitForFirstConversation,
		},
		{
			ID: "waiting-for-first-conversation", Name: "Waiting for a first conversation at the end of the period", Priority: PreventNeed, Kind: Count, Better: Down,
			Definition: "The people whose episode was open on the period's last day with no conversation held yet: the waiting list's own first stage.",
			Numerator:  "Open episodes with no conversation held by the period's last day",
			Reads:      []string{"episodes", "conversations", "contacts", "people"},
			Source:     "Practice framework (seed 004): waiting well; the waiting list's stages",
			onDays:     waitingForFirstConversation,
		},
		{
			ID: "signposts-followed-up", Name: "Signposts followed up", Priority: PreventNeed, Kind: Share, Better: Up,
			Definition:  "Of the signposts to community services whose follow-up fell due in the period, the share followed up: someone went back to the person to ask how it went.",
			Numerator:   "Signposts with a follow-up recorded",
			Denominator: "Signposts whose follow-up fell due in the period",
			Reads:       []string{"signposts", "episodes", "people"},
			Source:      "Practice framework (seed 004): community solutions first, and knowing whether they helped",
			facts:       signpostsFollowedUp,
		},
		{
			ID: "signposts-helped", Name: "Signposts that helped", Priority: PreventNeed, Kind: Share, Better: Up,
			Definition:  "Of the signposts followed up in the period where the person was reached, the share where the person said the service helped, fully or partly.",
			Numerator:   "Follow-ups finding it helped or partly helped",
			Denominator: "Follow-ups in the period that reached the person",
			Reads:       []string{"signposts", "episodes", "people"},
			Source:      "Practice framework (seed 004): community solutions first",
			facts:       signpostsHelped,
		},
		{
			ID: "least-intrusive-solutions", Name: "Solutions on the least intrusive rungs", Priority: PromoteIndependence, Kind: Share, Better: Up,
			Definition:  "Of the solutions agreed in the period, the share on the ladder's first four rungs: the person's own strengths, their family and network, community and voluntary support, and information and advice.",
			Numerator:   "Solutions on a rung that needs no reason why a less intrusive one cannot meet the outcome",
			Denominator: "Solutions agreed in the period",
			Reads:       []string{"solutions", "episodes", "people"},
			Source:      "Practice framework (seed 004), step 3: least intrusive first; MASOSS (seed 000)",
			facts:       leastIntrusiveSolutions,
		},
		{
			ID: "solutions-by-rung", Name: "Solutions agreed on the ladder", Priority: PromoteIndependence, Kind: Count, Better: Neither,
			Groups:     "Rung of the ladder",
			Definition: "The solutions agreed in the period, divided by the rung of the ladder each stands on: from the person's own strengths, their family and network, community support and information, up to technology, reablement, council-funded support and residential care.",
			Numerator:  "Solutions agreed in the period, by rung",
			Reads:      []string{"solutions", "episodes", "people"},
			Source:     "Practice framework (seed 004), step 3: least intrusive first; MASOSS (seed 000)",
			facts:      solutionsByRung,
		},
		{
			ID: "reviews-on-time", Name: "Reviews held by their due date", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the reviews held in the period, the share held on or before the day they were due.",
			Numerator:   "Reviews held on or before their due date",
			Denominator: "Reviews held in the period",
			Reads:       []string{"reviews", "episodes", "people"},
			Source:      "Care Act 2014 section 27 and statutory guidance chapter 13 (standards §3.5)",
			facts:       reviewsOnTime,
		},
		{
			ID: "reviews-overdue", Name: "Reviews overdue at the end of the period", Priority: ImproveLives, Kind: Count, Better: Down,
			Definition: "The reviews that, on the period's last day, were past their due date and not yet held.",
			Numerator:  "Reviews due before the period's last day and not held by then",
			Reads:      []string{"reviews", "episodes", "people"},
			Source:     "Care Act 2014 section 27 (standards §3.5)",
			facts:      reviewsOverdue,
		},
		{
			ID: "required-actions-on-time", Name: "Required actions met in time", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the required actions (the law's duties: advocacy, safeguarding decisions, capacity, crisis reviews and the rest) whose last day in time fell in the period, the share met before they became overdue. Actions withdrawn because they no longer applied are not counted.",
			Numerator:   "Required actions met before they became overdue",
			Denominator: "Required actions due in the period, not withdrawn",
			Reads:       []string{"required actions", "episodes", "people"},
			Source:      "Care Act 2014 sections 42, 67 and 68; Mental Capacity Act 2005 (standards §3.6, §4, §5)",
			facts:       requiredActionsOnTime,
		},
		{
			ID: "outcomes-attained", Name: "Outcomes attained", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the outcomes rated at reviews held in the period, the share the person reached at or above the level expected (Goal Attainment Scaling 0, +1 or +2).",
			Numerator:   "Ratings at the expected level or above",
			Denominator: "Outcomes rated at reviews held in the period",
			Reads:       []string{"review ratings", "reviews", "episodes", "people"},
			Source:      "Goal Attainment Scaling (standards §9); practice framework (seed 004): SMART outcomes reviewed",
			facts:       outcomesAttained,
		},
		{
			ID: "gas-t-score", Name: "Goal attainment at review (T-score)", Priority: ImproveLives, Kind: Median, Unit: "T-score", Better: Up,
			Definition: "The Goal Attainment Scaling T-score of each review held in the period that rated the person's outcomes: the middle score, and the score nine in ten reached or exceeded (50 is every outcome at its expected level).",
			Numerator:  "T-scores of reviews held in the period (median, and 90th percentile beside it)",
			Reads:      []string{"reviews", "episodes", "people"},
			Source:     "Goal Attainment Scaling, the Kiresuk–Sherman T-score (standards §9.2)",
			facts:      gasTScores,
		},
		{
			ID: "msp-asked", Name: "Asked what outcomes they wanted from a safeguarding enquiry", Priority: ImproveLives, Kind: Share, Better: Up,
			Safeguarding: true,
			Definition:   "Of the section 42 safeguarding enquiries concluded in the period, the share where the person, or their representative, was asked what outcomes they wanted, whether or not they expressed any (Making Safeguarding Personal).",
			Numerator:    "Enquiries where the person or their representative was asked (\"Yes\" to the Safeguarding Adults Collection question SG4a)",
			Denominator:  "Section 42 enquiries concluded in the period",
			Reads:        []string{"safeguarding enquiries", "people"},
			Source:       "Making Safeguarding Personal; Safeguarding Adults Collection SG4a (standards §5.3)",
			facts:        mspAsked,
		},
		{
			ID: "msp-outcomes-achieved", Name: "Safeguarding outcomes achieved", Priority: ImproveLives, Kind: Count, Better: Neither,
			Safeguarding: true,
			Groups:       "Outcomes achieved",
			Definition:   "The section 42 safeguarding enquiries concluded in the period where the person expressed the outcomes they wanted, divided by whether those outcomes were achieved: fully (every one), not (none even in part), or partly (the rest).",
			Numerator:    "Concluded section 42 enquiries with outcomes expressed and rated, by whether they were achieved",
			Reads:        []string{"safeguarding enquiries", "their desired outcomes", "people"},
			Source:       "Making Safeguarding Personal; Safeguarding Adults Collection SG4a (standards §5.3)",
			facts:        mspOutcomesAchieved,
		},
		{
			ID: "safeguarding-risk-reduced", Name: "Safeguarding risk reduced or removed", Priority: ImproveLives, Kind: Share, Better: Up,
			Safeguarding: true,
			Definition:   "Of the section 42 safeguarding enquiries concluded in the period that identified a risk, the share where the risk was reduced or removed (an ASCOF 4B-style measure).",
			Numerator:    "Enquiries whose risk outcome was \"Risk reduced\" or \"Risk removed\"",
			Denominator:  "Section 42 enquiries concluded in the period that identified a risk, with or without action taken",
			Reads:        []string{"safeguarding enquiries", "people"},
			Source:       "ASCOF 4B (standards §2); Safeguarding Adults Collection SG2c and SG2e (standards §5.3)",
			facts:        safeguardingRiskReduced,
		},
		{
			ID: "weekly-spend", Name: "Council-funded support in place, by the week", Priority: FinancialOversight, Kind: Total, Unit: "£ a week",
			Definition: "On the period's last day, the weekly cost of every council-funded service then in place (started, and not ended before that day), from each service's unit cost, frequency and units.",
			Numerator:  "The weekly cost of services in place on the period's last day",
			Reads:      []string{"services", "episodes", "people"},
			Source:     "Practice framework (seed 004): evaluation by use of resources; IQAM financial oversight",
			facts:      weeklySpend,
		},
		{
			ID: "spend-by-rung", Name: "Council-funded support on the ladder, by the week", Priority: FinancialOversight, Kind: Total, Unit: "£ a week",
			Groups:     "Rung of the ladder",
			Definition: "On the period's last day, the weekly cost of every council-funded service then in place, divided by the rung of the ladder of the solution each service meets. A service recorded without a solution is shown apart.",
			Numerator:  "The weekly cost of services in place on the period's last day, by the rung of their solution",
			Reads:      []string{"services", "solutions", "episodes", "people"},
			Source:     "Practice framework (seed 004): least intrusive first, and evaluation by use of resources; IQAM financial oversight",
			facts:      spendByRung,
		},
		// The measures below are the ASCOF measures and SALT-style sequels derived from the Client Level Data
		// return's own events (cld.Derive, in ascof.go), so that they and the return cannot disagree.
		{
			ID: "request-sequels", Name: "Requests from new clients", Priority: PreventNeed, Kind: Count,
			Groups:     "What followed",
			Definition: "The requests for support completed in the period by people with no long-term support open when they asked, each by what followed it in the Client Level Data return: the highest ranked service that started within 28 days of the request's end (short-term support to maximise independence only within 3 days), or failing that a \"no further action\" outcome of another event then, or failing that the request's own outcome. A request whose work was still going on (progress to assessment or planning) is counted as unable to classify, not left out.",
			Numerator:  "Requests from new clients completed in the period, by what followed",
			Reads:      []string{"contacts", "episodes", "conversations", "eligibility", "services", "reviews", "people"},
			Source:     "SALT STS001 sequels rebuilt from Client Level Data (standards §1.4, §1.7)",
			derived:    true,
			facts:      fromReturn(cld.FindingRequestNext),
		},
		{
			ID: "ascof-2a", Name: "ASCOF 2A: no further request for ongoing support after short-term support", Priority: PromoteIndependence, Kind: Share, Better: Up,
			Definition:  "Of the spells of short-term support to maximise independence (ST-Max, usually reablement; services within 3 days of each other are one spell) that ended in the period, for people aged 18 or over with no long-term support in the 3 months before, the share followed within 7 days by neither long-term support nor a short-term stay in a care home. Deaths, hospital admissions, declined support, self-funding, NHS-funded care and spells that cannot be classified are left out of the share, and counted in \"Short-term support of new clients that ended\". ASCOF takes it over a year; this takes the period asked for.",
			Numerator:   "Spells followed by ongoing low level or other short-term support, signposting, support ended as planned, or no services for another reason",
			Denominator: "Spells of new clients that ended in the period, less the exclusions and those unable to classify",
			Reads:       []string{"services", "contacts", "episodes", "conversations", "eligibility", "reviews", "people"},
			Source:      "ASCOF 2A (standards §2.2), with the sequel categories of SALT STS002a (standards §1.7)",
			derived:     true,
			facts:       fromReturn(cld.FindingIndependence),
		},
		{
			ID: "short-term-sequels", Name: "Short-term support of new clients that ended", Priority: PromoteIndependence, Kind: Count,
			Groups:     "What followed",
			Definition: "Every spell of short-term support to maximise independence (ST-Max) that ended in the period, for service users aged 18 or over with no long-term support in the 3 months before it began, by what followed it in the 7 days after it ended: the ASCOF 2A cohort in full, with the spells 2A excludes and those it cannot classify counted here rather than dropped.",
			Numerator:  "Spells of new clients that ended in the period, by what followed",
			Reads:      []string{"services", "contacts", "episodes", "conversations", "eligibility", "reviews", "people"},
			Source:     "ASCOF 2A (standards §2.2); SALT STS002a (standards §1.7)",
			derived:    true,
			facts:      fromReturn(cld.FindingShortTermNext),
		},
		{
			ID: "short-to-long-term", Name: "Short-term support followed by long-term support", Priority: PromoteIndependence, Kind: Share, Better: Down,
			Definition:  "Of the spells of short-term support to maximise independence (ST-Max) that ended in the period, the share followed within 7 days of their end by long-term support in any setting.",
			Numerator:   "Spells followed by long-term support",
			Denominator: "ST-Max spells that ended in the period",
			Reads:       []string{"services", "episodes", "people"},
			Source:      "Practice framework (seed 004): promote independence; the ASCOF 2A sequel rule (standards §2.2)",
			derived:     true,
			facts:       fromReturn(cld.FindingConversion),
		},
		{
			ID: "ascof-2b", Name: "ASCOF 2B: admissions to care homes, aged 18 to 64", Priority: PromoteIndependence, Kind: Rate, Better: Down,
			Unit: "per 100,000 aged 18 to 64", Groups: "Setting",
			Definition:  "People whose first long-term residential or nursing care on record began in the period, when they were aged 18 to 64, per 100,000 of the council's population aged 18 to 64 (its Census figures, as the council records them). The count is withheld from 1 to 5 and rounded before the rate is worked out. ASCOF takes it over a year; this takes the period asked for.",
			Numerator:   "First admissions to long-term residential or nursing care in the period, aged 18 to 64",
			Denominator: "Every 100,000 of the council's population aged 18 to 64, from the Census",
			Reads:       []string{"services", "episodes", "people", "population"},
			Source:      "ASCOF 2B (standards §2.2)",
			per:         aged(18, 64),
			derived:     true,
			facts:       fromReturn(cld.FindingAdmission1864),
		},
		{
			ID: "ascof-2c", Name: "ASCOF 2C: admissions to care homes, aged 65 and over", Priority: PromoteIndependence, Kind: Rate, Better: Down,
			Unit: "per 100,000 aged 65 and over", Groups: "Setting",
			Definition:  "People whose first long-term residential or nursing care on record began in the period, when they were aged 65 or over, per 100,000 of the council's population aged 65 and over (its Census figures, as the council records them). The count is withheld from 1 to 5 and rounded before the rate is worked out. ASCOF takes it over a year; this takes the period asked for.",
			Numerator:   "First admissions to long-term residential or nursing care in the period, aged 65 or over",
			Denominator: "Every 100,000 of the council's population aged 65 and over, from the Census",
			Reads:       []string{"services", "episodes", "people", "population"},
			Source:      "ASCOF 2C (standards §2.2)",
			per:         aged(65, -1),
			derived:     true,
			facts:       fromReturn(cld.FindingAdmission65),
		},
		{
			ID: "still-at-home-91", Name: "Still at home 91 days after hospital discharge into reablement", Priority: PromoteIndependence, Kind: Share, Better: Up,
			Definition:  "A local measure modelled on the former ASCOF 2D (SALT STS004). Of the people aged 65 or over whose short-term support to maximise independence (ST-Max) began in the three months ending 91 days before the period's last day, after a request whose route of access was a discharge from hospital, the share who 91 days after it began were neither in a residential or nursing home nor dead, as far as the record shows (it holds no hospital readmissions).",
			Numerator:   "People neither in a care home nor dead 91 days after their reablement began",
			Denominator: "People 65 or over discharged from hospital into reablement in the three months ending 91 days before the period's end",
			Reads:       []string{"contacts", "services", "episodes", "people"},
			Source:      "Local; modelled on ASCOF 2D 2023-24 (SALT STS004) (standards §2.2)",
			derived:     true,
			facts:       fromReturn(cld.FindingAtHome91),
		},
		{
			ID: "ascof-2e", Name: "ASCOF 2E: people in long-term support living at home or with family", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the people receiving long-term support in the community, a residential home or a nursing home on the period's last day, the share whose accommodation status is settled: their own home, a tenancy, with family or friends, supported accommodation, Shared Lives and the other settled values. An unknown status counts as not settled.",
			Numerator:   "People whose accommodation status is a settled one",
			Denominator: "People with long-term community, residential or nursing support on the period's last day",
			Reads:       []string{"services", "episodes", "people"},
			Source:      "ASCOF 2E (standards §2.2), with the settled flag of the accommodation status list (standards §1.4)",
			derived:     true,
			facts:       fromReturn(cld.FindingSettled),
		},
		{
			ID: "ascof-3d-self-directed", Name: "ASCOF 3D: self-directed support", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the people whose long-term support on the period's last day was in the community (and not also in a residential or nursing home), the share receiving self-directed support: a direct payment, or a personal budget the council manages.",
			Numerator:   "People with a direct payment or a council-managed personal budget",
			Denominator: "People whose highest setting of long-term support on the period's last day was community",
			Reads:       []string{"services", "direct payments", "episodes", "people"},
			Source:      "ASCOF 3D part 1a (standards §2.2)",
			derived:     true,
			facts:       fromReturn(cld.FindingSelfDirected),
		},
		{
			ID: "ascof-3d-direct-payments", Name: "ASCOF 3D: direct payments", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the people whose long-term support on the period's last day was in the community (and not also in a residential or nursing home), the share receiving it, in whole or in part, as a direct payment.",
			Numerator:   "People with a direct payment",
			Denominator: "People whose highest setting of long-term support on the period's last day was community",
			Reads:       []string{"services", "direct payments", "episodes", "people"},
			Source:      "ASCOF 3D part 2a (standards §2.2)",
			derived:     true,
			facts:       fromReturn(cld.FindingDirectPayment),
		},
		// Feedback from people and staff (internal/feedback; the facts in feedback.go).
		{
			ID: "felt-listened-to", Name: "People who felt listened to", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the people who answered \"I was listened to\" in the council's survey after an agreed plan or a review in the period, the share answering Yes or Mostly. Anonymous answers are counted, naming no one.",
			Numerator:   "Answers of Yes or Mostly",
			Denominator: "People answering the question in the period",
			Reads:       []string{"feedback answers", "people"},
			Source:      "Practice framework (seed 004), evaluation by feedback from people who need care and support",
			facts:       peopleAgreeing(feedback.ListenedKey),
		},
		{
			ID: "felt-in-control", Name: "People who felt in control of their support", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the people who answered \"I feel in control of my support\" in the council's survey after an agreed plan or a review in the period, the share answering Yes or Mostly.",
			Numerator:   "Answers of Yes or Mostly",
			Denominator: "People answering the question in the period",
			Reads:       []string{"feedback answers", "people"},
			Source:      "Practice framework (seed 004), evaluation by feedback from people who need care and support",
			facts:       peopleAgreeing(feedback.InControlKey),
		},
		{
			ID: "staff-strengths-everyday", Name: "Staff who say strengths-based practice is part of everyday work", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the staff who answered \"Strengths-based practice is part of our everyday work\" in a staff survey round opened in the period, the share answering Yes or Mostly. Staff answers are anonymous: each counts once, under the team the member of staff belongs to, on the day its round opened, and carries no person, so the cuts by protected characteristic find none.",
			Numerator:   "Answers of Yes or Mostly",
			Denominator: "Staff answering the question in rounds opened in the period",
			Reads:       []string{"staff survey answers"},
			Source:      "Practice framework (seed 004), evaluation by feedback from staff",
			facts:       staffAgreeing(feedback.EverydayKey),
		},
		{
			ID: "staff-trained-strengths-based", Name: "Staff trained in strengths-based practice", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the staff the strengths-based practice skills course is required of on the period's last day (by their role or team, or by their induction), the share whose training is current: they completed a session of it and it has not lapsed. Each member of staff counts once, under one of their teams, and carries no person, so the cuts by protected characteristic find none.",
			Numerator:   "Staff whose strengths-based practice training is current",
			Denominator: "Staff the course is required of",
			Reads:       []string{"learning sessions", "bookings", "induction pathways", "staff"},
			Source:      "Seed 001: staff trained in strengths-based practice, a KPI of the programme; seed 000: a shared strengths-based mind and skill set",
			facts:       staffTrained(learning.StrengthsBasedPractice),
		},
	}
	for i := range ms {
		if ms[i].onDays != nil {
			ms[i].facts = standing(ms[i].ID, ms[i].onDays)
		}
	}
	return ms
}

// Better says which way a measure's figure is better.
type Better int

// Which way is better.
const (
	Neither Better = iota
	Up             // a higher figure is better
	Down           // a lower figure is better
)

// Find is the catalogue's measure with id.
func Find(id string) (Measure, bool) {
	for _, m := range Catalogue() {
		if m.ID == id {
			return m, true
		}
	}
	return Measure{}, false
}

// scanFact scans the columns of a fact's query: its own targets first, then the team and the person it is about.
// The team may be NULL for a fact of an episode, whose team Measure.read adds when the cut is by team; the
// person's equality fields are read apart, only for the cuts that need them (Measure.read).
func scanFact(rows *sql.Rows, f *Fact, own ...any) error {
	var team sql.NullString
	if err := rows.Scan(append(own, &team, &f.PersonID)...); err != nil {
		return err
	}
	f.TeamID = team.String
	return nil
}

// window is the period with a day's margin either side, for reading timestamps whose UK date Tallies then checks.
func window(p Period) (time.Time, time.Time) {
	return p.From.AddDate(0, 0, -1), p.To.AddDate(0, 0, 2)
}

func resolvedAtFirstContact(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT e.id, e.opened_on, e.ended_step, e.result, e.team_id, e.person_id
		FROM episode e
		WHERE e.council_id = $1 AND e.opened_on >= $2 AND e.opened_on <= $3`,
		[]any{tx.Council(), p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var step int
			var result string
			if err := scanFact(rows, &f, &f.EpisodeID, &f.On, &step, &result); err != nil {
				return err
			}
			f.In = conversations.Step(step) == conversations.Step1 && result == codelists.EventOutcomeInformationAdvice
			emit(f)
			return nil
		})
}

func waitForFirstConversation(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT e.id, f.first, COALESCE(c.contacted_on, e.opened_on), e.team_id, e.person_id
		FROM (SELECT episode_id, min(held_on) AS first FROM conversation
			WHERE council_id = $1 AND episode_id IN (SELECT episode_id FROM conversation WHERE council_id = $1 AND held_on >= $2 AND held_on <= $3)
			GROUP BY episode_id) f
		JOIN episode e ON e.council_id = $1 AND e.id = f.episode_id
		LEFT JOIN contact c ON c.council_id = e.council_id AND c.id = e.contact_id
		WHERE f.first >= $2 AND f.first <= $3`,
		[]any{tx.Council(), p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var contacted sqldb.Date
			if err := scanFact(rows, &f, &f.EpisodeID, &f.On, &contacted); err != nil {
				return err
			}
			f.Value = float64(frontdoor.Days(contacted, f.On))
			emit(f)
			return nil
		})
}

// solutionsAgreed reads the solutions agreed in the period, each with the rung of the ladder it stands on, once
// for the measures that share them while ctx keeps a memo.
func solutionsAgreed(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact, plans.Rung)) error {
	read := func(emit func(Fact)) error {
		from, to := window(p)
		return sqldb.Each(ctx, tx, `SELECT s.episode_id, s.created_at, s.rung, NULL, s.person_id
			FROM solution s
			WHERE s.council_id = $1 AND s.created_at >= $2 AND s.created_at < $3`,
			[]any{tx.Council(), from, to},
			func(rows *sql.Rows) error {
				var f Fact
				var created time.Time
				if err := scanFact(rows, &f, &f.EpisodeID, &created, &f.Group); err != nil {
					return err
				}
				f.On = sqldb.UKDate(created)
				emit(f)
				return nil
			})
	}
	return shared(ctx, tx, "solutions agreed", p, read, func(f Fact) error {
		rung, err := plans.ParseRung(f.Group)
		if err != nil {
			return err
		}
		f.Group = ""
		emit(f, rung)
		return nil
	})
}

func leastIntrusiveSolutions(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return solutionsAgreed(ctx, tx, p, func(f Fact, rung plans.Rung) {
		f.In = !rung.NeedsLowerRungReason()
		emit(f)
	})
}

func solutionsByRung(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return solutionsAgreed(ctx, tx, p, func(f Fact, rung plans.Rung) {
		f.In, f.Group = true, rung.Numbered()
		emit(f)
	})
}

func reviewsOnTime(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT r.episode_id, r.held_on, r.due_on, NULL, r.person_id
		FROM review r
		WHERE r.council_id = $1 AND r.status = $2 AND r.held_on >= $3 AND r.held_on <= $4`,
		[]any{tx.Council(), reviews.StatusCompleted, p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var due sqldb.Date
			if err := scanFact(rows, &f, &f.EpisodeID, &f.On, &due); err != nil {
				return err
			}
			f.In = reviews.Status(due, f.On) != reviews.Overdue
			emit(f)
			return nil
		})
}

func reviewsOverdue(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT r.episode_id, r.due_on, NULL, r.person_id
		FROM review r
		WHERE r.council_id = $1 AND r.due_on < $2 AND (r.status = $3 OR (r.status = $4 AND r.held_on > $2))`,
		[]any{tx.Council(), p.To, reviews.StatusScheduled, reviews.StatusCompleted},
		func(rows *sql.Rows) error {
			var f Fact
			var due sqldb.Date
			if err := scanFact(rows, &f, &f.EpisodeID, &due); err != nil {
				return err
			}
			if reviews.Status(due, p.To) == reviews.Overdue {
				f.On, f.In = p.To, true
				emit(f)
			}
			return nil
		})
}

func outcomesAttained(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT r.episode_id, r.held_on, g.level, NULL, r.person_id
		FROM review_rating g JOIN review r ON r.council_id = g.council_id AND r.id = g.review_id
		WHERE g.council_id = $1 AND r.status = $2 AND r.held_on >= $3 AND r.held_on <= $4`,
		[]any{tx.Council(), reviews.StatusCompleted, p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var level int
			if err := scanFact(rows, &f, &f.EpisodeID, &f.On, &level); err != nil {
				return err
			}
			f.In, f.Value = outcomes.Level(level) >= outcomes.Expected, float64(level)
			emit(f)
			return nil
		})
}

// servicesInPlace reads the council-funded services in place on the period's last day, each with its weekly cost
// as the fact's value and the rung of the solution it meets ("" when it was recorded without one), once for the
// measures that share them while ctx keeps a memo.
func servicesInPlace(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact, string)) error {
	read := func(emit func(Fact)) error {
		return sqldb.Each(ctx, tx, `SELECT s.episode_id, s.unit_cost_pence, s.cost_frequency, s.units_hundredths, COALESCE(sl.rung, ''), NULL, s.person_id
			FROM service s
			LEFT JOIN solution sl ON sl.council_id = s.council_id AND sl.id = s.solution_id
			WHERE s.council_id = $1 AND s.status IN ($2, $3) AND s.start_on <= $4 AND (s.end_on IS NULL OR s.end_on >= $4)`,
			[]any{tx.Council(), string(plans.ServiceActive), string(plans.Ended), p.To},
			func(rows *sql.Rows) error {
				var f Fact
				var s plans.Service
				var units int64
				if err := scanFact(rows, &f, &f.EpisodeID, &s.UnitCostPence, &s.Frequency, &units, &f.Group); err != nil {
					return err
				}
				s.Units = float64(units) / 100
				f.On, f.In, f.Value = p.To, true, float64(s.WeeklyCostPence())/100
				emit(f)
				return nil
			})
	}
	return shared(ctx, tx, "services in place", p, read, func(f Fact) error {
		rung := f.Group
		f.Group = ""
		emit(f, rung)
		return nil
	})
}

func weeklySpend(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return servicesInPlace(ctx, tx, p, func(f Fact, _ string) { emit(f) })
}

// noSolution is the group of spend on a service recorded without the solution it meets.
const noSolution = "No solution recorded"

func spendByRung(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	var bad error
	err := servicesInPlace(ctx, tx, p, func(f Fact, code string) {
		f.Group = noSolution
		if code != "" {
			rung, err := plans.ParseRung(code)
			if err != nil {
				bad = err
				return
			}
			f.Group = rung.Numbered()
		}
		emit(f)
	})
	if err == nil {
		err = bad
	}
	return err
}

// concludedEnquiries reads the section 42 safeguarding enquiries concluded in the period, each with its Making
// Safeguarding Personal answer, its action and result and its risk outcome. An enquiry belongs to no episode; its
// team is the person's.
func concludedEnquiries(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact, safeguarding.Enquiry)) error {
	return sqldb.Each(ctx, tx, `SELECT g.id, g.kind, g.closed_on, g.msp_asked, g.action_result, g.risk_outcome, p.team_id, p.id
		FROM safeguarding_enquiry g JOIN person p ON p.council_id = g.council_id AND p.id = g.person_id
		WHERE g.council_id = $1 AND g.closed_on >= $2 AND g.closed_on <= $3`,
		[]any{tx.Council(), p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var e safeguarding.Enquiry
			var kind string
			if err := scanFact(rows, &f, &e.ID, &kind, &e.ClosedOn, &e.MSPAsked, &e.ActionResult, &e.RiskOutcome); err != nil {
				return err
			}
			if e.Kind = safeguarding.Result(kind); e.Kind == safeguarding.Section42 {
				f.On = e.ClosedOn
				emit(f, e)
			}
			return nil
		})
}

func mspAsked(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return concludedEnquiries(ctx, tx, p, func(f Fact, e safeguarding.Enquiry) {
		f.In = safeguarding.Asked(e.MSPAsked)
		emit(f)
	})
}

func safeguardingRiskReduced(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return concludedEnquiries(ctx, tx, p, func(f Fact, e safeguarding.Enquiry) {
		if safeguarding.RiskIdentified(e.ActionResult) {
			f.In = safeguarding.RiskReducedOrRemoved(e.RiskOutcome)
			emit(f)
		}
	})
}

// mspOutcomesAchieved counts each concluded enquiry whose person expressed outcomes, by whether they were achieved
// (safeguarding.Enquiry.Achieved); an enquiry with none, or with one not yet rated, says nothing.
func mspOutcomesAchieved(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	type concluded struct {
		f Fact
		e safeguarding.Enquiry
	}
	enquiries := map[string]*concluded{}
	var order []string
	err := concludedEnquiries(ctx, tx, p, func(f Fact, e safeguarding.Enquiry) {
		enquiries[e.ID] = &concluded{f, e}
		order = append(order, e.ID)
	})
	if err != nil {
		return err
	}
	err = sqldb.Each(ctx, tx, `SELECT o.enquiry_id, o.achieved FROM safeguarding_outcome o
		JOIN safeguarding_enquiry g ON g.council_id = o.council_id AND g.id = o.enquiry_id
		WHERE o.council_id = $1 AND g.closed_on >= $2 AND g.closed_on <= $3 ORDER BY o.enquiry_id, o.position`,
		[]any{tx.Council(), p.From, p.To},
		func(rows *sql.Rows) error {
			var o safeguarding.DesiredOutcome
			var id string
			if err := rows.Scan(&id, &o.Achieved); err != nil {
				return err
			}
			if en := enquiries[id]; en != nil {
				en.e.Outcomes = append(en.e.Outcomes, o)
			}
			return nil
		})
	if err != nil {
		return err
	}
	for _, id := range order {
		en := enquiries[id]
		if a := en.e.Achieved(); a != "" {
			en.f.In, en.f.Group = true, a
			emit(en.f)
		}
	}
	return nil
}

// waitingForFirstConversation reads, once for all the days, the episodes that may have been waiting on one of them,
// each with its contact and its first conversation, and hands on each day those open then with no conversation held
// by then. An episode can be waiting only from the first of the days it was open on, so one with a conversation held
// by that day is left out by the query itself: of the tens of thousands of episodes open over a KPI's year, the
// record holds a few hundred that waited.
func waitingForFirstConversation(ctx context.Context, tx *sqldb.Tx, days []sqldb.Date, emit func(int, Fact)) error {
	sorted := slices.SortedFunc(slices.Values(days), func(a, b sqldb.Date) int { return a.Compare(b.Time) })
	first, last := sorted[0], sorted[len(sorted)-1]
	args := []any{tx.Council(), last, first}
	firstOpen := "$2"
	if len(sorted) > 1 {
		firstOpen = "CASE"
		for _, d := range sorted[:len(sorted)-1] {
			args = append(args, d)
			firstOpen += fmt.Sprintf(" WHEN e.opened_on <= $%d THEN $%[1]d", len(args))
		}
		firstOpen += " ELSE $2 END"
	}
	return sqldb.Each(ctx, tx, `SELECT e.id, COALESCE(c.contacted_on, e.opened_on), e.opened_on, e.ended_on,
			(SELECT min(v.held_on) FROM conversation v WHERE v.council_id = e.council_id AND v.episode_id = e.id AND v.held_on <= $2),
			e.team_id, e.person_id
		FROM episode e LEFT JOIN contact c ON c.council_id = e.council_id AND c.id = e.contact_id
		WHERE e.council_id = $1 AND e.opened_on <= $2 AND (e.ended_on IS NULL OR e.ended_on > $3)
			AND NOT EXISTS (SELECT 1 FROM conversation v WHERE v.council_id = e.council_id AND v.episode_id = e.id
				AND v.held_on <= `+firstOpen+`)`,
		args,
		func(rows *sql.Rows) error {
			var f Fact
			var contacted, opened, ended, conversation sqldb.Date
			if err := scanFact(rows, &f, &f.EpisodeID, &contacted, &opened, &ended, &conversation); err != nil {
				return err
			}
			for i, day := range days {
				if opened.After(day.Time) || (!ended.IsZero() && !ended.After(day.Time)) {
					continue
				}
				held := conversation
				if held.After(day.Time) {
					held = sqldb.Date{}
				}
				if frontdoor.WaitOf(contacted, held, sqldb.Date{}, day).Stage == frontdoor.ForConversation {
					f.On, f.In = day, true
					emit(i, f)
				}
			}
			return nil
		})
}

func signpostsFollowedUp(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT s.episode_id, s.follow_up_on, s.followed_up_on, NULL, s.person_id
		FROM signpost s
		WHERE s.council_id = $1 AND s.follow_up_on >= $2 AND s.follow_up_on <= $3`,
		[]any{tx.Council(), p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var done sqldb.Date
			if err := scanFact(rows, &f, &f.EpisodeID, &f.On, &done); err != nil {
				return err
			}
			f.In = !done.IsZero()
			emit(f)
			return nil
		})
}

func signpostsHelped(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT s.episode_id, s.followed_up_on, s.follow_up_result, NULL, s.person_id
		FROM signpost s
		WHERE s.council_id = $1 AND s.followed_up_on >= $2 AND s.followed_up_on <= $3`,
		[]any{tx.Council(), p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var result string
			if err := scanFact(rows, &f, &f.EpisodeID, &f.On, &result); err != nil {
				return err
			}
			if h := frontdoor.Helped(result); h != frontdoor.NotReached {
				f.In = h.Helps()
				emit(f)
			}
			return nil
		})
}

func gasTScores(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT r.episode_id, r.held_on, r.gas_t_score, NULL, r.person_id
		FROM review r
		WHERE r.council_id = $1 AND r.status = $2 AND r.held_on >= $3 AND r.held_on <= $4 AND r.gas_t_score IS NOT NULL`,
		[]any{tx.Council(), reviews.StatusCompleted, p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			if err := scanFact(rows, &f, &f.EpisodeID, &f.On, &f.Value); err != nil {
				return err
			}
			emit(f)
			return nil
		})
}

func requiredActionsOnTime(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	// A duty's due_at is the first instant it is overdue; a day's margin either side finds every one whose last day
	// in time falls in the period, which DueOn then says exactly.
	from, to := window(p)
	return sqldb.Each(ctx, tx, `SELECT COALESCE(e.id, ''), d.due_at, d.met_at, d.met_how, COALESCE(e.team_id, p.team_id), p.id
		FROM duty d JOIN person p ON p.council_id = d.council_id AND p.id = d.person_id
		LEFT JOIN episode e ON e.council_id = d.council_id AND e.id = d.episode_id
		WHERE d.council_id = $1 AND d.due_at >= $2 AND d.due_at < $3`,
		[]any{tx.Council(), from, to},
		func(rows *sql.Rows) error {
			var f Fact
			var d duties.Duty
			var met *time.Time
			if err := scanFact(rows, &f, &f.EpisodeID, &d.DueAt, &met, &d.MetHow); err != nil {
				return err
			}
			if met != nil {
				d.MetAt = *met
			}
			if d.Withdrawn() {
				return nil
			}
			f.On, f.In = d.DueOn(), d.MetInTime()
			emit(f)
			return nil
		})
}
