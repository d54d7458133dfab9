package practicestudy_test

import (
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func TestStateComesFromTheDatesAndTheAgreedCase(t *testing.T) {
	t.Parallel()
	from, to := dbtest.Date("2026-03-01"), dbtest.Date("2026-03-31")
	for _, c := range []struct {
		today  string
		agreed bool
		want   practicestudy.State
	}{
		{"2026-02-28", false, practicestudy.Planned},
		{"2026-03-01", false, practicestudy.Running},
		{"2026-03-31", false, practicestudy.Running},
		{"2026-04-01", false, practicestudy.Analysing},
		{"2026-04-01", true, practicestudy.Concluded},
		{"2026-03-15", true, practicestudy.Concluded}, // agreed early: concluded all the same
		{"2026-02-01", true, practicestudy.Concluded},
	} {
		if got := practicestudy.StateOn(from, to, dbtest.Date(c.today), c.agreed); got != c.want {
			t.Errorf("on %s, agreed %v: %s, want %s", c.today, c.agreed, got, c.want)
		}
	}
}

func fields(ps validation.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	slices.Sort(out)
	return out
}

func TestADayAddsUpToNoMoreThanTwentyFourHours(t *testing.T) {
	t.Parallel()
	study := practicestudy.Study{From: dbtest.Date("2026-03-01"), To: dbtest.Date("2026-03-31")}
	today := dbtest.Date("2026-03-20")
	day := dbtest.Date("2026-03-10")
	e := func(k practicestudy.Activity, m int) practicestudy.Entry {
		return practicestudy.Entry{Kind: k, Minutes: m}
	}
	for _, c := range []struct {
		name    string
		day     sqldb.Date
		entries []practicestudy.Entry
		want    []string
	}{
		{"an ordinary day", day, []practicestudy.Entry{e(practicestudy.WithPeople, 180), e(practicestudy.Travel, 60), e(practicestudy.Recording, 120)}, nil},
		{"exactly 24 hours", day, []practicestudy.Entry{e(practicestudy.WithPeople, 1000), e(practicestudy.Other, 440)}, nil},
		{"a minute over 24 hours", day, []practicestudy.Entry{e(practicestudy.WithPeople, 1000), e(practicestudy.Other, 441)}, []string{"total"}},
		{"a negative minute", day, []practicestudy.Entry{e(practicestudy.WithPeople, 60), e(practicestudy.Travel, -1)}, []string{"activity_2_minutes"}},
		{"no minutes", day, []practicestudy.Entry{e(practicestudy.Meetings, 0)}, []string{"activity_1_minutes"}},
		{"one activity over a day", day, []practicestudy.Entry{e(practicestudy.Meetings, 1441)}, []string{"activity_1_minutes", "total"}},
		{"no kind", day, []practicestudy.Entry{{Minutes: 30}}, []string{"activity_1_kind"}},
		{"a kind not in the list", day, []practicestudy.Entry{e("napping", 30)}, []string{"activity_1_kind"}},
		{"nothing recorded", day, nil, []string{"activity_1_minutes"}},
		{"before the study", dbtest.Date("2026-02-28"), []practicestudy.Entry{e(practicestudy.Travel, 30)}, []string{"day"}},
		{"after the study", dbtest.Date("2026-04-01"), []practicestudy.Entry{e(practicestudy.Travel, 30)}, []string{"day"}},
		{"in the future", dbtest.Date("2026-03-21"), []practicestudy.Entry{e(practicestudy.Travel, 30)}, []string{"day"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := practicestudy.Day{Day: c.day, Entries: c.entries}
			if got := fields(d.Validate(study, today)); !slices.Equal(got, c.want) {
				t.Errorf("problems on %v, want %v", got, c.want)
			}
		})
	}
}

func TestSharesOfATeamsTime(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name        string
		minutes     map[practicestudy.Activity]int
		diarists    int
		withPeople  int
		travel      int
		enoughToSay bool
	}{
		{"a third with people", map[practicestudy.Activity]int{practicestudy.WithPeople: 100, practicestudy.Travel: 100, practicestudy.Recording: 100}, 3, 33, 33, true},
		{"halves round up", map[practicestudy.Activity]int{practicestudy.WithPeople: 1, practicestudy.Travel: 199}, 4, 1, 100, true},
		{"two thirds", map[practicestudy.Activity]int{practicestudy.WithPeople: 200, practicestudy.Travel: 100}, 5, 67, 33, true},
		{"nothing recorded", map[practicestudy.Activity]int{}, 0, 0, 0, false},
		{"too few diarists to show", map[practicestudy.Activity]int{practicestudy.WithPeople: 60}, 2, 100, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			tt := practicestudy.TeamTime{Minutes: c.minutes, Diarists: c.diarists}
			shares, ok := tt.Shares()
			if ok != c.enoughToSay {
				t.Errorf("shown %v, want %v", ok, c.enoughToSay)
			}
			if got := tt.WithPeoplePercent(); got != c.withPeople {
				t.Errorf("with people %d%%, want %d%%", got, c.withPeople)
			}
			if len(shares) != len(practicestudy.Activities()) || shares[0].Kind != practicestudy.WithPeople {
				t.Fatalf("shares %v", shares)
			}
			if shares[1].Percent != c.travel {
				t.Errorf("travel %d%%, want %d%%", shares[1].Percent, c.travel)
			}
		})
	}
	all := practicestudy.Combined([]practicestudy.TeamTime{
		{Minutes: map[practicestudy.Activity]int{practicestudy.WithPeople: 60}, Days: 2, Diarists: 1},
		{Minutes: map[practicestudy.Activity]int{practicestudy.WithPeople: 30, practicestudy.Travel: 30}, Days: 3, Diarists: 2},
	})
	if all.Total() != 120 || all.Days != 5 || all.Diarists != 3 || all.WithPeoplePercent() != 75 {
		t.Errorf("combined %+v", all)
	}
}

