package app

import (
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog/accesslogpage"
	"github.com/golden-thread/goldenthread/internal/advocacy/advocacypage"
	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/capacity/capacitypage"
	"github.com/golden-thread/goldenthread/internal/caseloads/caseloadpage"
	"github.com/golden-thread/goldenthread/internal/chronology/chronologypage"
	"github.com/golden-thread/goldenthread/internal/conferences/conferencepage"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationpage"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/crisis/crisispage"
	"github.com/golden-thread/goldenthread/internal/directory/directorypage"
	"github.com/golden-thread/goldenthread/internal/directory/orukapi"
	"github.com/golden-thread/goldenthread/internal/frontdoor/frontdoorpage"
	"github.com/golden-thread/goldenthread/internal/outcomes/outcomepage"
	"github.com/golden-thread/goldenthread/internal/people/personpage"
	"github.com/golden-thread/goldenthread/internal/plans/financepage"
	"github.com/golden-thread/goldenthread/internal/plans/planpage"
	"github.com/golden-thread/goldenthread/internal/plans/servicepage"
	"github.com/golden-thread/goldenthread/internal/plans/supportplanpage"
	"github.com/golden-thread/goldenthread/internal/reviews/reviewpage"
	"github.com/golden-thread/goldenthread/internal/risks/riskpage"
	"github.com/golden-thread/goldenthread/internal/safeguarding/safeguardingpage"
	"github.com/golden-thread/goldenthread/internal/strengths/strengthpage"
	"github.com/golden-thread/goldenthread/internal/thread/threadpage"
	"github.com/golden-thread/goldenthread/internal/web"
)

