package supportplanpage_test

import (
	"context"
	"errors"
	"github.com/golden-thread/goldenthread/internal/testenv"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// formatWorld is an episode ready for a plan, whose person needs written information in formats, with a draft
// support plan and the address of My plan.
type formatWorld struct {
	planstest.World
	myPlan string
}

func newFormatWorld(t *testing.T, site *apptest.Site, db *sqldb.DB, formats ...string) formatWorld {
	t.Helper()
	w := formatWorld{World: planstest.New(t, db, site.A)}
	cmd := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), site.A.Council.ID), "test")
	p, _, err := site.App.People.Get(cmd, w.Person.ID)
	if err != nil {
		t.Fatal(err)
	}
	p.InformationFormats = formats
	if err := site.App.People.Update(cmd, p); err != nil {
		t.Fatal(err)
	}
	draft, _, err := site.App.SupportPlans.NewDraft(peopletest.As(site.A.Staff[councils.Practitioner]), w.Person.ID, w.EpisodeID)
	if err != nil {
		t.Fatal(err)
	}
	w.myPlan = "/people/" + w.Person.ID + "/episodes/" + w.EpisodeID + "/plan/" + draft.ID + "/my-plan"
	return w
}

// inOrder fails the test unless each of texts appears in body after the one before.
func inOrder(t *testing.T, body string, texts ...string) {
	t.Helper()
	at := 0
	for _, s := range texts {
		i := strings.Index(body[at:], s)
		if i < 0 {
			t.Errorf("%q does not follow %q in the page", s, body[:min(at, len(body))][max(0, at-40):])
			return
		}
		at += i + len(s)
	}
}

// TestMyPlanInThePersonsFormat reads My plan for people whose records ask for Easy Read, large print, both and
// neither: each is written that way, the view is logged, and another council's staff find nothing.
func TestMyPlanInThePersonsFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		formats []string
		body    []string
		order   []string // texts that must come in this order: the key facts first
		notBody []string
	}{
		{name: "standard print", body: []string{"Ada’s support plan", "What matters to you"},
			order:   []string{"What matters to you", "Your strengths", "What you want to be different", "Who will do what"},
			notBody: []string{"gt-my-plan--easy-read", "gt-my-plan--large-print", "Your plan in short"}},
		{name: "Easy Read", formats: []string{people.EasyRead}, body: []string{"Ada’s plan", "gt-my-plan--easy-read", "This is your plan, Ada.", "Easy Read."},
			order:   []string{"What matters to me", "What I want to change", "I go to the allotment every week", "Who supports me", "When we look at my plan again", "If things go wrong", "What I am good at"},
			notBody: []string{"gt-my-plan--large-print", "Ada’s support plan"}},
		{name: "large print", formats: []string{people.LargePrint}, body: []string{"gt-my-plan--large-print", "Large print."},
			order:   []string{"Your plan in short", "What matters to you:", "What you want to be different:", "Who supports you:", "When we look at it again:", "Your strengths"},
			notBody: []string{"gt-my-plan--easy-read"}},
		{name: "Easy Read in large print", formats: []string{people.EasyRead, people.LargePrint},
			body:  []string{"gt-my-plan--easy-read gt-my-plan--large-print", "Easy Read in large print."},
			order: []string{"What matters to me", "What I want to change", "Who supports me", "When we look at my plan again"}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker, other := site.A.Staff[councils.Practitioner], site.B.Staff[councils.Practitioner]
		workerClient, otherClient := site.SignIn(t, worker), site.SignIn(t, other)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				w := newFormatWorld(t, site, db, tt.formats...)
				body := apptest.Ask(t, site, workerClient, worker, http.MethodGet, w.myPlan, nil, w.Person.ID,
					apptest.Answer{Status: 200, Body: tt.body, NotBody: tt.notBody, Log: []accesslog.Action{accesslog.View}})
				if i := strings.Index(body, "<main"); i >= 0 {
					body = body[i:]
				}
				inOrder(t, body, tt.order...)
				apptest.Ask(t, site, otherClient, other, http.MethodGet, w.myPlan, nil, w.Person.ID, apptest.Answer{Status: 404, NotBody: []string{"allotment"}})
				apptest.Ask(t, site, otherClient, other, http.MethodGet, w.myPlan+".pdf", nil, w.Person.ID, apptest.Answer{Status: 404})
			})
		}
	})
}

