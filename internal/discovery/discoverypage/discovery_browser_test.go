package discoverypage_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestCulturalWebAndDiscovery walks the discovery and dream in a real browser, with axe on every page: the programme
// lead records a finding (refused first with the error summary, then saved, then removed from its change form), a new version of the vision
// co-produced with experts by experience, a change on the to-be web linked to the programme's action that makes it,
// and an observation on the as-is web; the cultural web is drawn as two SVG pictures with their titles, and the
// list beneath holds the same observations, the change showing its action; a stakeholder goes on the grid; and on a
// 320 pixel screen the two webs stack, one above the other, with their text still at a readable size.
func TestCulturalWebAndDiscovery(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	action := programmeAction(t, site, "Retire the resource panel")
	partner := apptest.SignInBrowser(t, site, site.A.Staff[councils.ProgrammeLead])

	partner.VisitAndCheck("/programme/discovery", "findings-empty")
	partner.ClickAndWait(`a[href="/programme/discovery/new"]`)
	partner.CheckA11y()
	partner.Submit("#f-finding")
	partner.Screenshot("finding-refused")
	partner.CheckA11y()
	apptest.MustContain(t, "the refused finding", partner.Text(".govuk-error-summary"), "Select whether it is a strength or an opportunity", "Enter the finding",
		"Select where the finding came from")
	partner.Check(apptest.Radio("kind", "opportunity"))
	partner.Fill("#f-finding", "People wait weeks while forms pass between teams")
	partner.Check(apptest.Radio("source", "file_review"))
	partner.Submit("#f-finding")
	partner.Screenshot("findings")
	partner.CheckA11y()
	apptest.MustContain(t, "the findings", partner.Text("main"), "Finding saved", "Opportunities to improve", "People wait weeks", "File review")
	// A finding recorded in error is removed from its change form.
	partner.ClickAndWait(`table a[href^="/programme/discovery/"][href$="/edit"]`)
	partner.Screenshot("finding-change")
	partner.CheckA11y()
	partner.ClickAndWait(`button[name="remove"]`)
	partner.CheckA11y()
	apptest.MustContain(t, "the findings after the removal", partner.Text("main"), "Finding removed", "None recorded yet")
	if strings.Contains(partner.Text("main"), "People wait weeks") {
		t.Error("the removed finding is still listed")
	}

	partner.VisitAndCheck("/programme/vision", "vision-empty")
	partner.ClickAndWait(`a[href="/programme/vision/new"]`)
	partner.CheckA11y()
	partner.Fill("#f-statement", "Living my life, my way, with the people and places that matter to me")
	partner.Check(`input[name="co_producers"][value="experts_by_experience"]`)
	partner.Fill("#f-session", "Co-production day at the library")
	partner.Submit("#f-statement")
	partner.Screenshot("vision")
	partner.CheckA11y()
	apptest.MustContain(t, "the vision", partner.Text("#current-vision"), "Living my life, my way", "Experts by experience", "Co-production day at the library")

	partner.VisitAndCheck("/programme/culture", "culture-empty")
	apptest.MustContain(t, "what an empty web lacks", partner.Text("#gaps"), "As it is: nothing recorded about paradigm")
	partner.ClickAndWait(`a[href="/programme/culture/new?web=to-be&element=power"]`)
	partner.Screenshot("observation-new")
	partner.CheckA11y()
	partner.Fill("#f-observation", "Practitioners decide with people, without a panel")
	partner.Check(apptest.Radio("source", "workshop"))
	partner.Check(`input[name="actions"][value="` + action + `"]`)
	partner.Submit("#f-observation")
	partner.ClickAndWait(`a[href="/programme/culture/new?web=as-is&element=power"]`)
	partner.Fill("#f-observation", "Panels decide")
	partner.Check(apptest.Radio("source", "interview"))
	partner.Submit("#f-observation")
	partner.Screenshot("culture")
	partner.CheckA11y()
	page := partner.HTML()
	for _, web := range []struct{ id, title, list, observation, count string }{
		{"as-is", "The cultural web as it is", "as-is", "Panels decide", "1 observation"},
		{"to-be", "The cultural web as it is to be", "to-be", "Practitioners decide with people, without a panel", "1 change"},
	} {
		if !partner.Exists(`#web-` + web.id + ` svg[role="img"][aria-labelledby="` + web.id + `-title ` + web.id + `-desc"]`) {
			t.Errorf("the web %s is not drawn as an image with its title and description", web.id)
		}
		apptest.MustContain(t, "the picture's title", page, `<title id="`+web.id+`-title">`+web.title+`</title>`)
		apptest.MustContain(t, "the picture's description", page, "Power structures: "+web.count)
		apptest.MustContain(t, "the picture", partner.Text("#web-"+web.id), "Power", "structures", web.count)
		apptest.MustContain(t, "the list of the same web", partner.Text(`ul[data-web="`+web.list+`"][data-element="power"]`), web.observation)
	}
	apptest.MustContain(t, "the change and its action", partner.Text(`ul[data-web="to-be"][data-element="power"]`), "Made by: Retire the resource panel")

	partner.VisitAndCheck("/programme/stakeholders", "stakeholders-empty")
	partner.ClickAndWait(`a[href="/programme/stakeholders/new"]`)
	partner.CheckA11y()
	partner.Fill("#f-name", "Experts by experience panel")
	partner.Check(apptest.Radio("kind", "expert_by_experience"))
	partner.Check(apptest.Radio("influence", "high"))
	partner.Check(apptest.Radio("interest", "high"))
	partner.Fill("#f-engagement", "Two seats on the Programme Board")
	partner.Select("#f-owner_id", site.A.Staff[councils.QualityLead].ID)
	partner.Submit("#f-engagement")
	partner.Screenshot("stakeholders")
	partner.CheckA11y()
	apptest.MustContain(t, "the grid", partner.Text(`#grid td[data-quadrant="manage_closely"]`), "Manage closely", "Experts by experience panel")

	// On a narrow screen the webs stack and their text stays readable.
	if _, err := chromedp.Run(partner.Context(), chromedp.EmulateViewport(320, 900)); err != nil {
		t.Fatal(err)
	}
	partner.VisitAndCheck("/programme/culture", "culture-320")
	layout, err := chromedp.Run(partner.Context(), chromedp.Evaluate[[]float64](`(function() {
		const a = document.querySelector("#web-as-is svg").getBoundingClientRect();
		const b = document.querySelector("#web-to-be svg").getBoundingClientRect();
		const text = document.querySelector("#web-as-is svg text").getBoundingClientRect();
		return [a.bottom, b.top, text.height];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(layout) != 3 || layout[1] < layout[0] {
		t.Errorf("at 320 pixels the webs do not stack: %v", layout)
	}
	if len(layout) == 3 && layout[2] < 11 {
		t.Errorf("at 320 pixels the web's text is %.1f pixels high, too small to read", layout[2])
	}
}
