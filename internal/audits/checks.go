package audits

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/thread"
)

// CheckKey names a computed check: something a case file audit asks that the record can answer.
type CheckKey string

// The computed checks, in the order an audit shows them.
const (
	CheckVoice       CheckKey = "voice"
	CheckStrengths   CheckKey = "strengths"
	CheckAspirations CheckKey = "aspirations"
	CheckSMART       CheckKey = "smart"
	CheckThread      CheckKey = "thread"
	CheckLadder      CheckKey = "least_intrusive"
	CheckCapacity    CheckKey = "capacity"
	CheckAdvocacy    CheckKey = "advocacy"
	CheckMSP         CheckKey = "msp"
	CheckReviews     CheckKey = "reviews"
	CheckTimeliness  CheckKey = "timeliness"
)

// Checks lists every computed check in order.
func Checks() []CheckKey {
	return []CheckKey{CheckVoice, CheckStrengths, CheckAspirations, CheckSMART, CheckThread, CheckLadder, CheckCapacity,
		CheckAdvocacy, CheckMSP, CheckReviews, CheckTimeliness}
}

// Label is the check as a findings page names it.
func (k CheckKey) Label() string {
	switch k {
	case CheckVoice:
		return "The person’s own words"
	case CheckStrengths:
		return "Strengths of all four kinds"
	case CheckAspirations:
		return "Outcomes that serve an aspiration"
	case CheckSMART:
		return "SMART outcomes"
	case CheckThread:
		return "The golden thread intact"
	case CheckLadder:
		return "Reasons for support above information and advice"
	case CheckCapacity:
		return "Mental capacity"
	case CheckAdvocacy:
		return "Advocacy duties met"
	case CheckMSP:
		return "Making Safeguarding Personal"
	case CheckReviews:
		return "Reviews on time"
	case CheckTimeliness:
		return "Days to a first conversation and a plan"
	}
	return string(k)
}

// Result is what the record says about a check. It is never a grade: the auditor grades.
type Result string

// The results of a check.
const (
	Met           Result = "met"
	NotMet        Result = "not_met"
	NotApplicable Result = "not_applicable"
	Figures       Result = "figures" // the check gives figures to judge, not met or not
)

// Label is the result as the audit page shows it.
func (r Result) Label() string {
	switch r {
	case Met:
		return "Found in the record"
	case NotMet:
		return "Needs a look"
	case NotApplicable:
		return "Does not apply"
	}
	return "Figures"
}

// Evidence is one record a finding comes from, with its page.
type Evidence struct {
	Text string
	Href string // "" when the record has no page the auditor may open
}

// Finding is what one check found in one episode's record.
type Finding struct {
	Check    CheckKey
	Result   Result
	Summary  string
	Evidence []Evidence
}

// Record is everything the checks read of one episode, each part read by the domain that owns it.
type Record struct {
	PersonID, EpisodeID string
	Today               sqldb.Date
	Thread              thread.Data
	Voice               conversations.Voice
	Strengths           map[strengths.Kind]int // the person's strengths by kind
	Capacity            capacity.Counts
	Duties              []duties.Duty           // raised in the episode, open and met
	Personal            []safeguarding.Personal // the person's safeguarding enquiries
	NextReview          sqldb.Date              // the scheduled review; zero when none
	Ended               bool                    // the episode has ended
	Wait                frontdoor.Wait
}

// VoiceShare is the share of recorded conversation sections that must hold the person's own words for the voice
// check to be found in the record: Golden Thread's choice, half, so that a case where the practitioner wrote most
// of the conversation in their own words is put before the auditor.
const VoiceShare = 50

// Check works out every computed check of one episode's record. It is the one place each check is decided; the
// audit page, the round's findings and the API all show what it returns.
func Check(r Record) []Finding {
	view := thread.Build(r.Thread)
	out := make([]Finding, 0, len(Checks()))
	for _, k := range Checks() {
		f := Finding{Check: k}
		switch k {
		case CheckVoice:
			f = voice(r)
		case CheckStrengths:
			f = strengthsFound(r)
		case CheckAspirations:
			f = aspirations(r)
		case CheckSMART:
			f = smart(r)
		case CheckThread:
			f = threadIntact(r, view)
		case CheckLadder:
			f = ladder(r, view)
		case CheckCapacity:
			f = mentalCapacity(r)
		case CheckAdvocacy:
			f = advocacy(r)
		case CheckMSP:
			f = personal(r)
		case CheckReviews:
			f = reviewsOnTime(r)
		case CheckTimeliness:
			f = timeliness(r)
		}
		f.Check = k
		out = append(out, f)
	}
	return out
}

