package cld

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The ASCOF measures and the SALT-style sequels are derived here from the return's own rows (each and row), person
// by person, so that the measures and the file DHSC receives count the same events (issue 16, item 8). Derive reads
// up to four weeks after the period, because a sequel may start up to 28 days after the period's last day (the
// sequel of a request that ended on it), and every service on
// record, because a new admission is new only if no earlier one is on record (since says why the other events are
// read from shortly before the period only).

// Which measure a Finding belongs to.
const (
	FindingIndependence  = "2A"               // ASCOF 2A: an ST-Max spell of a new client, classified; In when no ongoing support followed
	FindingShortTermNext = "2A-sequel"        // what followed an ST-Max spell of a new client, every one, in Group
	FindingRequestNext   = "request-sequel"   // what followed a new client's request (SALT STS001), in Group
	FindingConversion    = "st-to-lt"         // an ST-Max spell that ended; In when long-term support followed
	FindingAdmission1864 = "2B"               // a first admission to residential or nursing care, aged 18 to 64
	FindingAdmission65   = "2C"               // the same, aged 65 or over
	FindingSettled       = "2E"               // a person in long-term support; In when their accommodation is settled
	FindingSelfDirected  = "3D-self-direct"   // a person in long-term community support; In with self-directed support
	FindingDirectPayment = "3D-direct-pay"    // the same person; In with a direct payment
	FindingAtHome91      = "still-at-home-91" // a person 65+ discharged from hospital into reablement; In when at home 91 days on
)

// Finding is one thing a measure counts, as the return's events show it: one person's spell, admission or place
// in support, the event it rests on (Ref, an Event_Reference of the return), the day it counts on, whether it meets
// the measure, and the measure's own category.
type Finding struct {
	Measure   string
	PersonID  string
	EpisodeID string
	Ref       string
	On        sqldb.Date
	In        bool
	Group     string
}

// The windows of the sequel rules (standards.md §1.7 and §2.2 2A), in days or months.
const (
	stMaxSequelDays   = 7  // an ST-Max spell's sequel starts within 7 days of its end
	requestSequelDays = 28 // a request's sequel starts within 28 days of its end
	requestStMaxDays  = 3  // ... but an ST-Max only within 3 days
	clusterDays       = 3  // ST-Max services within 3 days of each other are one spell
	newClientMonths   = 3  // a new client had no long-term support in the 3 months before the spell
	atHomeDays        = 91 // the local still-at-home measure looks 91 days after discharge
	dischargeMonths   = 3  // ... for discharges in the 3 months ending 91 days before the period's end
)

// The categories of what followed (standards.md §1.7 STS001 and STS002a, with the Release 2 outcomes of §1.4).
const (
	NextStMax             = "Short-term support to maximise independence"
	NextNursing           = "Long-term support: nursing care"
	NextResidential       = "Long-term support: residential care"
	NextCommunity         = "Long-term support: community"
	NextPrison            = "Long-term support: prison"
	NextLongTerm          = "Long-term support"
	NextShortTermCare     = "Short-term residential or nursing care"
	NextLowLevel          = "Ongoing low level support"
	NextOtherShortTerm    = "Short-term support (other)"
	NextSignposted        = "Universal services or signposted"
	NextEndedAsPlanned    = "Support ended as planned"
	NextNoServicesOther   = "No services: other reason"
	NextNHS               = "NHS-funded care"
	NextDeceased          = "Deceased"
	NextHospital          = "Admitted to hospital"
	NextDeclined          = "Support declined"
	NextSelfFunding       = "Self-funding"
	NextUnableToClassify  = "Unable to classify"
	dischargeFromHospital = "Discharge from Hospital"
)

// The settings of long-term support an admission is to (2B and 2C).
const (
	SettingResidential = "Residential care"
	SettingNursing     = "Nursing care"
)

// event is one row of the return as the derivations read it.
type event struct {
	Type, Ref, EpisodeID, Outcome           string
	Start, End                              sqldb.Date
	ServiceType, Component, Delivery, Route string
}

// history is one person's events, from the return's rows.
type history struct {
	ID            string
	Born          sqldb.Date
	Accommodation string
	Events        []event
}

