package networks_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

func day(s string) sqldb.Date {
	d, err := sqldb.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestNetworkSurveyValidate(t *testing.T) {
	t.Parallel()
	scale := func(key, text string) feedback.Question {
		return feedback.Question{Key: key, Text: text, Kind: feedback.Scale}
	}
	tests := []struct {
		name string
		s    networks.Survey
		want []string // the fields with problems
	}{
		{"the default", networks.DefaultSurvey(), nil},
		{"no name", networks.Survey{Questions: []feedback.Question{scale("a", "A")}}, []string{"name"}},
		{"no questions", networks.Survey{Name: "N"}, []string{"name"}},
		{"words stay in the council", networks.Survey{Name: "N", Questions: []feedback.Question{scale("a", "A"), {Key: "b", Text: "Why?", Kind: feedback.Words}}}, []string{"question-b"}},
		{"a question without text", networks.Survey{Name: "N", Questions: []feedback.Question{scale("a", " ")}}, []string{"question-a"}},
		{"a key twice", networks.Survey{Name: "N", Questions: []feedback.Question{scale("a", "A"), scale("a", "B")}}, []string{"question-a"}},
		{"an unknown kind, named once", networks.Survey{Name: "N", Questions: []feedback.Question{{Key: "a", Text: "A", Kind: "stars"}}}, []string{"question-a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range tt.s.Validate() {
				got = append(got, p.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Validate() fields = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestQuestionKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text  string
		taken []string
		want  string
	}{
		{"I feel listened to by my manager", nil, "i_feel_listened_to"},
		{"Our council’s model works!", nil, "our_councils_model_works"},
		{"Time", []string{"time"}, "time_2"},
		{"Time", []string{"time", "time_2"}, "time_3"},
		{"…", nil, "question"},
	}
	for _, tt := range tests {
		if got := networks.QuestionKey(tt.text, tt.taken); got != tt.want {
			t.Errorf("QuestionKey(%q, %v) = %q, want %q", tt.text, tt.taken, got, tt.want)
		}
	}
}

func TestRoundStatus(t *testing.T) {
	t.Parallel()
	r := networks.Round{OpensOn: day("2026-03-02"), ClosesOn: day("2026-03-20")}
	tests := []struct {
		on   string
		want string
		open bool
	}{
		{"2026-03-01", "Not yet open", false},
		{"2026-03-02", "Open", true},
		{"2026-03-20", "Open", true},
		{"2026-03-21", "Closed", false},
	}
	for _, tt := range tests {
		if got := r.Status(day(tt.on)); got != tt.want || r.Open(day(tt.on)) != tt.open {
			t.Errorf("on %s: Status = %q, Open = %v; want %q, %v", tt.on, got, r.Open(day(tt.on)), tt.want, tt.open)
		}
	}
}

// tally is n responses answering every question with the answers given, in turn.
func tally(n int, answers ...string) networks.Tally {
	var t networks.Tally
	for i := range n {
		t.Add(map[string]string{"q": answers[i%len(answers)]})
	}
	return t
}

func TestCombineCountsEachCouncilAndTheNetworkSafely(t *testing.T) {
	t.Parallel()
	round := networks.Round{Questions: []feedback.Question{{Key: "q", Text: "Q", Kind: feedback.Scale}}}
	tests := []struct {
		name                 string
		tallies              []networks.CouncilTally
		wantCouncils         []string // each council's "of", as shown
		wantWithheld         []bool
		wantAgree            []string
		wantNetwork, netPart string // the network's "of" and agree share
		netWithheld          bool
		wantHidden           []string
		wantResponses        string
		wantLeftOut          int
	}{
		{
			name: "a council withheld withholds the network's figures",
			tallies: []networks.CouncilTally{
				{CouncilID: "a", Name: "A", Tally: tally(20, "yes", "no")},
				{CouncilID: "b", Name: "B", Tally: tally(15, "yes", "yes", "no")}, // 10 yes, 5 no
				{CouncilID: "c", Name: "C", Tally: tally(4, "no")},
			},
			wantCouncils: []string{"20", "15", "fewer than 6"},
			wantWithheld: []bool{false, false, true},
			wantAgree:    []string{"50%", "", ""}, // B's 5 who did not agree are withheld, so its share is too
			wantNetwork:  "0", netPart: "", netWithheld: true, wantHidden: []string{"no"},
			wantResponses: "35", wantLeftOut: 1, // C's 4 are not added in
		},
		{
			name: "a count withheld hides that answer across the network, and the share",
			tallies: []networks.CouncilTally{
				{CouncilID: "a", Name: "A", Tally: tally(20, "yes", "no")},
				{CouncilID: "b", Name: "B", Tally: tally(15, "yes", "yes", "no")},
			},
			wantCouncils: []string{"20", "15"},
			wantWithheld: []bool{false, false},
			wantAgree:    []string{"50%", ""},
			wantNetwork:  "35", netPart: "", wantHidden: []string{"no"},
			wantResponses: "35",
		},
		{
			name:         "a council with nobody answering is neither shown nor withheld",
			tallies:      []networks.CouncilTally{{CouncilID: "a", Name: "A", Tally: tally(9, "yes")}, {CouncilID: "b", Name: "B"}},
			wantCouncils: []string{"10", "0"},
			wantWithheld: []bool{false, false},
			wantAgree:    []string{"100%", ""},
			wantNetwork:  "10", netPart: "100%",
			wantResponses: "10",
		},
		{
			name:         "every council withheld withholds the network's figure rather than showing 0",
			tallies:      []networks.CouncilTally{{CouncilID: "a", Name: "A", Tally: tally(2, "yes")}, {CouncilID: "b", Name: "B", Tally: tally(3, "no")}},
			wantCouncils: []string{"fewer than 6", "fewer than 6"},
			wantWithheld: []bool{true, true},
			wantAgree:    []string{"", ""},
			wantNetwork:  "0", netPart: "", netWithheld: true, wantHidden: []string{"no", "yes"},
			wantResponses: "0", wantLeftOut: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := networks.CombineTallies(round, tt.tallies)
			if len(res.Questions) != 1 {
				t.Fatalf("got %d questions, want 1", len(res.Questions))
			}
			q := res.Questions[0]
			for i, g := range q.Councils {
				if g.Of.String() != tt.wantCouncils[i] || g.Withheld != tt.wantWithheld[i] || g.Agree != tt.wantAgree[i] {
					t.Errorf("council %s: of %s, withheld %v, agree %q; want %s, %v, %q", g.Label, g.Of, g.Withheld, g.Agree,
						tt.wantCouncils[i], tt.wantWithheld[i], tt.wantAgree[i])
				}
				if g.Withheld && len(g.Counts) > 0 {
					t.Errorf("council %s is withheld but shows counts %v", g.Label, g.Counts)
				}
			}
			if q.Network.Of.String() != tt.wantNetwork || q.Network.Agree != tt.netPart || q.Network.Withheld != tt.netWithheld || q.Network.Label != networks.NetworkLabel {
				t.Errorf("network: of %s, agree %q, withheld %v, label %q; want %s, %q, %v", q.Network.Of, q.Network.Agree, q.Network.Withheld,
					q.Network.Label, tt.wantNetwork, tt.netPart, tt.netWithheld)
			}
			var hidden []string
			for v := range q.Hidden {
				hidden = append(hidden, v)
			}
			slices.Sort(hidden)
			if !slices.Equal(hidden, tt.wantHidden) {
				t.Errorf("hidden answers %v, want %v", hidden, tt.wantHidden)
			}
			if tt.netWithheld && len(q.Network.Counts) > 0 {
				t.Errorf("the network is withheld but shows counts %v", q.Network.Counts)
			}
			if res.Responses.String() != tt.wantResponses || res.LeftOut != tt.wantLeftOut {
				t.Errorf("responses %s, left out %d; want %s, %d", res.Responses, res.LeftOut, tt.wantResponses, tt.wantLeftOut)
			}
		})
	}
}

// shownFigures is every figure results show, in order, as a page writes them.
func shownFigures(res networks.Results) string {
	var b strings.Builder
	b.WriteString(res.Responses.String())
	for _, c := range res.Councils {
		b.WriteString("|" + c.Responses.String())
	}
	for _, q := range res.Questions {
		for _, g := range q.Groups() {
			b.WriteString("|" + g.Label + ":" + g.Of.String() + ":" + g.Agree)
			for _, c := range g.Counts {
				if g.Label == networks.NetworkLabel && q.Hidden[c.Option.Value] {
					b.WriteString(":not shown")
					continue
				}
				b.WriteString(":" + c.N.String())
			}
		}
	}
	return b.String()
}

// TestNoSuppressedCouncilCanBeWorkedOutFromTheNetworksTotal tries to work out a withheld count by subtraction: the
// network's total as shown less the other council's as shown. Rounding alone lets it through (beside a council
// showing 5 for a true 6, a total shown as 5 leaves only 1 for the other); so every figure shown must be the same
// whatever the withheld count was, from 1 to 5, and the subtraction must then give the same for each.
func TestNoSuppressedCouncilCanBeWorkedOutFromTheNetworksTotal(t *testing.T) {
	t.Parallel()
	round := networks.Round{Questions: []feedback.Question{{Key: "q", Text: "Q", Kind: feedback.Scale}}}
	if d := disclosure.Safe(7).String() + "/" + disclosure.Safe(6).String(); d != "5/5" {
		t.Fatalf("the case rounding alone lets through no longer arises: Safe(7)/Safe(6) = %s", d)
	}
	for other := disclosure.Threshold; other <= 60; other++ {
		for _, answers := range [][]string{{"yes"}, {"no"}, {"yes", "no"}, {"yes", "mostly", "partly", "no"}} {
			var first string
			var firstDiff int
			for hidden := 1; hidden < disclosure.Threshold; hidden++ {
				res := networks.CombineTallies(round, []networks.CouncilTally{
					{CouncilID: "small", Name: "Small", Tally: tally(hidden, "yes")},
					{CouncilID: "big", Name: "Big", Tally: tally(other, answers...)},
				})
				q := res.Questions[0]
				if !q.Councils[0].Of.Suppressed() || !res.Councils[0].Responses.Suppressed() {
					t.Fatalf("%d answers are shown as %s", hidden, q.Councils[0].Of)
				}
				total, _ := q.Network.Of.Value()
				big, _ := q.Councils[1].Of.Value()
				got := shownFigures(res)
				if hidden == 1 {
					first, firstDiff = got, total-big
					continue
				}
				if got != first || total-big != firstDiff {
					t.Errorf("other %d answering %v: with %d withheld the figures are %s, with 1 %s: the withheld count shows through",
						other, answers, hidden, got, first)
				}
			}
		}
	}
}

func TestTallyAddCountsOnlyAnswersOnTheScale(t *testing.T) {
	t.Parallel()
	var tl networks.Tally
	tl.Add(map[string]string{"a": "yes", "b": "no"})
	tl.Add(map[string]string{"a": "yes", "b": "whatever"})
	if tl.Responses != 2 || tl.Counts["a"]["yes"] != 2 || tl.Counts["b"]["no"] != 1 || len(tl.Counts["b"]) != 1 {
		t.Errorf("tally = %+v", tl)
	}
}

func TestChallengeValidate(t *testing.T) {
	t.Parallel()
	members := map[string]bool{"a": true, "b": true, "c": true}
	member := func(id string) bool { return members[id] }
	good := networks.Challenge{HostID: "a", ChallengerIDs: []string{"b", "c"}, Theme: "Strengths-based reviews", StartsOn: day("2026-02-02"), EndsOn: day("2026-02-04")}
	with := func(f func(c *networks.Challenge)) networks.Challenge {
		c := good
		c.ChallengerIDs = slices.Clone(good.ChallengerIDs)
		f(&c)
		c.Normalise()
		return c
	}
	tests := []struct {
		name string
		c    networks.Challenge
		was  networks.Challenge
		want []string
	}{
		{"good", with(func(*networks.Challenge) {}), networks.Challenge{}, nil},
		{"no theme", with(func(c *networks.Challenge) { c.Theme = "  " }), networks.Challenge{}, []string{"theme"}},
		{"a long theme", with(func(c *networks.Challenge) { c.Theme = strings.Repeat("x", 201) }), networks.Challenge{}, []string{"theme"}},
		{"no host", with(func(c *networks.Challenge) { c.HostID = "" }), networks.Challenge{}, []string{"host"}},
		{"a host outside the network", with(func(c *networks.Challenge) { c.HostID = "z" }), networks.Challenge{}, []string{"host"}},
		{"the host only challenges itself", with(func(c *networks.Challenge) { c.ChallengerIDs = []string{"a"} }), networks.Challenge{}, []string{"challengers"}},
		{"a challenger outside the network", with(func(c *networks.Challenge) { c.ChallengerIDs = []string{"b", "z"} }), networks.Challenge{}, []string{"challengers"}},
		{"a council that left stays on a challenge it took part in", with(func(c *networks.Challenge) { c.ChallengerIDs = []string{"b", "gone"} }),
			networks.Challenge{HostID: "a", ChallengerIDs: []string{"gone"}}, nil},
		{"no start", with(func(c *networks.Challenge) { c.StartsOn = sqldb.Date{} }), networks.Challenge{}, []string{"starts_on"}},
		{"ends before it starts", with(func(c *networks.Challenge) { c.EndsOn = day("2026-02-01") }), networks.Challenge{}, []string{"ends_on"}},
		{"one day", with(func(c *networks.Challenge) { c.EndsOn = c.StartsOn }), networks.Challenge{}, nil},
		{"findings too long", with(func(c *networks.Challenge) { c.Strengths = strings.Repeat("x", networks.MaxFinding+1) }), networks.Challenge{}, []string{"strengths"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range tt.c.Validate(member, tt.was) {
				got = append(got, p.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Validate() fields = %v, want %v", got, tt.want)
			}
		})
	}
	if c := with(func(c *networks.Challenge) { c.ChallengerIDs = []string{"b", " b", "a", "", "c"} }); !slices.Equal(c.ChallengerIDs, []string{"b", "c"}) {
		t.Errorf("Normalise challengers = %v, want [b c]", c.ChallengerIDs)
	}
	if !good.TookPart("a") || !good.TookPart("c") || good.TookPart("z") || good.TookPart("") {
		t.Error("TookPart is wrong")
	}
}

func TestChallengeStage(t *testing.T) {
	t.Parallel()
	c := networks.Challenge{StartsOn: day("2026-02-02"), EndsOn: day("2026-02-04")}
	responded := c
	responded.Response, responded.RespondedAt = "We will", time.Now()
	tests := []struct {
		c    networks.Challenge
		on   string
		want networks.Stage
	}{
		{c, "2026-02-01", networks.Planned},
		{c, "2026-02-02", networks.UnderWay},
		{c, "2026-02-04", networks.UnderWay},
		{c, "2026-02-05", networks.AwaitingResponse},
		{responded, "2026-02-05", networks.Responded},
		{responded, "2026-02-03", networks.Responded},
	}
	for _, tt := range tests {
		if got := tt.c.StageOn(day(tt.on)); got != tt.want {
			t.Errorf("StageOn(%s) = %s, want %s", tt.on, got, tt.want)
		}
	}
	for _, want := range []struct {
		s     networks.Stage
		label string
	}{{networks.Planned, "Planned"}, {networks.UnderWay, "Under way"}, {networks.AwaitingResponse, "Awaiting the host’s response"}, {networks.Responded, "Responded"}} {
		if want.s.Label() != want.label || want.s.TagClass() == "" {
			t.Errorf("%s: label %q, tag %q", want.s, want.s.Label(), want.s.TagClass())
		}
	}
}

func TestValidateResponse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int
	}{{"We accept both areas", 0}, {"  ", 1}, {strings.Repeat("x", networks.MaxFinding+1), 1}}
	for _, tt := range tests {
		if got := len(networks.ValidateResponse(tt.in)); got != tt.want {
			t.Errorf("ValidateResponse(%.10q) = %d problems, want %d", tt.in, got, tt.want)
		}
	}
}

func TestDocumentValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		d       networks.Document
		hasFile bool
		want    []string
	}{
		{"a file", networks.Document{Title: "Three Conversations guide"}, true, nil},
		{"a link", networks.Document{Title: "SCIE guide", Link: "https://www.scie.org.uk/strengths-based-approaches"}, false, nil},
		{"no title", networks.Document{Link: "https://example.org/x"}, false, []string{"title"}},
		{"neither", networks.Document{Title: "T"}, false, []string{"link"}},
		{"both", networks.Document{Title: "T", Link: "https://example.org/x"}, true, []string{"link"}},
		{"not a web address", networks.Document{Title: "T", Link: "javascript:alert(1)"}, false, []string{"link"}},
		{"no host", networks.Document{Title: "T", Link: "https://"}, false, []string{"link"}},
		{"a long summary", networks.Document{Title: "T", Summary: strings.Repeat("x", 2001)}, true, []string{"summary"}},
		{"many tags", networks.Document{Title: "T", Tags: strings.Split("a,b,c,d,e,f,g,h,i,j,k", ",")}, true, []string{"tags"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.d.Normalise()
			var got []string
			for _, p := range tt.d.Validate(tt.hasFile) {
				got = append(got, p.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Validate() fields = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTaggedAndAllTags(t *testing.T) {
	t.Parallel()
	docs := []networks.Document{{ID: "1", Tags: []string{"three conversations", "guides"}}, {ID: "2", Tags: []string{"guides"}}, {ID: "3"}}
	tests := []struct {
		tag  string
		want []string
	}{{"", []string{"1", "2", "3"}}, {"Guides", []string{"1", "2"}}, {"  Three   Conversations", []string{"1"}}, {"none", nil}}
	for _, tt := range tests {
		var got []string
		for _, d := range networks.Tagged(docs, tt.tag) {
			got = append(got, d.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Tagged(%q) = %v, want %v", tt.tag, got, tt.want)
		}
	}
	if got := networks.AllTags(docs); !slices.Equal(got, []string{"guides", "three conversations"}) {
		t.Errorf("AllTags = %v", got)
	}
}

func TestDocumentTypeIsFoundFromTheContent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		content []byte
		want    string
		ok      bool
	}{
		{[]byte("%PDF-1.4\n%…"), "application/pdf", true},
		{[]byte("Notes from the network meeting"), "text/plain", true},
		{[]byte("<html><script>alert(1)</script></html>"), "", false},
		{nil, "", false},
		{make([]byte, networks.MaxDocumentSize+1), "", false},
	}
	for _, tt := range tests {
		got, err := networks.DocumentType(tt.content)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("DocumentType(%.12q) = %q, %v; want %q, ok %v", tt.content, got, err, tt.want, tt.ok)
		}
	}
}
