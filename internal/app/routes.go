package app

import (
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog/accesslogpage"
	"github.com/golden-thread/goldenthread/internal/advocacy/advocacypage"
	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/audits/auditpage"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/capacity/capacitypage"
	"github.com/golden-thread/goldenthread/internal/caseloads/caseloadpage"
	"github.com/golden-thread/goldenthread/internal/chronology/chronologypage"
	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/cld/cldpage"
	"github.com/golden-thread/goldenthread/internal/community/communitypage"
	"github.com/golden-thread/goldenthread/internal/conferences/conferencepage"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationpage"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/crisis/crisispage"
	"github.com/golden-thread/goldenthread/internal/directory/directorypage"
	"github.com/golden-thread/goldenthread/internal/directory/orukapi"
	"github.com/golden-thread/goldenthread/internal/discovery/discoverypage"
	"github.com/golden-thread/goldenthread/internal/feedback/feedbackpage"
	"github.com/golden-thread/goldenthread/internal/frontdoor/frontdoorpage"
	"github.com/golden-thread/goldenthread/internal/insight/insightpage"
	"github.com/golden-thread/goldenthread/internal/learning/learningpage"
	"github.com/golden-thread/goldenthread/internal/outcomes/outcomepage"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people/personpage"
	"github.com/golden-thread/goldenthread/internal/plans/financepage"
	"github.com/golden-thread/goldenthread/internal/plans/planpage"
	"github.com/golden-thread/goldenthread/internal/plans/servicepage"
	"github.com/golden-thread/goldenthread/internal/plans/supportplanpage"
	"github.com/golden-thread/goldenthread/internal/practicemodels/modelpage"
	"github.com/golden-thread/goldenthread/internal/practicestudy/studypage"
	"github.com/golden-thread/goldenthread/internal/reviews/reviewpage"
	"github.com/golden-thread/goldenthread/internal/risks/riskpage"
	"github.com/golden-thread/goldenthread/internal/safeguarding/safeguardingpage"
	"github.com/golden-thread/goldenthread/internal/strengths/strengthpage"
	"github.com/golden-thread/goldenthread/internal/supervision/supervisionpage"
	"github.com/golden-thread/goldenthread/internal/thread/threadpage"
	"github.com/golden-thread/goldenthread/internal/web"
	"github.com/golden-thread/goldenthread/internal/workforce/workforcepage"
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
	public(paths.Home.Route("GET"), a.home())

	a.authRoutes(tmpl, public, page)

	people := personpage.New(tmpl, a.People, a.Councils, a.Auth).WithEpisodes(conversationpage.PersonEpisodes(a.Conversations)).WithDuties(a.Duties).
		WithSafeguarding(safeguardingpage.PersonNotice(a.Safeguarding))
	page(paths.People.Route("GET"), people.Find())
	page(paths.NewPerson.Route("GET"), people.New())
	page(paths.NewPerson.Route("POST"), people.New())
	page(paths.Person.Route("GET"), people.View())
	page(paths.PersonEdit.Route("GET"), people.Edit())
	page(paths.PersonEdit.Route("POST"), people.Edit())
	page(paths.BreakGlass.Route("GET"), people.BreakGlass())
	page(paths.BreakGlass.Route("POST"), people.BreakGlass())
	page(paths.Viewers.Route("GET"), people.Viewers())
	page(paths.NewMember.Route("GET"), people.Member())
	page(paths.NewMember.Route("POST"), people.Member())
	page(paths.Member.Route("GET"), people.Member())
	page(paths.Member.Route("POST"), people.Member())

	// Contacts, episodes of work and their steps, conversations and eligibility (internal/conversations).
	// The signposting section of every page that records signposts: the contact page and the front door's.
	signposting := frontdoorpage.NewSignposting(a.Directory, func() time.Time { return a.DB.Today().Time })
	mux.Handle(paths.DirectorySuggest.Route("GET"), signposting.Suggest(a.log))
	work := conversationpage.New(tmpl, a.Conversations, a.People, a.FrontDoor, signposting).WithCrisis(a.Crisis).WithSittings(a.Sittings)
	page(paths.NewContact.Route("GET"), work.NewContact())
	page(paths.NewContact.Route("POST"), work.NewContact())
	page(paths.Episode.Route("GET"), work.Episode())
	page(paths.Step.Route("GET"), work.Step())
	page(paths.Step.Route("POST"), work.Step())
	page(paths.EpisodeEnd.Route("GET"), work.End())
	page(paths.EpisodeEnd.Route("POST"), work.End())
	page(paths.NewConversation.Route("GET"), work.NewConversation())
	page(paths.NewConversation.Route("POST"), work.NewConversation())
	page(paths.Conversation.Route("GET"), work.Conversation())
	page(paths.Conversation.Route("POST"), work.Conversation())
	page(paths.NewDetermination.Route("GET"), work.NewDetermination())
	page(paths.NewDetermination.Route("POST"), work.NewDetermination())
	page(paths.Determination.Route("GET"), work.Determination())
	// Caseloads: my people, a team's, a worker's, with each person's next actions.
	page(paths.Caseload.Route("GET"), caseloadpage.Caseload(tmpl, a.Caseload, a.Councils, a.Supervision, a.Learning, a.Sittings))
	page(paths.RequiredActions.Route("GET"), caseloadpage.Required(tmpl, a.Caseload, a.Councils))

	// Strengths and the network (ecomap).
	strengthPages := strengthpage.New(tmpl, a.Strengths, a.People)
	page(paths.Strengths.Route("GET"), strengthPages.List())
	page(paths.NewStrength.Route("GET"), strengthPages.Strength())
	page(paths.NewStrength.Route("POST"), strengthPages.Strength())
	page(paths.Strength.Route("GET"), strengthPages.Strength())
	page(paths.Strength.Route("POST"), strengthPages.Strength())
	page(paths.Ecomap.Route("GET"), strengthPages.Ecomap())
	page(paths.NewConnection.Route("GET"), strengthPages.Connection())
	page(paths.NewConnection.Route("POST"), strengthPages.Connection())
	page(paths.Connection.Route("GET"), strengthPages.Connection())
	page(paths.Connection.Route("POST"), strengthPages.Connection())

	// A person's chronology.
	page(paths.Chronology.Route("GET"), chronologypage.Chronology(tmpl, a.Chronology))

	// The golden thread of an episode.
	page(paths.Thread.Route("GET"), threadpage.Episode(tmpl, a.Thread))

	// Aspirations and SMART outcomes (outcomepage), and solutions on the least-intrusive ladder (planpage).
	outcomePages := outcomepage.New(tmpl, a.Outcomes)
	page(paths.NewAspiration.Route("GET"), outcomePages.Aspiration())
	page(paths.NewAspiration.Route("POST"), outcomePages.Aspiration())
	page(paths.Aspiration.Route("GET"), outcomePages.Aspiration())
	page(paths.Aspiration.Route("POST"), outcomePages.Aspiration())
	page(paths.Outcomes.Route("GET"), outcomePages.List())
	page(paths.NewOutcome.Route("GET"), outcomePages.Outcome())
	page(paths.NewOutcome.Route("POST"), outcomePages.Outcome())
	page(paths.Outcome.Route("GET"), outcomePages.Outcome())
	page(paths.Outcome.Route("POST"), outcomePages.Outcome())
	planPages := planpage.New(tmpl, a.Plans)
	page(paths.Solutions.Route("GET"), planPages.Ladder())
	page(paths.NewSolution.Route("GET"), planPages.Solution())
	page(paths.NewSolution.Route("POST"), planPages.Solution())
	page(paths.Solution.Route("GET"), planPages.Solution())
	page(paths.Solution.Route("POST"), planPages.Solution())

	// Council-funded services and their authorisation.
	services := servicepage.New(tmpl, a.Services).WithPayments(a.DirectPayments)
	page(paths.Services.Route("GET"), services.List())
	page(paths.NewService.Route("GET"), services.New())
	page(paths.NewService.Route("POST"), services.New())
	page(paths.Service.Route("GET"), services.Service())
	page(paths.Service.Route("POST"), services.Service())
	page(paths.ServiceStart.Route("POST"), services.Start())
	page(paths.ServiceEnd.Route("POST"), services.End())
	page(paths.DirectPayment.Route("GET"), services.DirectPayment())
	page(paths.DirectPayment.Route("POST"), services.DirectPayment())
	page(paths.DirectPaymentMonitoring.Route("POST"), services.Monitoring())
	page(paths.DirectPaymentStatus.Route("POST"), services.Status())
	page(paths.Authorisations.Route("GET"), services.Authorisations())
	page(paths.Authorisation.Route("GET"), services.Decide())
	page(paths.Authorisation.Route("POST"), services.Decide())

	// The community directory (internal/directory): everyone reads it; directory editors and administrators change
	// it and import Open Referral UK feeds.
	dir := directorypage.New(tmpl, a.Directory).WithUse(a.FrontDoor)
	page(paths.Directory.Route("GET"), dir.Home())
	page(paths.NewOrganisation.Route("GET"), dir.OrganisationForm())
	page(paths.NewOrganisation.Route("POST"), dir.OrganisationForm())
	page(paths.Organisation.Route("GET"), dir.Organisation())
	page(paths.OrganisationEdit.Route("GET"), dir.OrganisationForm())
	page(paths.OrganisationEdit.Route("POST"), dir.OrganisationForm())
	page(paths.NewDirectoryService.Route("GET"), dir.ServiceForm())
	page(paths.NewDirectoryService.Route("POST"), dir.ServiceForm())
	page(paths.DirectoryService.Route("GET"), dir.Service())
	page(paths.DirectoryServiceEdit.Route("GET"), dir.ServiceForm())
	page(paths.DirectoryServiceEdit.Route("POST"), dir.ServiceForm())
	page(paths.DirectoryServiceChecked.Route("POST"), dir.Checked())
	page(paths.DirectoryImport.Route("GET"), dir.Import())
	page(paths.DirectoryImport.Route("POST"), dir.Import())
	page(paths.DirectorySearch.Route("GET"), dir.Search())

	// The public Open Referral UK API over each council's directory (internal/directory/orukapi): read-only, no
	// sign-in, any origin, at /oruk/{council code}/.
	orukapi.New(a.Directory, a.Councils, a.Postcodes).Routes(mux)

	// Finance: spend on support by team, the services in place and the requests for authorisation, naming no one.
	a.staffRoutes = append(a.staffRoutes, paths.Finance.Route("GET"))
	mux.Handle(paths.Finance.Route("GET"), a.Auth.RequireRole(councils.Role.ReadsSpend)(tmpl.Handle(financepage.Spend(tmpl, a.Services))))

	// Support plans (versions, agreement, My plan and its PDF) and reviews, with a team's reviews due.
	supportPlans := supportplanpage.New(tmpl, a.SupportPlans, a.PDF)
	page(paths.SupportPlans.Route("GET"), supportPlans.List())
	page(paths.NewSupportPlan.Route("POST"), supportPlans.NewDraft())
	page(paths.SupportPlan.Route("GET"), supportPlans.Plan())
	page(paths.SupportPlan.Route("POST"), supportPlans.Plan())
	page(paths.SupportPlanAgree.Route("GET"), supportPlans.Agree())
	page(paths.SupportPlanAgree.Route("POST"), supportPlans.Agree())
	page(paths.MyPlan.Route("GET"), supportPlans.MyPlan())
	page(paths.MyPlanPDF.Route("GET"), supportPlans.MyPlanPDF(a.log))
	reviewPages := reviewpage.New(tmpl, a.Reviews, a.Councils, a.Conversations)
	page(paths.Reviews.Route("GET"), reviewPages.List())
	page(paths.NextReview.Route("GET"), reviewPages.Next())
	page(paths.NextReview.Route("POST"), reviewPages.Next())
	page(paths.ReviewEnd.Route("POST"), reviewPages.End())
	page(paths.Review.Route("GET"), reviewPages.Review())
	page(paths.Review.Route("POST"), reviewPages.Review())
	page(paths.ReviewsDue.Route("GET"), reviewPages.Team())

	// The front door (internal/frontdoor): new contacts, triage and resolution in two pages, the waiting list and
	// check-ins with people waiting; signposts and referrals to community services from an episode, and their
	// follow-up.
	door := frontdoorpage.New(tmpl, a.FrontDoor, a.Councils, signposting)
	page(paths.FrontDoor.Route("GET"), door.Contacts())
	page(paths.Waiting.Route("GET"), door.Waiting())
	page(paths.Triage.Route("GET"), door.Triage())
	page(paths.Triage.Route("POST"), door.Triage())
	page(paths.Resolve.Route("GET"), door.Resolve())
	page(paths.Resolve.Route("POST"), door.Resolve())
	page(paths.NewCheckIn.Route("GET"), door.CheckIn())
	page(paths.NewCheckIn.Route("POST"), door.CheckIn())
	page(paths.Signposts.Route("GET"), door.Signposts())
	page(paths.NewSignpost.Route("GET"), door.NewSignpost())
	page(paths.NewSignpost.Route("POST"), door.NewSignpost())
	page(paths.Signpost.Route("GET"), door.Signpost())
	page(paths.Signpost.Route("POST"), door.Signpost())

	// Safeguarding (internal/safeguarding): raising a concern from a person's page (any member of staff who changes
	// records); everything else only for the council's safeguarding roles, not found for anyone else.
	sg := safeguardingpage.New(tmpl, a.Safeguarding, a.People)
	page(paths.NewConcern.Route("GET"), sg.Raise())
	page(paths.NewConcern.Route("POST"), sg.Raise())
	page(paths.Concerns.Route("GET"), sg.List())
	page(paths.Concern.Route("GET"), sg.Concern())
	page(paths.ConcernReceived.Route("GET"), sg.Receipt())
	page(paths.ConcernAlleged.Route("GET"), sg.Alleged())
	page(paths.ConcernAlleged.Route("POST"), sg.Alleged())
	page(paths.ConcernDecision.Route("GET"), sg.Decide())
	page(paths.ConcernDecision.Route("POST"), sg.Decide())
	page(paths.Enquiry.Route("GET"), sg.Enquiry())
	page(paths.EnquiryPart.Route("POST"), sg.EnquiryChange())
	page(paths.Safeguarding.Route("GET"), sg.Open())
	page(paths.SafeguardingSummary.Route("GET"), sg.Summary())
	// Mental capacity (internal/capacity): assessments of one decision at one time, best-interests decisions; and
	// advocacy (internal/advocacy): the needs record, the advocacy and IMCA required actions, referrals.
	mental := capacitypage.New(tmpl, a.Capacity)
	page(paths.Capacity.Route("GET"), mental.List())
	page(paths.NewAssessment.Route("GET"), mental.NewAssessment())
	page(paths.NewAssessment.Route("POST"), mental.NewAssessment())
	page(paths.Assessment.Route("GET"), mental.Assessment())
	page(paths.NewBestInterests.Route("GET"), mental.NewBestInterests())
	page(paths.NewBestInterests.Route("POST"), mental.NewBestInterests())
	advocate := advocacypage.New(tmpl, a.Advocacy)
	page(paths.Advocacy.Route("GET"), advocate.Episode())
	page(paths.AdvocacyNeeds.Route("GET"), advocate.Needs())
	page(paths.AdvocacyNeeds.Route("POST"), advocate.Needs())
	page(paths.NewReferral.Route("GET"), advocate.NewReferral())
	page(paths.NewReferral.Route("POST"), advocate.NewReferral())
	page(paths.Referral.Route("GET"), advocate.Referral())
	page(paths.Referral.Route("POST"), advocate.Referral())
	page(paths.AdvocacyReason.Route("GET"), advocate.Reason())
	page(paths.AdvocacyReason.Route("POST"), advocate.Reason())
	// Risk enablement, crisis and family group conferences on an episode (internal/risks, internal/crisis,
	// internal/conferences).
	riskPages := riskpage.New(tmpl, a.Risks)
	page(paths.Risks.Route("GET"), riskPages.List())
	page(paths.NewRisk.Route("GET"), riskPages.New())
	page(paths.NewRisk.Route("POST"), riskPages.New())
	page(paths.Risk.Route("GET"), riskPages.Risk())
	page(paths.Risk.Route("POST"), riskPages.Risk())
	page(paths.RiskEdit.Route("GET"), riskPages.Edit())
	page(paths.RiskEdit.Route("POST"), riskPages.Edit())
	crisisPages := crisispage.New(tmpl, a.Crisis)
	page(paths.Crisis.Route("GET"), crisisPages.Crisis())
	page(paths.Crisis.Route("POST"), crisisPages.Crisis())
	page(paths.NewCrisis.Route("GET"), crisisPages.Mark())
	page(paths.NewCrisis.Route("POST"), crisisPages.Mark())
	conferencePages := conferencepage.New(tmpl, a.Conferences)
	page(paths.Conferences.Route("GET"), conferencePages.List())
	page(paths.NewConference.Route("GET"), conferencePages.Refer())
	page(paths.NewConference.Route("POST"), conferencePages.Refer())
	page(paths.Conference.Route("GET"), conferencePages.Conference())
	page(paths.ConferenceHeld.Route("POST"), conferencePages.Held())
	page(paths.ConferenceReview.Route("POST"), conferencePages.Review())
	page(paths.ConferenceItemSolution.Route("POST"), conferencePages.AddItem())
	// Quality assurance: case file audits, rounds and their findings (internal/audits).
	quality := auditpage.New(tmpl, a.Audits, a.PDF)
	page(paths.Quality.Route("GET"), quality.Home())
	page(paths.NewAuditRound.Route("GET"), quality.NewRound())
	page(paths.NewAuditRound.Route("POST"), quality.NewRound())
	page(paths.AuditRound.Route("GET"), quality.Round())
	page(paths.AuditRoundClose.Route("POST"), quality.CloseRound())
	page(paths.AuditRoundModeration.Route("POST"), quality.DrawModeration())
	page(paths.AuditFindings.Route("GET"), quality.Findings())
	page(paths.AuditFindingsCSV.Route("GET"), quality.FindingsCSV())
	page(paths.AuditFindingsPDF.Route("GET"), quality.FindingsPDF(a.log))
	page(paths.Audit.Route("GET"), quality.Audit())
	page(paths.Audit.Route("POST"), quality.Audit())
	page(paths.AuditReflection.Route("POST"), quality.Reflection())
	page(paths.AuditModeration.Route("POST"), quality.Moderation())
	page(paths.AuditReallocation.Route("GET"), quality.Reallocate())
	page(paths.AuditReallocation.Route("POST"), quality.Reallocate())
	page(paths.AuditTools.Route("GET"), quality.Tools())
	page(paths.AuditTool.Route("GET"), quality.Tool())
	page(paths.AuditToolEdit.Route("GET"), quality.EditTool())
	page(paths.AuditToolEdit.Route("POST"), quality.EditTool())
	// Insight: the IQAM pack and each measure of the catalogue, naming no one, and the people behind a figure for those
	// who may see them, access-logged (internal/insight).
	insightPages := insightpage.New(tmpl, a.Insight, a.PDF, a.log)
	page(paths.Insight.Route("GET"), insightPages.IQAM())
	page(paths.InsightPackPDF.Route("GET"), insightPages.PackPDF())
	page(paths.InsightMeasure.Route("GET"), insightPages.Measure())
	page(paths.InsightMeasureCSV.Route("GET"), insightPages.MeasureCSV())
	page(paths.InsightFairUse.Route("GET"), insightPages.FairUse())
	page(paths.InsightPopulation.Route("GET"), insightPages.Population())
	page(paths.InsightPopulation.Route("POST"), insightPages.Population())
	page(paths.InsightPeople.Route("GET"), insightPages.People())
	// The Client Level Data return (internal/cld): only the roles that see the whole council have it, since it holds
	// every person's identifiable details.
	wholeCouncil := func(pattern string, h web.Handler) {
		a.staffRoutes = append(a.staffRoutes, pattern)
		mux.Handle(pattern, a.Auth.RequireRole(councils.Role.SeesWholeCouncil)(tmpl.Handle(h)))
	}
	returns := cldpage.New(tmpl, cld.NewStore(a.DB))
	wholeCouncil(paths.ClientLevelData.Route("GET"), returns.Return(false))
	wholeCouncil(paths.ClientLevelDataCSV.Route("GET"), returns.Return(true))
	a.feedbackRoutes(tmpl, public, page)
	a.practiceStudyRoutes(tmpl, page)
	a.practiceModelRoutes(tmpl, page)
	a.programmeRoutes(tmpl, page)
	// Supervision: the policy, sessions and who is overdue (internal/supervision).
	supervising := supervisionpage.New(tmpl, a.Supervision, a.Caseload)
	page(paths.Supervision.Route("GET"), supervising.List())
	page(paths.NewSupervision.Route("GET"), supervising.New())
	page(paths.NewSupervision.Route("POST"), supervising.New())
	page(paths.SupervisionSession.Route("GET"), supervising.Session())
	page(paths.SupervisionSession.Route("POST"), supervising.Session())
	page(paths.SupervisionPolicy.Route("GET"), supervising.Policy())
	page(paths.SupervisionPolicy.Route("POST"), supervising.Policy())
	a.learningOversightRoutes(tmpl, page)
	a.programmeKPIRoutes(tmpl, page)
	a.discoveryRoutes(tmpl, page)
	a.networkRoutes(tmpl, page)
	a.networkWorkRoutes(tmpl, page)
	// Staff resources: scenarios and the staff each team needs beside the staff it has (internal/workforce).
	staffing := workforcepage.New(tmpl, a.Workforce)
	page(paths.Workforce.Route("GET"), staffing.Home())
	page(paths.NewWorkforceScenario.Route("GET"), staffing.New())
	page(paths.NewWorkforceScenario.Route("POST"), staffing.New())
	page(paths.WorkforceScenario.Route("GET"), staffing.Scenario())
	page(paths.WorkforceScenarioEdit.Route("GET"), staffing.Edit())
	page(paths.WorkforceScenarioEdit.Route("POST"), staffing.Edit())
	page(paths.WorkforceCompare.Route("GET"), staffing.Compare())
	page(paths.WorkforceVolumes.Route("GET"), staffing.Volumes())
	// The community of practice: practitioner networks and the library of good practice (internal/community).
	networks := communitypage.New(tmpl, a.Community, a.Councils)
	page(paths.NetworkEvents.Route("GET"), networks.Networks())
	page(paths.NewNetworkEvent.Route("GET"), networks.NewEvent())
	page(paths.NewNetworkEvent.Route("POST"), networks.NewEvent())
	page(paths.NetworkEvent.Route("GET"), networks.Event())
	page(paths.NetworkEventEdit.Route("GET"), networks.EditEvent())
	page(paths.NetworkEventEdit.Route("POST"), networks.EditEvent())
	page(paths.PracticeLibrary.Route("GET"), networks.Library())
	page(paths.NewPracticeStory.Route("GET"), networks.NewStory())
	page(paths.NewPracticeStory.Route("POST"), networks.NewStory())
	page(paths.PracticeStory.Route("GET"), networks.Story())
	page(paths.PracticeStory.Route("POST"), networks.Story())
	page(paths.PracticeStoryEdit.Route("GET"), networks.EditStory())
	page(paths.PracticeStoryEdit.Route("POST"), networks.EditStory())
	// The learning programme: the catalogue, sessions, bookings, attendance and evaluations (internal/learning).
	learningPages := learningpage.New(tmpl, a.Learning, a.Councils)
	page(paths.LearningCatalogue.Route("GET"), learningPages.Catalogue())
	page(paths.MyLearning.Route("GET"), learningPages.Mine())
	page(paths.NewLearningCourse.Route("GET"), learningPages.NewCourse())
	page(paths.NewLearningCourse.Route("POST"), learningPages.NewCourse())
	page(paths.LearningCourse.Route("GET"), learningPages.Course())
	page(paths.LearningCourseEdit.Route("GET"), learningPages.EditCourse())
	page(paths.LearningCourseEdit.Route("POST"), learningPages.EditCourse())
	page(paths.LearningMaterials.Route("POST"), learningPages.Upload())
	page(paths.NewLearningSession.Route("GET"), learningPages.NewSession())
	page(paths.NewLearningSession.Route("POST"), learningPages.NewSession())
	page(paths.LearningMaterial.Route("GET"), learningPages.Download())
	page(paths.LearningMaterialDelete.Route("POST"), learningPages.DeleteMaterial())
	page(paths.LearningSession.Route("GET"), learningPages.Session())
	page(paths.LearningSession.Route("POST"), learningPages.Session())
	page(paths.LearningSessionBook.Route("POST"), learningPages.Book())
	page(paths.LearningSessionCancel.Route("POST"), learningPages.CancelSession())
	page(paths.LearningBookingCancel.Route("POST"), learningPages.CancelBooking())
	page(paths.LearningEvaluation.Route("GET"), learningPages.Evaluation())
	page(paths.LearningEvaluation.Route("POST"), learningPages.Evaluation())

	admin := func(pattern string, h web.Handler) {
		a.staffRoutes = append(a.staffRoutes, pattern)
		mux.Handle(pattern, a.Auth.RequireRole(councils.Role.Administers)(tmpl.Handle(h)))
	}
	admin(paths.AccessLog.Route("GET"), accesslogpage.Search(tmpl, a.Log, a.Councils))
	admin(paths.BreakGlassReviews.Route("GET"), personpage.BreakGlassReviews(tmpl, a.People))
	admin(paths.BreakGlassReviews.Route("POST"), personpage.BreakGlassReviews(tmpl, a.People))
	a.adminRoutes(tmpl, admin)

	a.apiRoutes(mux)

	// Pages: the session, then the signed-in member of staff, then the people they opened by break-glass. An address
	// that matches no route is answered as the part of the site it is under answers its own errors.
	// Outermost, the bound on the work taken on at once: past it a request is refused at once with 503, before it
	// costs a session lookup (app.Config.Load).
	handler := tmpl.Protect(a.Auth.Load(a.withBrokenGlass(web.Unmatched(mux, unmatched(tmpl)))))
	return web.Shed(a.withClock(handler), a.cfg.Load, busy(tmpl))
}

