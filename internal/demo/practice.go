package demo

import (
	"math"
	"math/rand/v2"
	"time"
)

// The demo council's story over its five years, so that the IQAM page has something to tell: demand rises until the
// council adopts strengths-based practice (adoptionOf), and from then on, as the practice beds in over eighteen
// months (maturity), reviews are held on time more often, more contacts are resolved at the first contact, more
// solutions come from the lower rungs of the ladder, the wait for a first conversation falls, outcomes are reached a
// little more often, and fewer people go on to long-term support, with smaller packages, so that the weekly spend on
// council-funded support grows more slowly. Every figure the page shows is still computed from the records this
// writes; nothing here is a figure.

// adoptionOf is the day the demo council adopted strengths-based practice: the latest 1 April at least two years
// before today, so that the history holds two to three years either side of it.
func adoptionOf(today time.Time) time.Time {
	a := time.Date(today.Year()-2, time.April, 1, 0, 0, 0, 0, time.UTC)
	if a.After(today.AddDate(-2, 0, 0)) {
		a = a.AddDate(-1, 0, 0)
	}
	return a
}

// historyStart is the first day of the history: the first day of the quarter five years before today's, so that
// the five years to the last quarter's end are whole.
func historyStart(today time.Time) time.Time {
	q := time.Date(today.Year(), time.Month(3*((int(today.Month())-1)/3)+1), 1, 0, 0, 0, 0, time.UTC)
	return q.AddDate(-5, 0, 0)
}

// bedInDays is how long the new practice takes to bed in after its adoption.
const bedInDays = 548

// maturity is how far strengths-based practice had bedded in on the day: 0 before its adoption, rising evenly to 1
// over the eighteen months after.
func (h *historian) maturity(on time.Time) float64 {
	if on.Before(h.adopted) {
		return 0
	}
	return min(1, on.Sub(h.adopted).Hours()/24/bedInDays)
}

// pressure is how far demand had risen before the adoption: 0 at the start of the history, 1 on the day of
// adoption, and falling back as the practice beds in.
func (h *historian) pressure(on time.Time) float64 {
	if on.Before(h.adopted) {
		return max(0, on.Sub(h.start).Hours()/h.adopted.Sub(h.start).Hours())
	}
	return 1 - h.maturity(on)
}

// lerp is a moved m of the way from a to b.
func lerp(a, b, m float64) float64 { return a + (b-a)*m }

// chance is true with probability p.
func chance(rng *rand.Rand, p float64) bool { return rng.Float64() < p }

// closedJourney picks how an earlier episode opened on a day of maturity m went: more resolved at the front door
// as the practice beds in, fewer on to services. Long-term support that ended is placed on its own (person), and
// a death can only be last.
func closedJourney(rng *rand.Rand, m float64) journey {
	ws := []struct {
		j journey
		w float64
	}{
		{advice, lerp(32, 50, m)}, {referred, 8}, {notEligible, lerp(14, 11, m)}, {reablement, lerp(26, 18, m)}, {stopped, 7},
	}
	total := 0.0
	for _, w := range ws {
		total += w.w
	}
	n := rng.Float64() * total
	for _, w := range ws {
		if n < w.w {
			return w.j
		}
		n -= w.w
	}
	return stopped
}

// firstWait is how many days after the contact the first conversation is held for a journey begun on the day: the
// front door answers many at once and rings the rest back (more at once, and sooner, under the new practice); a
// hospital discharge is seen within days; anyone else waits for a conversation, longer as demand rose, far less
// once the practice has bedded in.
func (h *historian) firstWait(rng *rand.Rand, j journey, on time.Time) int {
	m, pr := h.maturity(on), h.pressure(on)
	switch j {
	case advice, referred, stopped, atFrontDoor:
		if chance(rng, lerp(0.4, 0.6, m)) {
			return 0
		}
		return 1 + rng.IntN(int(lerp(8, 3, m)))
	case reablement, inReablement:
		return rng.IntN(int(lerp(4, 2, m)))
	}
	median := lerp(22, 34, pr)
	if m > 0 {
		median = lerp(34, 9, m)
	}
	return int(median * (0.35 + 1.3*rng.Float64()))
}