func voice(r Record) Finding {
	v := r.Voice
	href := paths.Episode.URL(r.PersonID, r.EpisodeID)
	if v.Sections == 0 {
		return Finding{Result: NotMet, Summary: "No conversation sections are recorded", Evidence: []Evidence{{"The episode’s conversations", href}}}
	}
	f := Finding{Result: NotMet, Summary: fmt.Sprintf("%d of %d conversation sections (%d%%) hold the person’s own words", v.InOwnWords, v.Sections, v.Percent()),
		Evidence: []Evidence{{"The episode’s conversations", href}}}
	if v.Percent() >= VoiceShare {
		f.Result = Met
	}
	return f
}

func strengthsFound(r Record) Finding {
	var have, missing []string
	for _, k := range strengths.Kinds() {
		n := r.Strengths[k]
		if n == 0 {
			missing = append(missing, strings.ToLower(k.Label()))
		}
		have = append(have, fmt.Sprintf("%s %d", k.Label(), n))
	}
	f := Finding{Result: Met, Summary: strings.Join(have, ", "), Evidence: []Evidence{{"The person’s strengths", paths.Strengths.URL(r.PersonID)}}}
	if len(missing) > 0 {
		f.Result = NotMet
		f.Summary += ". None recorded: " + strings.Join(missing, ", ")
	}
	return f
}

// openOutcomes are the episode's outcomes the thread draws (closed ones are left out, as the thread leaves them).
func openOutcomes(r Record) []thread.OutcomeRecord {
	var out []thread.OutcomeRecord
	for _, o := range r.Thread.Outcomes {
		if o.Status != outcomes.Closed {
			out = append(out, o)
		}
	}
	return out
}

func aspirations(r Record) Finding {
	os := openOutcomes(r)
	if len(os) == 0 {
		return Finding{Result: NotMet, Summary: "No outcomes are recorded", Evidence: []Evidence{{"The episode’s outcomes", paths.Outcomes.URL(r.PersonID, r.EpisodeID)}}}
	}
	f := Finding{Result: Met}
	without := 0
	for _, o := range os {
		if o.AspirationID == "" {
			without++
			f.Evidence = append(f.Evidence, Evidence{"Serves no aspiration: " + o.Different, paths.Outcome.URL(r.PersonID, r.EpisodeID, o.ID)})
		}
	}
	f.Summary = fmt.Sprintf("%d of %d outcomes serve one of the person’s aspirations", len(os)-without, len(os))
	if without > 0 {
		f.Result = NotMet
	}
	return f
}

func smart(r Record) Finding {
	os := openOutcomes(r)
	if len(os) == 0 {
		return Finding{Result: NotMet, Summary: "No outcomes are recorded", Evidence: []Evidence{{"The episode’s outcomes", paths.Outcomes.URL(r.PersonID, r.EpisodeID)}}}
	}
	f := Finding{Result: Met}
	notSMART := 0
	for _, o := range os {
		missing := o.MissingSMART()
		if len(missing) == 0 {
			continue
		}
		notSMART++
		labels := make([]string, len(missing))
		for i, e := range missing {
			labels[i] = strings.ToLower(e.Label())
		}
		f.Evidence = append(f.Evidence, Evidence{fmt.Sprintf("“%s” lacks: %s", o.Different, strings.Join(labels, ", ")), paths.Outcome.URL(r.PersonID, r.EpisodeID, o.ID)})
	}
	f.Summary = fmt.Sprintf("%d of %d outcomes are SMART", len(os)-notSMART, len(os))
	if notSMART > 0 {
		f.Result = NotMet
	}
	return f
}

func threadIntact(r Record, v thread.View) Finding {
	href := paths.Thread.URL(r.PersonID, r.EpisodeID)
	if len(v.Strands) == 0 {
		return Finding{Result: NotMet, Summary: "No outcomes are recorded, so there is no thread to follow", Evidence: []Evidence{{"The golden thread", href}}}
	}
	if len(v.Breaks) == 0 {
		return Finding{Result: Met, Summary: "No breaks in the thread", Evidence: []Evidence{{"The golden thread", href}}}
	}
	f := Finding{Result: NotMet, Summary: plural(len(v.Breaks), "break", "breaks") + " in the thread"}
	for _, b := range v.Breaks {
		f.Evidence = append(f.Evidence, Evidence{b.Message, href})
	}
	return f
}