// withClock puts the database's clock in every request, so that pages and the API know today's date as the stores
// do (web.Today), by the clock tests set.
func (a *App) withClock(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(a.DB.WithClock(r.Context())))
	})
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

// feedbackRoutes mounts feedback from people and staff (internal/feedback): an episode's feedback, the page a person
// answers on with a one-time code and no sign-in, the staff survey, and the quality lead's results, surveys and
// rounds.
func (a *App) feedbackRoutes(tmpl *web.Templates, public, page func(string, web.Handler)) {
	p := feedbackpage.New(tmpl, a.Feedback, a.PDF)
	page(paths.EpisodeFeedback.Route("GET"), p.Episode())
	page(paths.NewEpisodeFeedback.Route("GET"), p.Record())
	page(paths.NewEpisodeFeedback.Route("POST"), p.Record())
	page(paths.FeedbackLink.Route("POST"), p.Link())
	page(paths.FeedbackPaper.Route("POST"), p.Paper())
	public(paths.AnswerFeedback.Route("GET"), p.Answer())
	public(paths.AnswerFeedback.Route("POST"), p.Answer())
	page(paths.FeedbackHome.Route("GET"), p.Home())
	page(paths.FeedbackSurvey.Route("GET"), p.EditSurvey())
	page(paths.FeedbackSurvey.Route("POST"), p.EditSurvey())
	page(paths.NewFeedbackRound.Route("GET"), p.NewRound())
	page(paths.NewFeedbackRound.Route("POST"), p.NewRound())
	page(paths.StaffSurveys.Route("GET"), p.StaffSurveys())
	page(paths.StaffSurvey.Route("GET"), p.StaffSurvey())
	page(paths.StaffSurvey.Route("POST"), p.StaffSurvey())
}

