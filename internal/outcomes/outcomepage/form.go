package outcomepage

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// outcomeForm is the outcome form as typed, so that it can be shown again exactly.
type outcomeForm struct {
	AspirationID                        string
	Different, HowWeKnow, WhoInvolved   string
	ByWhen                              web.DateInput
	WellbeingAreas, EligibilityOutcomes []string
	LevelMinus2, LevelMinus1, Expected  string
	LevelPlus1, LevelPlus2              string
	Baseline, Importance, Difficulty    string
	Version                             int
}

// noAspiration is the radio for an outcome that serves no recorded aspiration.
const noAspiration = "none"

// outcomeOrder is the order of the form's fields, for the error summary.
var outcomeOrder = []string{"version", "different", "aspiration_id", "how_we_know", "by_when", "who_involved", "wellbeing_areas",
	"eligibility_outcomes", "expected", "level_minus2", "level_minus1", "level_plus1", "level_plus2", "baseline", "importance",
	"difficulty", "status"}

func readOutcomeForm(f url.Values) outcomeForm {
	v := web.FormVersion(f, "version")
	return outcomeForm{
		AspirationID: f.Get("aspiration_id"), Different: f.Get("different"), HowWeKnow: f.Get("how_we_know"),
		WhoInvolved: f.Get("who_involved"), ByWhen: web.DateInputFrom(f, "by_when"),
		WellbeingAreas: f["wellbeing_areas"], EligibilityOutcomes: f["eligibility_outcomes"],
		LevelMinus2: f.Get("level_minus2"), LevelMinus1: f.Get("level_minus1"), Expected: f.Get("expected"),
		LevelPlus1: f.Get("level_plus1"), LevelPlus2: f.Get("level_plus2"),
		Baseline: f.Get("baseline"), Importance: f.Get("importance"), Difficulty: f.Get("difficulty"), Version: v,
	}
}

func formOf(o outcomes.Outcome) outcomeForm {
	f := outcomeForm{
		AspirationID: o.AspirationID, Different: o.Different, HowWeKnow: o.HowWeKnow, WhoInvolved: o.WhoInvolved,
		ByWhen: web.DateInputOf(o.ByWhen.Time), WellbeingAreas: o.WellbeingAreas, EligibilityOutcomes: o.EligibilityOutcomes,
		LevelMinus2: o.LevelMinus2, LevelMinus1: o.LevelMinus1, Expected: o.Expected, LevelPlus1: o.LevelPlus1,
		LevelPlus2: o.LevelPlus2, Baseline: strconv.Itoa(int(o.Baseline)), Importance: strconv.Itoa(o.Importance),
		Difficulty: strconv.Itoa(o.Difficulty), Version: o.Version,
	}
	if f.AspirationID == "" {
		f.AspirationID = noAspiration
	}
	return f
}

// outcome reads the form into an outcome, with the form's own errors (a date that is not a real date, a number
// that is not one of the choices). The outcome's own rules are checked by Validate.
func (f outcomeForm) outcome() (outcomes.Outcome, web.Errors) {
	var errs web.Errors
	o := outcomes.Outcome{
		Different: f.Different, HowWeKnow: f.HowWeKnow, WhoInvolved: f.WhoInvolved,
		WellbeingAreas: f.WellbeingAreas, EligibilityOutcomes: f.EligibilityOutcomes,
		LevelMinus2: f.LevelMinus2, LevelMinus1: f.LevelMinus1, Expected: f.Expected, LevelPlus1: f.LevelPlus1,
		LevelPlus2: f.LevelPlus2, Version: f.Version,
	}
	if f.AspirationID != noAspiration {
		o.AspirationID = f.AspirationID
	}
	if !f.ByWhen.IsEmpty() {
		t, de := f.ByWhen.Parse("Date it should be achieved by")
		errs.AddDate("by_when", de)
		o.ByWhen = sqldb.NewDate(t)
	}
	number := func(field, s, message string, lo, hi int) int {
		if strings.TrimSpace(s) == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			errs.Add(field, message)
			return 0
		}
		return n
	}
	o.Baseline = outcomes.Level(number("baseline", f.Baseline, "Select where the person starts from the list", -2, 0))
	o.Importance = number("importance", f.Importance, "Select how much this matters to the person", 0, 3)
	o.Difficulty = number("difficulty", f.Difficulty, "Select how hard the team thinks this will be", 0, 3)
	return o, errs
}