func ladder(r Record, v thread.View) Finding {
	above := 0
	for _, s := range r.Thread.Solutions {
		if s.Rung.NeedsLowerRungReason() {
			above++
		}
	}
	if above == 0 {
		return Finding{Result: NotApplicable, Summary: "No solution above information and advice"}
	}
	f := Finding{Result: Met}
	missing := 0
	for _, b := range v.Breaks {
		if b.Kind == thread.NoRungReason {
			missing++
			f.Evidence = append(f.Evidence, Evidence{b.Message, paths.Solution.URL(r.PersonID, r.EpisodeID, b.RefID)})
		}
	}
	f.Summary = fmt.Sprintf("%d of %d solutions above information and advice say why lower rungs cannot meet the outcome", above-missing, above)
	if missing > 0 {
		f.Result = NotMet
	}
	return f
}

func mentalCapacity(r Record) Finding {
	c := r.Capacity
	href := paths.Capacity.URL(r.PersonID, r.EpisodeID)
	imca := kindsOf(r.Duties, duties.IMCA)
	if c.Assessments == 0 && len(imca) == 0 {
		return Finding{Result: NotApplicable, Summary: "No capacity assessment recorded: the auditor judges whether one was indicated",
			Evidence: []Evidence{{"Mental capacity", href}}}
	}
	f := Finding{Result: Met, Summary: fmt.Sprintf("%s, %d finding the person lacked capacity; %s",
		plural(c.Assessments, "assessment", "assessments"), c.Lacks, plural(c.BestInterests, "best-interests decision", "best-interests decisions")),
		Evidence: []Evidence{{"Mental capacity", href}}}
	if c.Lacks > 0 && c.BestInterests == 0 {
		f.Result = NotMet
	}
	for _, d := range imca {
		f.Evidence = append(f.Evidence, dutyEvidence(d, r.Today))
		if d.Open() {
			f.Result = NotMet
		}
	}
	return f
}

func advocacy(r Record) Finding {
	ds := kindsOf(r.Duties, duties.AdvocateAssessment, duties.AdvocatePlanning, duties.AdvocateReview, duties.AdvocateSafeguarding)
	if len(ds) == 0 {
		return Finding{Result: NotApplicable, Summary: "No advocacy duty was raised", Evidence: []Evidence{{"Advocacy", paths.Advocacy.URL(r.PersonID, r.EpisodeID)}}}
	}
	f := Finding{Result: Met}
	open := 0
	for _, d := range ds {
		f.Evidence = append(f.Evidence, dutyEvidence(d, r.Today))
		if d.Open() {
			open++
		}
	}
	f.Summary = fmt.Sprintf("%d of %s met", len(ds)-open, plural(len(ds), "advocacy duty", "advocacy duties"))
	if open > 0 {
		f.Result = NotMet
	}
	return f
}

func kindsOf(ds []duties.Duty, kinds ...duties.Kind) []duties.Duty {
	var out []duties.Duty
	for _, d := range ds {
		if slices.Contains(kinds, d.Kind) {
			out = append(out, d)
		}
	}
	return out
}

func dutyEvidence(d duties.Duty, today sqldb.Date) Evidence {
	text := d.Reason + ": "
	switch {
	case !d.Open():
		text += "met on " + sqldb.UKDate(d.MetAt).Format("2 January 2006")
		if d.MetNote != "" {
			text += " (" + d.MetNote + ")"
		}
	case d.Overdue(today.AddDate(0, 0, 1)):
		text += "open and overdue since " + d.When()
	default:
		text += "open, due by " + d.When()
	}
	return Evidence{Text: text, Href: d.Path}
}