// learningOversightRoutes mounts the learning programme's oversight (internal/learning): coverage by team and
// course, new starters' induction, and the import of past attendance.
func (a *App) learningOversightRoutes(tmpl *web.Templates, page func(string, web.Handler)) {
	o := learningpage.NewOversight(tmpl, a.Learning)
	page(paths.LearningCoverage.Route("GET"), o.Coverage())
	page(paths.LearningTeamCoverage.Route("GET"), o.TeamCoverage())
	page(paths.Inductions.Route("GET"), o.Inductions())
	page(paths.NewInduction.Route("GET"), o.NewInduction())
	page(paths.NewInduction.Route("POST"), o.NewInduction())
	page(paths.Induction.Route("GET"), o.Induction())
	page(paths.Induction.Route("POST"), o.Induction())
	page(paths.LearningImport.Route("GET"), o.Import())
	page(paths.LearningImport.Route("POST"), o.Import())
}

// practiceStudyRoutes mounts the practice study (internal/practicestudy): the studies, a study's results, the diary a
// day at a time, reflective sessions, lived experience, and the case for change with its PDF.
func (a *App) practiceStudyRoutes(tmpl *web.Templates, page func(string, web.Handler)) {
	p := studypage.New(tmpl, a.PracticeStudy, a.Councils, a.PDF, a.log)
	page(paths.PracticeStudies.Route("GET"), p.List())
	page(paths.NewPracticeStudy.Route("GET"), p.New())
	page(paths.NewPracticeStudy.Route("POST"), p.New())
	page(paths.PracticeStudy.Route("GET"), p.Study())
	page(paths.PracticeStudyDiary.Route("GET"), p.Diary())
	page(paths.PracticeStudyDiary.Route("POST"), p.Diary())
	page(paths.NewStudyReflection.Route("GET"), p.NewReflection())
	page(paths.NewStudyReflection.Route("POST"), p.NewReflection())
	page(paths.NewStudyEngagement.Route("GET"), p.NewEngagement())
	page(paths.NewStudyEngagement.Route("POST"), p.NewEngagement())
	page(paths.CaseForChange.Route("GET"), p.Case())
	page(paths.CaseForChangeEdit.Route("GET"), p.EditCase())
	page(paths.CaseForChangeEdit.Route("POST"), p.EditCase())
	page(paths.CaseForChangePDF.Route("GET"), p.CasePDF())
}