// routes lists every URL Golden Thread answers, in one place. Pages go through the session and sign-in
// middleware; the JSON API through bearer tokens.
func (a *App) routes(tmpl *web.Templates) http.Handler {
	mux := http.NewServeMux()
	// Every page needs a signed-in member of staff; every page that changes something refuses finance, who only read.
	forbidden := func(w http.ResponseWriter, r *http.Request) { tmpl.Error(w, r, web.Forbidden) }
	page := func(pattern string, h web.Handler) {
		a.staffRoutes = append(a.staffRoutes, pattern)
		mux.Handle(pattern, a.Auth.RequireStaff(auth.RefuseReadOnly(pattern, tmpl.Handle(h), forbidden)))
	}
	public := func(pattern string, h web.Handler) { mux.Handle(pattern, tmpl.Handle(h)) }

	mux.Handle("GET /assets/", web.Assets())
	// Health checks for the load balancer and the orchestrator: /healthz/live while the process answers,
	// /healthz/ready while it can serve (the database reachable, its schema this version's); /healthz as before.
	mux.HandleFunc("GET /healthz", a.healthz)
	mux.HandleFunc("GET /healthz/live", live)
	mux.HandleFunc("GET /healthz/ready", a.ready)
	public("GET /{$}", a.home())

	a.authRoutes(tmpl, public, page)

	people := personpage.New(tmpl, a.People, a.Councils, a.Auth).WithEpisodes(conversationpage.PersonEpisodes(a.Conversations)).WithDuties(a.Duties).
		WithSafeguarding(safeguardingpage.PersonNotice(a.Safeguarding))
	page("GET /people", people.Find())
	page("GET /people/new", people.New())
	page("POST /people/new", people.New())
	page("GET /people/{id}", people.View())
	page("GET /people/{id}/edit", people.Edit())
	page("POST /people/{id}/edit", people.Edit())
	page("GET /people/{id}/break-glass", people.BreakGlass())
	page("POST /people/{id}/break-glass", people.BreakGlass())
	page("GET /people/{id}/access", people.Viewers())
	page("GET /people/{id}/network/new", people.Member())
	page("POST /people/{id}/network/new", people.Member())
	page("GET /people/{id}/network/{member}", people.Member())
	page("POST /people/{id}/network/{member}", people.Member())

	// Contacts, episodes of work and their steps, conversations and eligibility (internal/conversations).
	// The signposting section of every page that records signposts: the contact page and the front door's.
	signposting := frontdoorpage.NewSignposting(a.Directory, a.FrontDoor.Today)
	mux.Handle("GET "+frontdoorpage.SuggestPath, signposting.Suggest(a.log))
	work := conversationpage.New(tmpl, a.Conversations, a.People, a.FrontDoor, signposting).WithCrisis(a.Crisis)
	page("GET /people/{id}/contacts/new", work.NewContact())
	page("POST /people/{id}/contacts/new", work.NewContact())
	page("GET /people/{id}/episodes/{episode}", work.Episode())
	page("GET /people/{id}/episodes/{episode}/steps/{step}", work.Step())
	page("POST /people/{id}/episodes/{episode}/steps/{step}", work.Step())
	page("GET /people/{id}/episodes/{episode}/end", work.End())
	page("POST /people/{id}/episodes/{episode}/end", work.End())
	page("GET /people/{id}/episodes/{episode}/conversations/new", work.NewConversation())
	page("POST /people/{id}/episodes/{episode}/conversations/new", work.NewConversation())
	page("GET /people/{id}/episodes/{episode}/conversations/{conversation}", work.Conversation())
	page("POST /people/{id}/episodes/{episode}/conversations/{conversation}", work.Conversation())
	page("GET /people/{id}/episodes/{episode}/eligibility/new", work.NewDetermination())
	page("POST /people/{id}/episodes/{episode}/eligibility/new", work.NewDetermination())
	page("GET /people/{id}/episodes/{episode}/eligibility/{eligibility}", work.Determination())
	// Caseloads: my people, a team's, a worker's, with each person's next actions.
	page("GET "+caseloadpage.Path, caseloadpage.Caseload(tmpl, a.Caseload, a.Councils))
	page("GET "+caseloadpage.RequiredPath, caseloadpage.Required(tmpl, a.Caseload, a.Councils))

	// Strengths and the network (ecomap).
	strengthPages := strengthpage.New(tmpl, a.Strengths, a.People)
	page("GET /people/{id}/strengths", strengthPages.List())
	page("GET /people/{id}/strengths/new", strengthPages.Strength())
	page("POST /people/{id}/strengths/new", strengthPages.Strength())
	page("GET /people/{id}/strengths/{strength}", strengthPages.Strength())
	page("POST /people/{id}/strengths/{strength}", strengthPages.Strength())
	page("GET /people/{id}/ecomap", strengthPages.Ecomap())
	page("GET /people/{id}/connections/new", strengthPages.Connection())
	page("POST /people/{id}/connections/new", strengthPages.Connection())
	page("GET /people/{id}/connections/{connection}", strengthPages.Connection())
	page("POST /people/{id}/connections/{connection}", strengthPages.Connection())

	// A person's chronology.
	page("GET /people/{id}/chronology", chronologypage.Chronology(tmpl, a.Chronology))

	// The golden thread of an episode.
	page("GET /people/{id}/episodes/{episode}/thread", threadpage.Episode(tmpl, a.Thread))

	// Aspirations and SMART outcomes (outcomepage), and solutions on the least-intrusive ladder (planpage).
	outcomePages := outcomepage.New(tmpl, a.Outcomes)
	page("GET /people/{id}/aspirations/new", outcomePages.Aspiration())
	page("POST /people/{id}/aspirations/new", outcomePages.Aspiration())
	page("GET /people/{id}/aspirations/{aspiration}", outcomePages.Aspiration())
	page("POST /people/{id}/aspirations/{aspiration}", outcomePages.Aspiration())
	page("GET /people/{id}/episodes/{episode}/outcomes", outcomePages.List())
	page("GET /people/{id}/episodes/{episode}/outcomes/new", outcomePages.Outcome())
	page("POST /people/{id}/episodes/{episode}/outcomes/new", outcomePages.Outcome())
	page("GET /people/{id}/episodes/{episode}/outcomes/{outcome}", outcomePages.Outcome())
	page("POST /people/{id}/episodes/{episode}/outcomes/{outcome}", outcomePages.Outcome())
	planPages := planpage.New(tmpl, a.Plans)
	page("GET /people/{id}/episodes/{episode}/solutions", planPages.Ladder())
	page("GET /people/{id}/episodes/{episode}/solutions/new", planPages.Solution())
	page("POST /people/{id}/episodes/{episode}/solutions/new", planPages.Solution())
	page("GET /people/{id}/episodes/{episode}/solutions/{solution}", planPages.Solution())
	page("POST /people/{id}/episodes/{episode}/solutions/{solution}", planPages.Solution())

	// Council-funded services and their authorisation.
	services := servicepage.New(tmpl, a.Services).WithPayments(a.DirectPayments)
	page("GET /people/{id}/episodes/{episode}/services", services.List())
	page("GET /people/{id}/episodes/{episode}/services/new", services.New())
	page("POST /people/{id}/episodes/{episode}/services/new", services.New())
	page("GET /people/{id}/episodes/{episode}/services/{service}", services.Service())
	page("POST /people/{id}/episodes/{episode}/services/{service}", services.Service())
	page("POST /people/{id}/episodes/{episode}/services/{service}/start", services.Start())
	page("POST /people/{id}/episodes/{episode}/services/{service}/end", services.End())
	page("GET /people/{id}/episodes/{episode}/services/{service}/direct-payment", services.DirectPayment())
	page("POST /people/{id}/episodes/{episode}/services/{service}/direct-payment", services.DirectPayment())
	page("POST /people/{id}/episodes/{episode}/services/{service}/direct-payment/monitoring", services.Monitoring())
	page("POST /people/{id}/episodes/{episode}/services/{service}/direct-payment/status", services.Status())
	page("GET "+servicepage.AuthorisationsPath, services.Authorisations())
	page("GET /authorisations/{authorisation}", services.Decide())
	page("POST /authorisations/{authorisation}", services.Decide())

	// The community directory (internal/directory): everyone reads it; directory editors and administrators change
	// it and import Open Referral UK feeds.
	dir := directorypage.New(tmpl, a.Directory).WithUse(a.FrontDoor)
	page("GET "+directorypage.HomePath, dir.Home())
	page("GET "+directorypage.NewOrganisationPath, dir.OrganisationForm())
	page("POST "+directorypage.NewOrganisationPath, dir.OrganisationForm())
	page("GET /directory/organisations/{organisation}", dir.Organisation())
	page("GET /directory/organisations/{organisation}/edit", dir.OrganisationForm())
	page("POST /directory/organisations/{organisation}/edit", dir.OrganisationForm())
	page("GET "+directorypage.NewServicePath, dir.ServiceForm())
	page("POST "+directorypage.NewServicePath, dir.ServiceForm())
	page("GET /directory/services/{service}", dir.Service())
	page("GET /directory/services/{service}/edit", dir.ServiceForm())
	page("POST /directory/services/{service}/edit", dir.ServiceForm())
	page("POST /directory/services/{service}/checked", dir.Checked())
	page("GET "+directorypage.ImportPath, dir.Import())
	page("POST "+directorypage.ImportPath, dir.Import())
	page("GET "+directorypage.SearchPath, dir.Search())

	// The public Open Referral UK API over each council's directory (internal/directory/orukapi): read-only, no
	// sign-in, any origin, at /oruk/{council code}/.
	orukapi.New(a.Directory, a.Councils, a.Postcodes).Routes(mux)

	// Finance: spend on support by team, the services in place and the requests for authorisation, naming no one.
	a.staffRoutes = append(a.staffRoutes, "GET "+financepage.Path)
	mux.Handle("GET "+financepage.Path, a.Auth.RequireRole(councils.Role.ReadsSpend)(tmpl.Handle(financepage.Spend(tmpl, a.Services))))

	// Support plans (versions, agreement, My plan and its PDF) and reviews, with a team's reviews due.
	supportPlans := supportplanpage.New(tmpl, a.SupportPlans, a.PDF)
	page("GET /people/{id}/episodes/{episode}/plan", supportPlans.List())
	page("POST /people/{id}/episodes/{episode}/plan/new", supportPlans.NewDraft())
	page("GET /people/{id}/episodes/{episode}/plan/{plan}", supportPlans.Plan())
	page("POST /people/{id}/episodes/{episode}/plan/{plan}", supportPlans.Plan())
	page("GET /people/{id}/episodes/{episode}/plan/{plan}/agree", supportPlans.Agree())
	page("POST /people/{id}/episodes/{episode}/plan/{plan}/agree", supportPlans.Agree())
	page("GET /people/{id}/episodes/{episode}/plan/{plan}/my-plan", supportPlans.MyPlan())
	page("GET /people/{id}/episodes/{episode}/plan/{plan}/my-plan.pdf", supportPlans.MyPlanPDF(a.log))
	reviewPages := reviewpage.New(tmpl, a.Reviews, a.Councils, a.Conversations)
	page("GET /people/{id}/episodes/{episode}/reviews", reviewPages.List())
	page("GET /people/{id}/episodes/{episode}/reviews/next", reviewPages.Next())
	page("POST /people/{id}/episodes/{episode}/reviews/next", reviewPages.Next())
	page("POST /people/{id}/episodes/{episode}/reviews/{review}/end", reviewPages.End())
	page("GET /people/{id}/episodes/{episode}/reviews/{review}", reviewPages.Review())
	page("POST /people/{id}/episodes/{episode}/reviews/{review}", reviewPages.Review())
	page("GET "+reviewpage.TeamPath, reviewPages.Team())

	// The front door (internal/frontdoor): new contacts, triage and resolution in two pages, the waiting list and
	// check-ins with people waiting; signposts and referrals to community services from an episode, and their
	// follow-up.
	door := frontdoorpage.New(tmpl, a.FrontDoor, a.Councils, signposting)
	page("GET "+frontdoorpage.ContactsPath, door.Contacts())
	page("GET "+frontdoorpage.WaitingPath, door.Waiting())
	page("GET /people/{id}/episodes/{episode}/triage", door.Triage())
	page("POST /people/{id}/episodes/{episode}/triage", door.Triage())
	page("GET /people/{id}/episodes/{episode}/resolve", door.Resolve())
	page("POST /people/{id}/episodes/{episode}/resolve", door.Resolve())
	page("GET /people/{id}/episodes/{episode}/check-ins/new", door.CheckIn())
	page("POST /people/{id}/episodes/{episode}/check-ins/new", door.CheckIn())
	page("GET /people/{id}/episodes/{episode}/signposts", door.Signposts())
	page("GET /people/{id}/episodes/{episode}/signposts/new", door.NewSignpost())
	page("POST /people/{id}/episodes/{episode}/signposts/new", door.NewSignpost())
	page("GET /people/{id}/episodes/{episode}/signposts/{signpost}", door.Signpost())
	page("POST /people/{id}/episodes/{episode}/signposts/{signpost}", door.Signpost())

	// Safeguarding (internal/safeguarding): raising a concern from a person's page (any member of staff who changes
	// records); everything else only for the council's safeguarding roles, not found for anyone else.
	sg := safeguardingpage.New(tmpl, a.Safeguarding, a.People)
	page("GET /people/{id}/safeguarding/new", sg.Raise())
	page("POST /people/{id}/safeguarding/new", sg.Raise())
	page("GET /people/{id}/safeguarding", sg.List())
	page("GET /people/{id}/safeguarding/{concern}", sg.Concern())
	page("GET /people/{id}/safeguarding/{concern}/received", sg.Receipt())
	page("GET /people/{id}/safeguarding/{concern}/alleged", sg.Alleged())
	page("POST /people/{id}/safeguarding/{concern}/alleged", sg.Alleged())
	page("GET /people/{id}/safeguarding/{concern}/decision", sg.Decide())
	page("POST /people/{id}/safeguarding/{concern}/decision", sg.Decide())
	page("GET /people/{id}/safeguarding/{concern}/enquiry", sg.Enquiry())
	page("POST /people/{id}/safeguarding/{concern}/enquiry/{part}", sg.EnquiryChange())
	page("GET "+safeguardingpage.OpenPath, sg.Open())
	page("GET "+safeguardingpage.SummaryPath, sg.Summary())
	// Mental capacity (internal/capacity): assessments of one decision at one time, best-interests decisions; and
	// advocacy (internal/advocacy): the needs record, the advocacy and IMCA required actions, referrals.
	mental := capacitypage.New(tmpl, a.Capacity)
	page("GET /people/{id}/episodes/{episode}/capacity", mental.List())
	page("GET /people/{id}/episodes/{episode}/capacity/new", mental.NewAssessment())
	page("POST /people/{id}/episodes/{episode}/capacity/new", mental.NewAssessment())
	page("GET /people/{id}/episodes/{episode}/capacity/{assessment}", mental.Assessment())
	page("GET /people/{id}/episodes/{episode}/capacity/{assessment}/best-interests/new", mental.NewBestInterests())
	page("POST /people/{id}/episodes/{episode}/capacity/{assessment}/best-interests/new", mental.NewBestInterests())
	advocate := advocacypage.New(tmpl, a.Advocacy)
	page("GET /people/{id}/episodes/{episode}/advocacy", advocate.Episode())
	page("GET /people/{id}/episodes/{episode}/advocacy/needs/new", advocate.Needs())
	page("POST /people/{id}/episodes/{episode}/advocacy/needs/new", advocate.Needs())
	page("GET /people/{id}/episodes/{episode}/advocacy/referrals/new", advocate.NewReferral())
	page("POST /people/{id}/episodes/{episode}/advocacy/referrals/new", advocate.NewReferral())
	page("GET /people/{id}/episodes/{episode}/advocacy/referrals/{referral}", advocate.Referral())
	page("POST /people/{id}/episodes/{episode}/advocacy/referrals/{referral}", advocate.Referral())
	page("GET /people/{id}/episodes/{episode}/advocacy/actions/{action}/reason", advocate.Reason())
	page("POST /people/{id}/episodes/{episode}/advocacy/actions/{action}/reason", advocate.Reason())
	// Risk enablement, crisis and family group conferences on an episode (internal/risks, internal/crisis,
	// internal/conferences).
	riskPages := riskpage.New(tmpl, a.Risks)
	page("GET /people/{id}/episodes/{episode}/risks", riskPages.List())
	page("GET /people/{id}/episodes/{episode}/risks/new", riskPages.New())
	page("POST /people/{id}/episodes/{episode}/risks/new", riskPages.New())
	page("GET /people/{id}/episodes/{episode}/risks/{risk}", riskPages.Risk())
	page("POST /people/{id}/episodes/{episode}/risks/{risk}", riskPages.Risk())
	page("GET /people/{id}/episodes/{episode}/risks/{risk}/edit", riskPages.Edit())
	page("POST /people/{id}/episodes/{episode}/risks/{risk}/edit", riskPages.Edit())
	crisisPages := crisispage.New(tmpl, a.Crisis)
	page("GET /people/{id}/episodes/{episode}/crisis", crisisPages.Crisis())
	page("POST /people/{id}/episodes/{episode}/crisis", crisisPages.Crisis())
	page("GET /people/{id}/episodes/{episode}/crisis/new", crisisPages.Mark())
	page("POST /people/{id}/episodes/{episode}/crisis/new", crisisPages.Mark())
	conferencePages := conferencepage.New(tmpl, a.Conferences)
	page("GET /people/{id}/episodes/{episode}/conferences", conferencePages.List())
	page("GET /people/{id}/episodes/{episode}/conferences/new", conferencePages.Refer())
	page("POST /people/{id}/episodes/{episode}/conferences/new", conferencePages.Refer())
	page("GET /people/{id}/episodes/{episode}/conferences/{conference}", conferencePages.Conference())
	page("POST /people/{id}/episodes/{episode}/conferences/{conference}/held", conferencePages.Held())
	page("POST /people/{id}/episodes/{episode}/conferences/{conference}/review", conferencePages.Review())
	page("POST /people/{id}/episodes/{episode}/conferences/{conference}/items/{item}/solution", conferencePages.AddItem())

	admin := func(pattern string, h web.Handler) {
		a.staffRoutes = append(a.staffRoutes, pattern)
		mux.Handle(pattern, a.Auth.RequireRole(councils.Role.Administers)(tmpl.Handle(h)))
	}
	admin("GET /admin/access-log", accesslogpage.Search(tmpl, a.Log, a.Councils))
	admin("GET /admin/break-glass", personpage.BreakGlassReviews(tmpl, a.People))
	admin("POST /admin/break-glass", personpage.BreakGlassReviews(tmpl, a.People))
	a.adminRoutes(tmpl, admin)

	a.apiRoutes(mux)

	// Pages: the session, then the signed-in member of staff, then the people they opened by break-glass. An address
	// that matches no route is answered as the part of the site it is under answers its own errors.
	// Outermost, the bound on the work taken on at once: past it a request is refused at once with 503, before it
	// costs a session lookup (app.Config.Load).
	handler := tmpl.Protect(a.Auth.Load(a.withBrokenGlass(web.Unmatched(mux, unmatched(tmpl)))))
	return web.Shed(handler, a.cfg.Load, busy(tmpl))
}

// busy answers a request refused at capacity, as the part of the site it is under answers its own errors.
func busy(tmpl *web.Templates) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/oruk/") {
			api.Busy(w, r)
			return
		}
		tmpl.Busy(w, r)
	}
}

// unmatched answers an address that matches no route (404, or 405 for a method the address does not take): with a
// problem document under /api/, in the Open Referral UK API's manner under /oruk/, and otherwise with the GOV.UK
// error page. Someone signed out sees the page too, rather than being sent to sign in first: the address is wrong
// whoever asks, the page shows nothing about anyone (the header has no name, and its link to the start page leads
// to sign-in), and which addresses exist is no secret of an open-source service. A record's address that does
// match a route still sends them to sign in, so whether a record exists never shows.
func unmatched(tmpl *web.Templates) func(w http.ResponseWriter, r *http.Request, status int) {
	return func(w http.ResponseWriter, r *http.Request, status int) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/api/"):
			api.Unmatched(w, r, status)
		case strings.HasPrefix(r.URL.Path, "/oruk/"):
			orukapi.Unmatched(w, r, status)
		default:
			tmpl.ErrorStatus(w, r, status)
		}
	}
}