func personal(r Record) Finding {
	if len(r.Personal) == 0 {
		return Finding{Result: NotApplicable, Summary: "No safeguarding enquiry about the person"}
	}
	f := Finding{Result: Met}
	met := 0
	for _, p := range r.Personal {
		asked := p.Asked
		if asked == "" {
			asked = "not yet recorded"
		}
		text := fmt.Sprintf("Enquiry from %s: asked what they wanted: %s; %s", p.StartedOn.Format("2 January 2006"), asked,
			plural(p.Outcomes, "outcome", "outcomes"))
		if p.Closed {
			text += fmt.Sprintf(", %d with whether it was achieved", p.Achieved)
		}
		f.Evidence = append(f.Evidence, Evidence{Text: text})
		if p.Met() {
			met++
		}
	}
	f.Summary = fmt.Sprintf("%d of %s followed Making Safeguarding Personal", met, plural(len(r.Personal), "enquiry", "enquiries"))
	if met < len(r.Personal) {
		f.Result = NotMet
	}
	return f
}

func reviewsOnTime(r Record) Finding {
	href := paths.Reviews.URL(r.PersonID, r.EpisodeID)
	if !r.Thread.PlanAgreed && r.NextReview.IsZero() {
		return Finding{Result: NotApplicable, Summary: "No plan agreed, so no review is due yet", Evidence: []Evidence{{"Reviews", href}}}
	}
	switch reviews.Status(r.NextReview, r.Today) {
	case reviews.NotScheduled:
		if r.Ended {
			return Finding{Result: NotApplicable, Summary: "The episode has ended", Evidence: []Evidence{{"Reviews", href}}}
		}
		return Finding{Result: NotMet, Summary: "A plan is agreed but no review is scheduled", Evidence: []Evidence{{"Reviews", href}}}
	case reviews.Overdue:
		return Finding{Result: NotMet, Summary: "The next review was due on " + r.NextReview.Format("2 January 2006") + " and is overdue",
			Evidence: []Evidence{{"Reviews", href}}}
	}
	return Finding{Result: Met, Summary: "The next review is due on " + r.NextReview.Format("2 January 2006"), Evidence: []Evidence{{"Reviews", href}}}
}

func timeliness(r Record) Finding {
	w := r.Wait
	s := plural(w.ToConversation, "day", "days") + " from contact to the first conversation"
	switch w.Stage {
	case frontdoor.ForConversation:
		s += " (no conversation yet)"
	case frontdoor.ForPlan:
		s += "; " + plural(w.ToPlan, "day", "days") + " since then without a plan agreed"
	default:
		s += "; " + plural(w.ToPlan, "day", "days") + " from then to a plan agreed"
	}
	return Finding{Result: Figures, Summary: s, Evidence: []Evidence{{"The episode", paths.Episode.URL(r.PersonID, r.EpisodeID)}}}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Sampled is an episode the checks read, with its person and whether it has ended.
type Sampled struct {
	PersonID, EpisodeID string
	Ended               bool
}

// Records reads, inside tx, the Record of several episodes at once, each part by the domain that owns it. It neither
// checks access nor logs: the audit that reads it has opened the person, or the round that samples them is the
// council's own quality assurance, which logs when an auditor opens the case.
func Records(ctx context.Context, tx *sqldb.Tx, eps []Sampled) (map[string]Record, error) {
	out := make(map[string]Record, len(eps))
	if len(eps) == 0 {
		return out, nil
	}
	ids, people := make([]string, len(eps)), make([]string, 0, len(eps))
	for i, e := range eps {
		ids[i] = e.EpisodeID
		if !slices.Contains(people, e.PersonID) {
			people = append(people, e.PersonID)
		}
	}
	today := tx.Today()
	threads, err := thread.Load(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	voices, err := conversations.VoiceOf(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	kinds, err := strengths.KindsOf(ctx, tx, people)
	if err != nil {
		return nil, err
	}
	counts, err := capacity.CountsOf(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	ds, err := duties.ForEpisodes(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	msp, err := safeguarding.PersonalOf(ctx, tx, people)
	if err != nil {
		return nil, err
	}
	waits, err := frontdoor.WaitsOf(ctx, tx, ids, today)
	if err != nil {
		return nil, err
	}
	next, err := reviews.NextDueOf(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	for _, e := range eps {
		out[e.EpisodeID] = Record{PersonID: e.PersonID, EpisodeID: e.EpisodeID, Today: today, Thread: threads[e.EpisodeID],
			Voice: voices[e.EpisodeID], Strengths: kinds[e.PersonID], Capacity: counts[e.EpisodeID], Duties: ds[e.EpisodeID],
			Personal: msp[e.PersonID], NextReview: next[e.EpisodeID], Ended: e.Ended, Wait: waits[e.EpisodeID]}
	}
	return out, nil
}