// word is one word of a PDF page with the height of its box, in points.
type word struct {
	text   string
	height float64
}

var bboxWord = regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)

// pdfWords reads the words of a PDF with their heights, with poppler's pdftotext.
func pdfWords(t *testing.T, pdf []byte) []word {
	t.Helper()
	path := filepath.Join(t.TempDir(), "my-plan.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var words []word
	for _, m := range bboxWord.FindAllStringSubmatch(string(out), -1) {
		y0, err0 := strconv.ParseFloat(m[1], 64)
		y1, err1 := strconv.ParseFloat(m[2], 64)
		if err := errors.Join(err0, err1); err != nil {
			t.Fatalf("pdftotext gave a word's box that is not numbers: %v", err)
		}
		words = append(words, word{text: m[3], height: y1 - y0})
	}
	return words
}

// TestMyPlanPDFInLargePrint prints My plan for a person who needs large print, and for one who does not, and reads
// the PDFs back: the text is there, and in large print every word of the plan is set at 16 point or more.
func TestMyPlanPDFInLargePrint(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	if !site.App.PDF.Available() {
		testenv.Missing(t, "Chromium is not installed: My plan cannot be printed", "Chromium is not installed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		testenv.Missing(t, "pdftotext is not installed (poppler-utils)", "pdftotext is not installed (apt-get install poppler-utils)")
	}
	worker := site.A.Staff[councils.Practitioner]
	client := site.SignIn(t, worker)
	// pdftotext boxes a word from the font's ascent to its descent: for Liberation Sans, the PDF's font, 0.905 and
	// 0.212 of its size. So a word set at 16 point is 17.9 points high, and GOV.UK's 14 point print type 15.6.
	const least16pt = 16 * (0.905 + 0.212)
	smallest := map[string]float64{}
	for _, tt := range []struct {
		name    string
		formats []string
		wants   []string
	}{
		{"standard", nil, []string{"What", "matters", "allotment"}},
		{"large print", []string{people.LargePrint}, []string{"Your", "plan", "in", "short", "allotment"}},
		{"Easy Read in large print", []string{people.EasyRead, people.LargePrint}, []string{"Who", "supports", "me", "allotment"}},
	} {
		w := newFormatWorld(t, site, db, tt.formats...)
		before := len(apptest.LogOf(t, site, w.Person.ID))
		res, body := site.Get(t, client, w.myPlan+".pdf")
		if res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF-") {
			t.Fatalf("%s: PDF status %d", tt.name, res.StatusCode)
		}
		if log := apptest.LogOf(t, site, w.Person.ID)[before:]; len(log) != 1 || log[0].Action != accesslog.Export || log[0].StaffID != worker.ID {
			t.Errorf("%s: printing logged %+v, want one export", tt.name, log)
		}
		words := pdfWords(t, []byte(body))
		var text []string
		small := 1000.0
		for _, wd := range words {
			text = append(text, wd.text)
			small = min(small, wd.height)
		}
		all := " " + strings.Join(text, " ") + " "
		for _, want := range tt.wants {
			if !strings.Contains(all, " "+want+" ") {
				t.Errorf("%s: the PDF does not say %q:\n%s", tt.name, want, all)
			}
		}
		smallest[tt.name] = small
		t.Logf("%s: smallest word %.2f points high", tt.name, small)
		if len(tt.formats) > 0 && small < least16pt {
			t.Errorf("%s: the smallest word is %.1f points high, want at least %.1f (16 point type)", tt.name, small, least16pt)
		}
	}
	if smallest["standard"] >= least16pt {
		t.Errorf("standard print is already %.1f points high at its smallest: the large print check cannot tell them apart", smallest["standard"])
	}
}