// practiceModelRoutes mounts the council's practice models (internal/practicemodels): the models with the council's
// choice, a model, and adding and changing one.
func (a *App) practiceModelRoutes(tmpl *web.Templates, page func(string, web.Handler)) {
	p := modelpage.New(tmpl, a.PracticeModels)
	page(paths.PracticeModels.Route("GET"), p.Models())
	page(paths.PracticeModels.Route("POST"), p.Models())
	page(paths.NewPracticeModel.Route("GET"), p.NewModel())
	page(paths.NewPracticeModel.Route("POST"), p.NewModel())
	page(paths.PracticeModel.Route("GET"), p.Model())
	page(paths.PracticeModelEdit.Route("GET"), p.EditModel())
	page(paths.PracticeModelEdit.Route("POST"), p.EditModel())
}

// discoveryRoutes mounts what the implementation programme found and dreamed (internal/discovery): findings, the
// vision, the cultural web and stakeholders.
func (a *App) discoveryRoutes(tmpl *web.Templates, page func(string, web.Handler)) {
	p := discoverypage.New(tmpl, a.Discovery, a.Councils)
	page(paths.ProgrammeDiscovery.Route("GET"), p.Findings())
	page(paths.NewDiscoveryFinding.Route("GET"), p.FindingForm())
	page(paths.NewDiscoveryFinding.Route("POST"), p.FindingForm())
	page(paths.DiscoveryFindingEdit.Route("GET"), p.FindingForm())
	page(paths.DiscoveryFindingEdit.Route("POST"), p.FindingForm())
	page(paths.ProgrammeVision.Route("GET"), p.Vision())
	page(paths.NewVisionVersion.Route("GET"), p.NewVision())
	page(paths.NewVisionVersion.Route("POST"), p.NewVision())
	page(paths.CulturalWeb.Route("GET"), p.Culture())
	page(paths.NewCultureObservation.Route("GET"), p.ObservationForm())
	page(paths.NewCultureObservation.Route("POST"), p.ObservationForm())
	page(paths.CultureObservationEdit.Route("GET"), p.ObservationForm())
	page(paths.CultureObservationEdit.Route("POST"), p.ObservationForm())
	page(paths.Stakeholders.Route("GET"), p.Stakeholders())
	page(paths.NewStakeholder.Route("GET"), p.StakeholderForm())
	page(paths.NewStakeholder.Route("POST"), p.StakeholderForm())
	page(paths.StakeholderEdit.Route("GET"), p.StakeholderForm())
	page(paths.StakeholderEdit.Route("POST"), p.StakeholderForm())
}