// choices are the form's lists.
type choices struct {
	Aspirations, WellbeingAreas, EligibilityOutcomes []web.Item
	Baselines, Ratings, Difficulties                 []web.Item
	EligibilityLegend                                string
}

func isCarer(p people.Person) bool { return strings.HasPrefix(p.ClientType, "Unpaid carer") }

func codeItems(l codelists.List) []web.Item {
	out := make([]web.Item, len(l.Codes))
	for i, c := range l.Codes {
		out[i] = web.Item{Value: c.Value, Text: c.Label}
	}
	return out
}

func choicesFor(b outcomes.Board) choices {
	c := choices{
		WellbeingAreas: codeItems(codelists.WellbeingArea),
		Baselines: []web.Item{
			{Value: "-1", Text: outcomes.Less.Label(), Hint: "Usual: there is room for things to get worse as well as better"},
			{Value: "-2", Text: outcomes.MuchLess.Label(), Hint: "When things could not get any worse"},
			{Value: "0", Text: "Not set yet"},
		},
		Ratings: []web.Item{
			{Value: "0", Text: "Not rated"}, {Value: "1", Text: "A little"}, {Value: "2", Text: "Moderately"}, {Value: "3", Text: "Very much"},
		},
		Difficulties: []web.Item{
			{Value: "0", Text: "Not rated"}, {Value: "1", Text: "A little"}, {Value: "2", Text: "Moderately"}, {Value: "3", Text: "Very"},
		},
	}
	if isCarer(b.Person) {
		c.EligibilityOutcomes = codeItems(codelists.CarerOutcome)
		c.EligibilityLegend = "Which carer's outcomes does it relate to? (optional)"
	} else {
		c.EligibilityOutcomes = codeItems(codelists.AdultOutcome)
		c.EligibilityLegend = "Which eligibility outcomes does it relate to? (optional)"
	}
	for _, a := range b.Aspirations {
		c.Aspirations = append(c.Aspirations, web.Item{Value: a.ID, Text: "“" + a.Words + "”", Hint: a.Term.Label()})
	}
	if len(c.Aspirations) > 0 {
		c.Aspirations = append(c.Aspirations, web.Item{Divider: "or"})
	}
	c.Aspirations = append(c.Aspirations, web.Item{Value: noAspiration, Text: "None of these hopes", Hint: "Choose the areas of wellbeing it serves instead"})
	return c
}

// summaryOf is what the conflict panel compares: the outcome as a person reads it, field by field.
func summaryOf(o outcomes.Outcome, b outcomes.Board) [][2]string {
	asp := "None"
	if a, ok := b.Aspiration(o.AspirationID); ok {
		asp = a.Words
	}
	by := ""
	if !o.ByWhen.IsZero() {
		by = o.ByWhen.Format("2 January 2006")
	}
	return [][2]string{
		{"What will be different", o.Different}, {"Aspiration it serves", asp}, {"How everyone will know", o.HowWeKnow},
		{"By when", by}, {"Who is involved", o.WhoInvolved}, {"Areas of wellbeing", strings.Join(o.WellbeingAreas, ", ")},
		{"Eligibility outcomes", strings.Join(o.EligibilityOutcomes, ", ")}, {"Expected level", o.Expected},
		{"Much less than expected", o.LevelMinus2}, {"Somewhat less than expected", o.LevelMinus1},
		{"Somewhat more than expected", o.LevelPlus1}, {"Much more than expected", o.LevelPlus2},
		{"Baseline", strconv.Itoa(int(o.Baseline))}, {"Importance", strconv.Itoa(o.Importance)}, {"Difficulty", strconv.Itoa(o.Difficulty)},
	}
}