// Derive hands emit the findings of every measure derived from the return, for the period from to to (both
// included), inside the council's wall. It reads the return's own rows (each and row): the events the file DHSC
// receives holds, never the record read a second way.
func Derive(ctx context.Context, tx *sqldb.Tx, from, to sqldb.Date, emit func(Finding)) error {
	return DeriveEach(ctx, tx, []Span{{from, to}}, func(_ int, f Finding) { emit(f) })
}

// Span is a period of days, From to To inclusive, that findings are derived for.
type Span struct{ From, To sqldb.Date }

// beginning is a day before anything on record, from which Derive reads every service.
var beginning = sqldb.NewDate(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC))

// since is the first day an event other than a service or a request must end on for the findings of sp to rest on
// it, and the first day a request's episode must have ended on. The rules that look back without limit (a first
// admission, the new-client rules, an ST-Max spell's first service) look back at services only, which Derive reads
// from the beginning of the record. The others look forward from an end in the period (what followed), or back to
// the request that opened the episode of an ST-Max spell begun up to atHomeDays and dischargeMonths before the
// period's last day (still at home), an episode that had not ended before the spell began.
func since(sp Span) sqldb.Date {
	discharges := sqldb.NewDate(sp.To.AddDate(0, -dischargeMonths, -atHomeDays))
	if discharges.Before(sp.From.Time) {
		return discharges
	}
	return sp.From
}

// DeriveEach is Derive for several periods at once, such as the months of a series, reading the return's rows
// once: for each period, each person's findings are derived from the rows Derive would have read for that period
// alone (those of a read ending four weeks after it), so that each period's findings are exactly Derive's. emit is
// given the index of the period a finding is for.
func DeriveEach(ctx context.Context, tx *sqldb.Tx, spans []Span, emit func(int, Finding)) error {
	if len(spans) == 0 {
		return nil
	}
	reads := make([]Period, len(spans))
	for i, sp := range spans {
		reads[i] = Period{Start: since(sp), End: sqldb.NewDate(sp.To.AddDate(0, 0, requestSequelDays)), lookback: beginning}
	}
	read := reads[0]
	for _, r := range reads[1:] {
		if r.Start.Before(read.Start.Time) {
			read.Start = r.Start
		}
		if r.End.After(read.End.Time) {
			read.End = r.End
		}
	}
	last := sqldb.NewDate(read.End.AddDate(0, 0, -requestSequelDays))
	read.Quarter = "the measures for " + spans[0].From.String() + " to " + last.String()
	var h history
	derive := func() {
		all := h.Events
		for i, sp := range spans {
			h.Events = h.Events[:0:0]
			for _, e := range all {
				if reads[i].keeps(e.Type, e.Start, e.End) {
					h.Events = append(h.Events, e)
				}
			}
			h.derive(sp.From, sp.To, func(f Finding) { emit(i, f) })
		}
		h.Events = all
	}
	err := each(ctx, tx, read, func(r Row) error {
		if r.LAPersonUniqueIdentifier != h.ID {
			derive()
			born, _ := sqldb.ParseDate(r.DateOfBirth)
			h = history{ID: r.LAPersonUniqueIdentifier, Born: born, Accommodation: r.AccommodationStatus}
		}
		start, _ := sqldb.ParseDate(r.EventStartDate)
		end, _ := sqldb.ParseDate(r.EventEndDate)
		h.Events = append(h.Events, event{Type: r.EventType, Ref: r.EventReference, EpisodeID: r.EpisodeID,
			Outcome: r.EventOutcome, Start: start, End: end, ServiceType: r.ServiceType, Component: r.ServiceComponent,
			Delivery: r.DeliveryMechanism, Route: r.RequestRouteOfAccess})
		return nil
	})
	if err != nil {
		return err
	}
	derive()
	return nil
}

