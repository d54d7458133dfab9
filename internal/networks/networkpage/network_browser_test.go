package networkpage_test

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/networks/networkstest"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// models is a test double of the practice models each council has chosen.
type models map[string][2]string

func (m models) CurrentModel(_ context.Context, councilID string) (string, string, error) {
	c := m[councilID]
	return c[0], c[1], nil
}

// withPeople gives a test council synthetic people with five years of history, so that its measures count them.
func withPeople(t *testing.T, site *apptest.Site, c peopletest.Council, n int, seed uint64) {
	t.Helper()
	ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), c.Council.ID), "test")
	staff := []councils.Staff{c.SouthWorker}
	for _, r := range councils.Roles {
		staff = append(staff, c.Staff[r])
	}
	if err := demo.AddPeople(ctx, site.App.DB, []councils.Team{c.North, c.South}, staff, demo.Options{People: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
}

// TestAProgrammeLeadComparesTwoCouncilsByPracticeModel walks the network in a real browser, with axe on every
// page: the network's lead starts on the network's home, compares its two councils by council and by practice
// model, narrows the comparison to one measure, reads a member's shared milestones, and mistypes a council's code
// when inviting it; then a council's administrator finds the network, decides to share, and is asked why when
// leaving without a reason.
func TestAProgrammeLeadComparesTwoCouncilsByPracticeModel(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	withPeople(t, site, site.A, 300, 1)
	withPeople(t, site, site.B, 300, 2)
	site.App.NetworkModels = models{site.A.Council.ID: {"three-conversations", "Three Conversations"}, site.B.Council.ID: {"lac", "Local area coordination"}}
	site.App.NetworkProgrammes = programmes{}
	n := networkstest.New(t, db, "NORTH-SHIRES", false, site.A)
	networkstest.Join(t, db, n.Network, site.B, true)
	setPassword(t, site, n.Lead)

	lead := apptest.SignInBrowser(t, site, n.Lead)
	apptest.MustContain(t, "where the lead starts", lead.URL(), "/network")
	lead.Screenshot("home")
	lead.CheckA11y()
	apptest.MustContain(t, "home", lead.Text("#members"), "Council E06000901", "Council E06000902", "Shared", "Not shared")

	lead.ClickAndWait(`a[href="/network/compare"]`)
	lead.Screenshot("compare")
	lead.CheckA11y()
	apptest.MustContain(t, "comparison", lead.Text("main"), "2 member councils compared", "By practice model", "Three Conversations", "Local area coordination")
	if !lead.Exists(`#m-reviews-on-time svg[role="img"]`) {
		t.Error("the comparison draws no chart of reviews on time")
	}
	lead.Select("#f-measure", "reviews-on-time")
	lead.Submit("#f-measure")
	lead.Screenshot("compare-one")
	lead.CheckA11y()
	if lead.Exists("#m-resolved-at-first-contact") || !lead.Exists("#m-reviews-on-time") {
		t.Error("the comparison of one measure shows others, or not it")
	}
	apptest.MustContain(t, "one measure", lead.Text("#m-reviews-on-time .gt-by-model"), "Three Conversations", "Local area coordination", "All member councils")

	lead.VisitAndCheck("/network/members/"+site.B.Council.ID, "member")
	apptest.MustContain(t, "a member's programme", lead.Text("main"), "Recruit practice champions", "Red", "Champions not yet released", "Reviews on time")

	lead.VisitAndCheck("/network/invitations/new", "invite")
	lead.Fill("#f-code", "Brackenshire")
	lead.Submit("#f-code")
	lead.Screenshot("invite-mistake")
	lead.CheckA11y()
	apptest.MustContain(t, "invitation error", lead.Text(".govuk-error-summary"), "Enter the council’s ONS code")

	admin := signInAdmin(t, site, site.A.Staff[councils.Administrator])
	admin.VisitAndCheck("/admin/networks", "council-networks")
	apptest.MustContain(t, "the council's networks", admin.Text("#networks"), "Network NORTH-SHIRES", "A member, not sharing its programme")
	admin.ClickAndWait(`#networks a`)
	admin.Screenshot("council-network")
	admin.CheckA11y()
	admin.Check(apptest.Radio("decision", string(networks.Share)))
	admin.Submit("#f-decision")
	admin.Screenshot("council-network-shared")
	admin.CheckA11y()
	apptest.MustContain(t, "after sharing", admin.Text("main"), "Recorded: Began sharing programme milestones and KPIs", "Test Council administrator")
	admin.Check(apptest.Radio("decision", string(networks.Leave)))
	admin.Submit("#f-decision")
	admin.Screenshot("council-network-leave-mistake")
	admin.CheckA11y()
	apptest.MustContain(t, "leaving without a reason", admin.Text(".govuk-error-summary"), "Say why the council is leaving the network")
}

// signInAdmin signs an administrator in through the sign-in and two-factor pages.
func signInAdmin(t *testing.T, site *apptest.Site, staff councils.Staff) *browsertest.Browser {
	t.Helper()
	b := apptest.SignInBrowser(t, site, staff)
	apptest.PassTwoFactor(t, b)
	return b
}