func TestDuration(t *testing.T) {
	t.Parallel()
	for m, want := range map[int]string{0: "0 minutes", 1: "1 minute", 45: "45 minutes", 60: "1 hour", 61: "1 hour 1 minute", 450: "7 hours 30 minutes", 1440: "24 hours"} {
		if got := practicestudy.Duration(m); got != want {
			t.Errorf("%d minutes: %q, want %q", m, got, want)
		}
	}
}

func TestEngagementNeedsConsent(t *testing.T) {
	t.Parallel()
	today := dbtest.Date("2026-03-20")
	ok := practicestudy.Engagement{HeldOn: today, Method: practicestudy.Interview, Who: "A carer", ConsentHow: "Signed consent form",
		ConsentOn: today, Quotes: "“I had to tell my story three times.”"}
	for _, c := range []struct {
		name   string
		change func(*practicestudy.Engagement)
		want   []string
	}{
		{"with consent", func(*practicestudy.Engagement) {}, nil},
		{"without how consent was given", func(e *practicestudy.Engagement) { e.ConsentHow = " " }, []string{"consent_how"}},
		{"without when", func(e *practicestudy.Engagement) { e.ConsentOn = sqldb.Date{} }, []string{"consent_on"}},
		{"consent in the future", func(e *practicestudy.Engagement) { e.ConsentOn = dbtest.Date("2026-03-21") }, []string{"consent_on"}},
		{"no method, no words", func(e *practicestudy.Engagement) { e.Method, e.Quotes = "", "" }, []string{"method", "quotes"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := ok
			c.change(&e)
			if got := fields(e.Validate(today)); !slices.Equal(got, c.want) {
				t.Errorf("problems on %v, want %v", got, c.want)
			}
		})
	}
}

func TestThemesAreCountedAcrossEngagements(t *testing.T) {
	t.Parallel()
	got := practicestudy.CountThemes([]practicestudy.Engagement{
		{Themes: practicestudy.ParseThemes("Telling my story again, waiting")},
		{Themes: practicestudy.ParseThemes("telling my story again\nBeing listened to\nWaiting; waiting")},
		{Themes: practicestudy.ParseThemes("being listened to")},
		{Themes: practicestudy.ParseThemes("Waiting")},
	})
	want := []practicestudy.ThemeCount{{"waiting", 3}, {"Being listened to", 2}, {"Telling my story again", 2}}
	want[0].Theme = "waiting" // the first spelling met is kept
	if !slices.Equal(got, want) {
		t.Errorf("themes %v, want %v", got, want)
	}
}

func TestCaseForChangeNeedsARecommendationToBeAgreed(t *testing.T) {
	t.Parallel()
	finding := practicestudy.Point{Heading: practicestudy.Technology, Kind: practicestudy.Finding, Text: "Recording takes a fifth of the day"}
	rec := practicestudy.Point{Heading: practicestudy.Technology, Kind: practicestudy.Recommendation, Text: "Record on phones", Evidence: practicestudy.EvidenceDiary}
	for _, c := range []struct {
		name   string
		points []practicestudy.Point
		agree  bool
		want   []string
	}{
		{"a draft of findings", []practicestudy.Point{finding}, false, nil},
		{"agreed with a recommendation", []practicestudy.Point{finding, rec}, true, nil},
		{"agreed with findings alone", []practicestudy.Point{finding}, true, []string{"summary"}},
		{"evidence for nothing", []practicestudy.Point{{Heading: practicestudy.Resources, Kind: practicestudy.Recommendation, Evidence: practicestudy.EvidenceLived}}, false,
			[]string{"resources_recommendation_1_text"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cs := practicestudy.Case{Points: c.points}
			if got := fields(cs.Validate(c.agree)); !slices.Equal(got, c.want) {
				t.Errorf("problems on %v, want %v", got, c.want)
			}
		})
	}
}

func TestParseMinutes(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{"45": 45, " 90 ": 90, "-30": -30, "1:30": 90, "1h30": 90, "1h": 60, "2h 15m": 135, "0:05": 5, "45m": 45} {
		if got, err := practicestudy.ParseMinutes(in); err != nil || got != want {
			t.Errorf("%q: %d, %v, want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "an hour", "1:75", "h30", "1.5h", "1:-5"} {
		if got, err := practicestudy.ParseMinutes(in); err == nil {
			t.Errorf("%q read as %d", in, got)
		}
	}
}