// derive hands emit each of the person's findings for the period.
func (h history) derive(from, to sqldb.Date, emit func(Finding)) {
	if h.ID == "" {
		return
	}
	slices.SortStableFunc(h.Events, func(a, b event) int { return a.Start.Compare(b.Start.Time) })
	in := func(d sqldb.Date) bool { return !d.IsZero() && !d.Before(from.Time) && !d.After(to.Time) }
	found := func(measure string, e event, on sqldb.Date, ok bool, group string) {
		emit(Finding{Measure: measure, PersonID: h.ID, EpisodeID: e.EpisodeID, Ref: e.Ref, On: on, In: ok, Group: group})
	}
	for _, s := range h.spells() {
		if !in(s.End) {
			continue
		}
		next := h.next(s.last, s.End, stMaxSequelDays, stMaxSequelDays, s.refs)
		found(FindingConversion, s.last, s.End, isLongTerm(next), next)
		if !h.newClient(s.Start) || (h.age(s.End) >= 0 && h.age(s.End) < 18) {
			continue
		}
		group := independenceGroup(next)
		found(FindingShortTermNext, s.last, s.End, false, group)
		if counted, ok := independent(group); counted {
			found(FindingIndependence, s.last, s.End, ok, group)
		}
	}
	for _, e := range h.Events {
		if e.Type == Request && in(e.End) && !h.inLongTerm(e.Start) {
			found(FindingRequestNext, e, e.End, false, h.next(e, e.End, requestSequelDays, requestStMaxDays, []string{e.Ref}))
		}
	}
	h.admissions(in, found)
	h.snapshot(to, found)
	h.stillAtHome(to, found)
}

// spell is one or more ST-Max services, each starting within clusterDays of the last one's end: one spell of
// short-term support to maximise independence (standards.md §2.2 2A, "Episodes are clustered").
type spell struct {
	Start, End sqldb.Date
	first      event
	last       event
	refs       []string
}

// spells are the person's ST-Max spells that have ended, in order. An open ST-Max service ends no spell.
func (h history) spells() []spell {
	var out []spell
	for _, e := range h.Events {
		if e.Type != Service || e.ServiceType != codelists.ServiceTypeSTMax {
			continue
		}
		if n := len(out); n > 0 && !out[n-1].End.IsZero() && !e.Start.After(out[n-1].End.AddDate(0, 0, clusterDays)) {
			s := &out[n-1]
			s.refs = append(s.refs, e.Ref)
			if e.End.IsZero() || e.End.After(s.End.Time) {
				s.End, s.last = e.End, e
			}
			continue
		}
		out = append(out, spell{Start: e.Start, End: e.End, first: e, last: e, refs: []string{e.Ref}})
	}
	return slices.DeleteFunc(out, func(s spell) bool { return s.End.IsZero() })
}

// next is what followed an event that ended on end (standards.md §1.7 "How the sequel is derived"): the highest
// ranked service starting within days of the end (an ST-Max service only within stMaxDays); failing that, the
// "no further action" outcome of another event starting then; failing that, the event's own outcome. skip are
// the references of the event itself (a spell's services).
func (h history) next(self event, end sqldb.Date, days, stMaxDays int, skip []string) string {
	best, bestRank := "", len(serviceRanks)
	nfa := ""
	for _, e := range h.Events {
		if slices.Contains(skip, e.Ref) || e.Start.Before(end.Time) || e.Start.After(end.AddDate(0, 0, days)) {
			continue
		}
		if e.Type != Service {
			if nfa == "" && strings.HasPrefix(e.Outcome, "NFA") {
				nfa = e.Outcome
			}
			continue
		}
		group, rank := serviceNext(e)
		if rank < 0 || (group == NextStMax && e.Start.After(end.AddDate(0, 0, stMaxDays))) {
			continue
		}
		if rank < bestRank {
			best, bestRank = group, rank
		}
	}
	switch {
	case best != "":
		return best
	case nfa != "":
		return outcomeNext(nfa)
	}
	return outcomeNext(self.Outcome)
}

// serviceRanks are the services a sequel may be, highest ranked first (standards.md §1.7: ST-Max > long-term
// nursing > residential > community > prison > ongoing low level > other short term).
var serviceRanks = []string{NextStMax, NextNursing, NextResidential, NextCommunity, NextPrison, NextLowLevel,
	NextShortTermCare, NextOtherShortTerm}

// serviceSequels are the sequel each service type is; a short-term "other" service in a care home is
// NextShortTermCare instead (serviceNext). Unpaid carer support is no sequel.
var serviceSequels = map[string]string{
	codelists.ServiceTypeSTMax: NextStMax, codelists.ServiceTypeNursing: NextNursing,
	codelists.ServiceTypeResidential: NextResidential, codelists.ServiceTypeCommunity: NextCommunity,
	codelists.ServiceTypePrison: NextPrison, codelists.ServiceTypeLowLevel: NextLowLevel,
	codelists.ServiceTypeOtherShortTerm: NextOtherShortTerm,
}