// maxFirstWait is the longest firstWait gives, for fitting a journey before a limit.
const maxFirstWait = 56

// reviewHeld is when a review due on the day is held: on time (up to a fortnight early) about half the time
// before the new practice, and far more often once it has bedded in; otherwise late, by weeks or, before, months.
func (h *historian) reviewHeld(rng *rand.Rand, due time.Time) time.Time {
	m := h.maturity(due)
	onTime := lerp(0.52-0.12*h.pressure(due), 0.82, m)
	if chance(rng, onTime) {
		return day(due, -rng.IntN(15))
	}
	return day(due, 1+rng.IntN(int(lerp(maxReviewLate, 25, m))))
}

// maxReviewLate is the latest reviewHeld holds a review after it fell due.
const maxReviewLate = 75

// weightedLevel is how an outcome went at a review on a day of maturity m: most as expected, some better, some
// worse, a little better as the practice beds in.
func weightedLevel(rng *rand.Rand, m float64) int {
	ws := [5]float64{lerp(6, 4, m), lerp(23, 16, m), lerp(46, 48, m), lerp(19, 24, m), lerp(6, 8, m)}
	n := rng.Float64() * 100
	for i, w := range ws {
		if n < w {
			return i - 2
		}
		n -= w
	}
	return 2
}

// Long-term support begins at a rate that rises slowly as the population ages, and falls by a third as the new
// practice beds in; it lasts longTermYears on average (at least four months), ending when the person dies or moves
// away. The people in long-term support today and those whose support has ended are drawn from that one process, so
// that the support in place on any day of the history comes out of it, not out of where the history begins.
const longTermYears = 4.0

// longTermRate is the rate at which long-term support began on the day, relative to its highest.
func (h *historian) longTermRate(on time.Time) float64 {
	years := on.Sub(h.start).Hours() / 24 / 365.25
	return (1 + 0.06*years) * (1 - 0.35*h.maturity(on)) / 1.35
}

// lastedDays is how long a spell of long-term support lasts: at most fifteen years.
func lastedDays(rng *rand.Rand) int {
	return min(15*365, 120+int(rng.ExpFloat64()*(longTermYears*365.25-120)))
}

// ongoingSince is the day the long-term support of someone still in it today began: up to fifteen years ago, never
// before they turned 18 (adult), and more likely recently, as fewer of those who began long ago are still in it.
func (h *historian) ongoingSince(rng *rand.Rand, adult time.Time) time.Time {
	lo, hi := later(day(h.today, -15*365), adult), day(h.today, -120)
	span := max(1, int(hi.Sub(lo).Hours()/24))
	for {
		d := day(lo, rng.IntN(span))
		held := (h.today.Sub(d).Hours()/24 - 120) / 365.25
		if chance(rng, h.longTermRate(d)*math.Exp(-held/longTermYears)) {
			return d
		}
	}
}

// endedSpell is a spell of long-term support that ended during the history, at least 40 days before today: the
// day its episode opened and the day the support ended, or ok false when none fits after the person turned 18.
func (h *historian) endedSpell(rng *rand.Rand, adult time.Time) (opened, ended time.Time, ok bool) {
	span := int(day(h.today, -40).Sub(h.start).Hours() / 24)
	for range 40 {
		ended = day(h.start, rng.IntN(span))
		opened = day(ended, -lastedDays(rng)-60)
		if opened.Before(adult) {
			continue
		}
		if chance(rng, h.longTermRate(opened)) {
			return opened, ended, true
		}
	}
	return time.Time{}, time.Time{}, false
}

// uprated is a price set at the start of the history as it stood on the day: five per cent a year more, never less
// than at the start.
func (h *historian) uprated(pence int64, on time.Time) int64 {
	years := max(0, on.Sub(h.start).Hours()/24/365.25)
	return int64(float64(pence)*(1+0.05*years) + 0.5)
}