// serviceNext is the sequel a service is, with its rank; -1 for a service that is no sequel (unpaid carer support).
func serviceNext(e event) (string, int) {
	group := serviceSequels[e.ServiceType]
	if group == NextOtherShortTerm && shortTermCare(e) {
		group = NextShortTermCare
	}
	return group, slices.Index(serviceRanks, group)
}

// shortTermCare reports whether a short-term service is a stay in a residential or nursing home.
func shortTermCare(e event) bool {
	return e.Component == "Short term residential care" || e.Component == "Short term nursing care"
}

// outcomeNext is the sequel an event outcome is (standards.md §1.4 "Event outcome (R2)", grouped as STS001 and
// 2A group them). Any outcome after which the work goes on (progress to assessment, planning or reablement,
// continuation of support) says nothing of what followed: it is unable to classify.
func outcomeNext(outcome string) string {
	switch outcome {
	case codelists.EventOutcomeInformationAdvice:
		return NextSignposted
	case codelists.EventOutcomeSupportEnded:
		return NextEndedAsPlanned
	case codelists.EventOutcomeMovedLA, codelists.EventOutcomeOtherCouncilService, codelists.EventOutcomeEndedOther,
		codelists.EventOutcomeNoServices, codelists.EventOutcomeOther:
		return NextNoServicesOther
	case codelists.EventOutcomeNHS:
		return NextNHS
	case codelists.EventOutcomeDeceased:
		return NextDeceased
	case codelists.EventOutcomeHospital:
		return NextHospital
	case codelists.EventOutcomeSupportDeclined:
		return NextDeclined
	case codelists.EventOutcomeSelfFunded:
		return NextSelfFunding
	}
	return NextUnableToClassify
}

// excludedFrom2A is how 2A's group names a sequel it excludes (standards.md §2.2 2A "Excluded").
const excludedFrom2A = " (excluded from 2A)"

// independenceGroup is an ST-Max spell's sequel as 2A groups it: long-term support in any setting is one group; a
// further ST-Max spell is the work going on, unable to classify; and the sequels 2A excludes say so.
func independenceGroup(next string) string {
	switch next {
	case NextStMax:
		return NextUnableToClassify
	case NextNHS, NextDeceased, NextHospital, NextDeclined, NextSelfFunding:
		return next + excludedFrom2A
	}
	if isLongTerm(next) {
		return NextLongTerm
	}
	return next
}

// isLongTerm reports whether a sequel is long-term support in any setting.
func isLongTerm(next string) bool {
	return next == NextLongTerm || strings.HasPrefix(next, "Long-term support: ")
}

// independent says whether a 2A group is counted in the measure at all, and whether it meets it: long-term support
// and short-term residential or nursing care are counted and do not; the exclusions and the unclassifiable are not
// counted (standards.md §2.2 2A).
func independent(group string) (counted, ok bool) {
	switch group {
	case NextLongTerm, NextShortTermCare:
		return true, false
	case NextUnableToClassify:
		return false, false
	}
	if strings.HasSuffix(group, excludedFrom2A) {
		return false, false
	}
	return true, true
}

// isLongTermService reports whether e is a long-term service.
func isLongTermService(e event) bool {
	return e.Type == Service && strings.HasPrefix(e.ServiceType, "Long term support: ")
}

// openOn reports whether a service was open on day.
func openOn(e event, day time.Time) bool {
	return !e.Start.After(day) && (e.End.IsZero() || !e.End.Before(day))
}

// inLongTerm reports whether the person had a long-term service open on day: the STS001 new-client rule, "no
// long-term service open when the request started".
func (h history) inLongTerm(day sqldb.Date) bool {
	return slices.ContainsFunc(h.Events, func(e event) bool { return isLongTermService(e) && openOn(e, day.Time) })
}

// newClient reports whether the person had no long-term service open at any time in the newClientMonths before a
// spell that started on start (standards.md §2.2 2A).
func (h history) newClient(start sqldb.Date) bool {
	since := start.AddDate(0, -newClientMonths, 0)
	return !slices.ContainsFunc(h.Events, func(e event) bool {
		return isLongTermService(e) && e.Start.Before(start.Time) && (e.End.IsZero() || !e.End.Before(since))
	})
}

// age is the person's age in whole years on day, or -1 when their date of birth is not recorded.
func (h history) age(day sqldb.Date) int {
	if h.Born.IsZero() {
		return -1
	}
	return people.Age(h.Born.Time, day.Time)
}

// careHome reports whether a service is long-term residential or nursing care, and which.
func careHome(e event) (string, bool) {
	switch e.ServiceType {
	case codelists.ServiceTypeResidential:
		return SettingResidential, e.Type == Service
	case codelists.ServiceTypeNursing:
		return SettingNursing, e.Type == Service
	}
	return "", false
}

// admissions finds the person's first admission to long-term residential or nursing care on record, when it
// started in the period: 2B when they were 18 to 64 on the day it started, 2C when 65 or over (standards.md §2.2).
func (h history) admissions(in func(sqldb.Date) bool, found func(string, event, sqldb.Date, bool, string)) {
	for _, e := range h.Events { // in order of start: the first is the earliest on record
		setting, ok := careHome(e)
		if !ok {
			continue
		}
		if in(e.Start) {
			switch age := h.age(e.Start); {
			case age >= 65:
				found(FindingAdmission65, e, e.Start, true, setting)
			case age >= 18:
				found(FindingAdmission1864, e, e.Start, true, setting)
			}
		}
		return
	}
}

// snapshot finds the person's place in long-term support on the period's last day: in community, residential or
// nursing support, whether they live in settled accommodation (2E); and when their highest setting is community
// support (nursing > residential > community), whether it is self-directed and whether by direct payment (3D).
func (h history) snapshot(to sqldb.Date, found func(string, event, sqldb.Date, bool, string)) {
	var top, community event
	topRank, selfDirected, direct := 0, false, false
	for _, e := range h.Events {
		if !isLongTermService(e) || !openOn(e, to.Time) {
			continue
		}
		rank := map[string]int{codelists.ServiceTypeCommunity: 1, codelists.ServiceTypeResidential: 2,
			codelists.ServiceTypeNursing: 3}[e.ServiceType]
		if rank > topRank {
			top, topRank = e, rank
		}
		if rank == 1 {
			community = e
			dp := e.Delivery == codelists.DeliveryDirectPayment || e.Component == "Direct payment"
			direct = direct || dp
			selfDirected = selfDirected || dp || e.Delivery == codelists.DeliveryManagedBudget
		}
	}
	if topRank == 0 {
		return
	}
	found(FindingSettled, top, to, codelists.AccommodationSettled(h.Accommodation), "")
	if topRank == 1 {
		found(FindingSelfDirected, community, to, selfDirected, "")
		found(FindingDirectPayment, community, to, direct, "")
	}
}

// stillAtHome finds the local measure modelled on the former ASCOF 2D (SALT STS004): of the person's ST-Max spells
// that began in the dischargeMonths ending atHomeDays before the period's last day, after a request whose route of
// access was a discharge from hospital, while they were 65 or over, whether 91 days after it began they were
// neither in a residential or nursing home nor dead, as far as the record shows. It counts on the period's last day.
func (h history) stillAtHome(to sqldb.Date, found func(string, event, sqldb.Date, bool, string)) {
	last := to.AddDate(0, 0, -atHomeDays)
	first := last.AddDate(0, -dischargeMonths, 1)
	for _, s := range h.spells() {
		if s.Start.Before(first) || s.Start.After(last) || h.age(s.Start) < 65 || !h.fromHospital(s.first.EpisodeID) {
			continue
		}
		day := s.Start.AddDate(0, 0, atHomeDays)
		away := slices.ContainsFunc(h.Events, func(e event) bool {
			_, home := careHome(e)
			home = home || (e.Type == Service && shortTermCare(e))
			dead := e.Outcome == codelists.EventOutcomeDeceased && !e.End.IsZero() && !e.End.After(day)
			return dead || (home && openOn(e, day))
		})
		found(FindingAtHome91, s.first, to, !away, "")
	}
}

// fromHospital reports whether the episode began with a request whose route of access was a discharge from
// hospital.
func (h history) fromHospital(episodeID string) bool {
	return slices.ContainsFunc(h.Events, func(e event) bool {
		return e.Type == Request && e.EpisodeID == episodeID && e.Route == dischargeFromHospital
	})
}
