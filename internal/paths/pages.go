package paths

// Every page's path, declared once. Routes register them (internal/app/routes.go), handlers redirect and link with
// their URL methods, and templates call them by name: {{path "Risk" .PersonID .EpisodeID .ID}}.
var (
	Home                    = p0("Home", "/{$}")
	SignIn                  = p0("SignIn", "/sign-in")
	SignOut                 = p0("SignOut", "/sign-out")
	TwoFactor               = p0("TwoFactor", "/sign-in/two-factor")
	SetUpTwoFactor          = p0("SetUpTwoFactor", "/account/two-factor")
	KeepAlive               = p0("KeepAlive", "/session/keep-alive")
	People                  = p0("People", "/people")
	NewPerson               = p0("NewPerson", "/people/new")
	Person                  = p1("Person", "/people/{id}")
	PersonEdit              = p1("PersonEdit", "/people/{id}/edit")
	BreakGlass              = p1("BreakGlass", "/people/{id}/break-glass")
	Viewers                 = p1("Viewers", "/people/{id}/access")
	NewMember               = p1("NewMember", "/people/{id}/network/new")
	Member                  = p2("Member", "/people/{id}/network/{member}")
	NewContact              = p1("NewContact", "/people/{id}/contacts/new")
	Episode                 = p2("Episode", "/people/{id}/episodes/{episode}")
	Step                    = p3("Step", "/people/{id}/episodes/{episode}/steps/{step}")
	EpisodeEnd              = p2("EpisodeEnd", "/people/{id}/episodes/{episode}/end")
	NewConversation         = p2("NewConversation", "/people/{id}/episodes/{episode}/conversations/new")
	Conversation            = p3("Conversation", "/people/{id}/episodes/{episode}/conversations/{conversation}")
	NewDetermination        = p2("NewDetermination", "/people/{id}/episodes/{episode}/eligibility/new")
	Determination           = p3("Determination", "/people/{id}/episodes/{episode}/eligibility/{eligibility}")
	Caseload                = p0("Caseload", "/caseload")
	RequiredActions         = p0("RequiredActions", "/required-actions")
	Strengths               = p1("Strengths", "/people/{id}/strengths")
	NewStrength             = p1("NewStrength", "/people/{id}/strengths/new")
	Strength                = p2("Strength", "/people/{id}/strengths/{strength}")
	Ecomap                  = p1("Ecomap", "/people/{id}/ecomap")
	NewConnection           = p1("NewConnection", "/people/{id}/connections/new")
	Connection              = p2("Connection", "/people/{id}/connections/{connection}")
	Chronology              = p1("Chronology", "/people/{id}/chronology")
	Thread                  = p2("Thread", "/people/{id}/episodes/{episode}/thread")
	NewAspiration           = p1("NewAspiration", "/people/{id}/aspirations/new")
	Aspiration              = p2("Aspiration", "/people/{id}/aspirations/{aspiration}")
	Outcomes                = p2("Outcomes", "/people/{id}/episodes/{episode}/outcomes")
	NewOutcome              = p2("NewOutcome", "/people/{id}/episodes/{episode}/outcomes/new")
	Outcome                 = p3("Outcome", "/people/{id}/episodes/{episode}/outcomes/{outcome}")
	Solutions               = p2("Solutions", "/people/{id}/episodes/{episode}/solutions")
	NewSolution             = p2("NewSolution", "/people/{id}/episodes/{episode}/solutions/new")
	Solution                = p3("Solution", "/people/{id}/episodes/{episode}/solutions/{solution}")
	Services                = p2("Services", "/people/{id}/episodes/{episode}/services")
	NewService              = p2("NewService", "/people/{id}/episodes/{episode}/services/new")
	Service                 = p3("Service", "/people/{id}/episodes/{episode}/services/{service}")
	ServiceStart            = p3("ServiceStart", "/people/{id}/episodes/{episode}/services/{service}/start")
	ServiceEnd              = p3("ServiceEnd", "/people/{id}/episodes/{episode}/services/{service}/end")
	DirectPayment           = p3("DirectPayment", "/people/{id}/episodes/{episode}/services/{service}/direct-payment")
	DirectPaymentMonitoring = p3("DirectPaymentMonitoring", "/people/{id}/episodes/{episode}/services/{service}/direct-payment/monitoring")
	DirectPaymentStatus     = p3("DirectPaymentStatus", "/people/{id}/episodes/{episode}/services/{service}/direct-payment/status")
	Authorisations          = p0("Authorisations", "/authorisations")
	Authorisation           = p1("Authorisation", "/authorisations/{authorisation}")
	Directory               = p0("Directory", "/directory")
	NewOrganisation         = p0("NewOrganisation", "/directory/organisations/new")
	Organisation            = p1("Organisation", "/directory/organisations/{organisation}")
	OrganisationEdit        = p1("OrganisationEdit", "/directory/organisations/{organisation}/edit")
	NewDirectoryService     = p0("NewDirectoryService", "/directory/services/new")
	DirectoryService        = p1("DirectoryService", "/directory/services/{service}")
	DirectoryServiceEdit    = p1("DirectoryServiceEdit", "/directory/services/{service}/edit")
	DirectoryServiceChecked = p1("DirectoryServiceChecked", "/directory/services/{service}/checked")
	DirectoryImport         = p0("DirectoryImport", "/directory/import")
	DirectorySearch         = p0("DirectorySearch", "/directory/search")
	DirectorySuggest        = p0("DirectorySuggest", "/directory/services/suggest")
	Finance                 = p0("Finance", "/finance")
	Insight                 = p0("Insight", "/insight")
	InsightPackPDF          = p0("InsightPackPDF", "/insight/pack.pdf")
	InsightMeasure          = p1("InsightMeasure", "/insight/measures/{measure}")
	InsightMeasureCSV       = p1("InsightMeasureCSV", "/insight/measures/{measure}/figures.csv")
	InsightFairUse          = p0("InsightFairUse", "/insight/fair-use")
	InsightPopulation       = p0("InsightPopulation", "/insight/population")
	InsightPeople           = p1("InsightPeople", "/insight/measures/{measure}/people")
	SupportPlans            = p2("SupportPlans", "/people/{id}/episodes/{episode}/plan")
	NewSupportPlan          = p2("NewSupportPlan", "/people/{id}/episodes/{episode}/plan/new")
	SupportPlan             = p3("SupportPlan", "/people/{id}/episodes/{episode}/plan/{plan}")
	SupportPlanAgree        = p3("SupportPlanAgree", "/people/{id}/episodes/{episode}/plan/{plan}/agree")
	MyPlan                  = p3("MyPlan", "/people/{id}/episodes/{episode}/plan/{plan}/my-plan")
	MyPlanPDF               = p3("MyPlanPDF", "/people/{id}/episodes/{episode}/plan/{plan}/my-plan.pdf")
	Reviews                 = p2("Reviews", "/people/{id}/episodes/{episode}/reviews")
	NextReview              = p2("NextReview", "/people/{id}/episodes/{episode}/reviews/next")
	ReviewEnd               = p3("ReviewEnd", "/people/{id}/episodes/{episode}/reviews/{review}/end")
	Review                  = p3("Review", "/people/{id}/episodes/{episode}/reviews/{review}")
	ReviewsDue              = p0("ReviewsDue", "/reviews")
	FrontDoor               = p0("FrontDoor", "/front-door")
	Waiting                 = p0("Waiting", "/front-door/waiting")
	Triage                  = p2("Triage", "/people/{id}/episodes/{episode}/triage")
	Resolve                 = p2("Resolve", "/people/{id}/episodes/{episode}/resolve")
	NewCheckIn              = p2("NewCheckIn", "/people/{id}/episodes/{episode}/check-ins/new")
	Signposts               = p2("Signposts", "/people/{id}/episodes/{episode}/signposts")
	NewSignpost             = p2("NewSignpost", "/people/{id}/episodes/{episode}/signposts/new")
	Signpost                = p3("Signpost", "/people/{id}/episodes/{episode}/signposts/{signpost}")
	NewConcern              = p1("NewConcern", "/people/{id}/safeguarding/new")
	Concerns                = p1("Concerns", "/people/{id}/safeguarding")
	Concern                 = p2("Concern", "/people/{id}/safeguarding/{concern}")
	ConcernReceived         = p2("ConcernReceived", "/people/{id}/safeguarding/{concern}/received")
	ConcernAlleged          = p2("ConcernAlleged", "/people/{id}/safeguarding/{concern}/alleged")
	ConcernDecision         = p2("ConcernDecision", "/people/{id}/safeguarding/{concern}/decision")
	Enquiry                 = p2("Enquiry", "/people/{id}/safeguarding/{concern}/enquiry")
	EnquiryPart             = p3("EnquiryPart", "/people/{id}/safeguarding/{concern}/enquiry/{part}")
	Safeguarding            = p0("Safeguarding", "/safeguarding")
	SafeguardingSummary     = p0("SafeguardingSummary", "/safeguarding/summary")
	Capacity                = p2("Capacity", "/people/{id}/episodes/{episode}/capacity")
	NewAssessment           = p2("NewAssessment", "/people/{id}/episodes/{episode}/capacity/new")
	Assessment              = p3("Assessment", "/people/{id}/episodes/{episode}/capacity/{assessment}")
	NewBestInterests        = p3("NewBestInterests", "/people/{id}/episodes/{episode}/capacity/{assessment}/best-interests/new")
	Advocacy                = p2("Advocacy", "/people/{id}/episodes/{episode}/advocacy")
	AdvocacyNeeds           = p2("AdvocacyNeeds", "/people/{id}/episodes/{episode}/advocacy/needs/new")
	NewReferral             = p2("NewReferral", "/people/{id}/episodes/{episode}/advocacy/referrals/new")
	Referral                = p3("Referral", "/people/{id}/episodes/{episode}/advocacy/referrals/{referral}")
	AdvocacyReason          = p3("AdvocacyReason", "/people/{id}/episodes/{episode}/advocacy/actions/{action}/reason")
	Risks                   = p2("Risks", "/people/{id}/episodes/{episode}/risks")
	NewRisk                 = p2("NewRisk", "/people/{id}/episodes/{episode}/risks/new")
	Risk                    = p3("Risk", "/people/{id}/episodes/{episode}/risks/{risk}")
	RiskEdit                = p3("RiskEdit", "/people/{id}/episodes/{episode}/risks/{risk}/edit")
	Crisis                  = p2("Crisis", "/people/{id}/episodes/{episode}/crisis")
	NewCrisis               = p2("NewCrisis", "/people/{id}/episodes/{episode}/crisis/new")
	Conferences             = p2("Conferences", "/people/{id}/episodes/{episode}/conferences")
	NewConference           = p2("NewConference", "/people/{id}/episodes/{episode}/conferences/new")
	Conference              = p3("Conference", "/people/{id}/episodes/{episode}/conferences/{conference}")
	ConferenceHeld          = p3("ConferenceHeld", "/people/{id}/episodes/{episode}/conferences/{conference}/held")
	ConferenceReview        = p3("ConferenceReview", "/people/{id}/episodes/{episode}/conferences/{conference}/review")
	ConferenceItemSolution  = p4("ConferenceItemSolution", "/people/{id}/episodes/{episode}/conferences/{conference}/items/{item}/solution")
	Quality                 = p0("Quality", "/quality")
	NewAuditRound           = p0("NewAuditRound", "/quality/rounds/new")
	AuditRound              = p1("AuditRound", "/quality/rounds/{round}")
	AuditRoundClose         = p1("AuditRoundClose", "/quality/rounds/{round}/close")
	AuditRoundModeration    = p1("AuditRoundModeration", "/quality/rounds/{round}/moderation")
	AuditFindings           = p1("AuditFindings", "/quality/rounds/{round}/findings")
	AuditFindingsCSV        = p1("AuditFindingsCSV", "/quality/rounds/{round}/findings.csv")
	AuditFindingsPDF        = p1("AuditFindingsPDF", "/quality/rounds/{round}/findings.pdf")
	Audit                   = p1("Audit", "/quality/audits/{audit}")
	AuditReflection         = p1("AuditReflection", "/quality/audits/{audit}/reflection")
	AuditModeration         = p1("AuditModeration", "/quality/audits/{audit}/moderation")
	AuditReallocation       = p1("AuditReallocation", "/quality/audits/{audit}/reallocate")
	AuditTools              = p0("AuditTools", "/quality/tools")
	AuditTool               = p1("AuditTool", "/quality/tools/{tool}")
	AuditToolEdit           = p1("AuditToolEdit", "/quality/tools/{tool}/edit")
	ClientLevelData         = p0("ClientLevelData", "/quality/client-level-data")
	ClientLevelDataCSV      = p0("ClientLevelDataCSV", "/quality/client-level-data.csv")
	Supervision             = p0("Supervision", "/supervision")
	NewSupervision          = p0("NewSupervision", "/supervision/new")
	SupervisionPolicy       = p0("SupervisionPolicy", "/supervision/policy")
	SupervisionSession      = p1("SupervisionSession", "/supervision/{session}")
	AccessLog               = p0("AccessLog", "/admin/access-log")
	BreakGlassReviews       = p0("BreakGlassReviews", "/admin/break-glass")
	StaffList               = p0("StaffList", "/admin/staff")
	NewStaff                = p0("NewStaff", "/admin/staff/new")
	Staff                   = p1("Staff", "/admin/staff/{id}")
	StaffPassword           = p1("StaffPassword", "/admin/staff/{id}/password")
	StaffTwoFactor          = p1("StaffTwoFactor", "/admin/staff/{id}/two-factor")
	Teams                   = p0("Teams", "/admin/teams")
	Settings                = p0("Settings", "/admin/settings")

	// Feedback from people and staff (internal/feedback).
	EpisodeFeedback    = p2("EpisodeFeedback", "/people/{id}/episodes/{episode}/feedback")
	NewEpisodeFeedback = p2("NewEpisodeFeedback", "/people/{id}/episodes/{episode}/feedback/new")
	FeedbackLink       = p2("FeedbackLink", "/people/{id}/episodes/{episode}/feedback/link")
	FeedbackPaper      = p2("FeedbackPaper", "/people/{id}/episodes/{episode}/feedback/form")
	AnswerFeedback     = p1("AnswerFeedback", "/feedback/{code}")
	FeedbackHome       = p0("FeedbackHome", "/quality/feedback")
	FeedbackSurvey     = p1("FeedbackSurvey", "/quality/feedback/surveys/{survey}/edit")
	NewFeedbackRound   = p0("NewFeedbackRound", "/quality/feedback/rounds/new")
	StaffSurveys       = p0("StaffSurveys", "/staff-survey")
	StaffSurvey        = p1("StaffSurvey", "/staff-survey/{round}")

	// The learning programme's oversight (internal/learning): coverage, induction and past attendance.
	LearningCoverage     = p0("LearningCoverage", "/learning/coverage")
	LearningTeamCoverage = p1("LearningTeamCoverage", "/learning/coverage/{team}")
	Inductions           = p0("Inductions", "/learning/induction")
	NewInduction         = p0("NewInduction", "/learning/induction/new")
	Induction            = p1("Induction", "/learning/induction/{staff}")
	LearningImport       = p0("LearningImport", "/learning/import")
	// Staff resources for the practice and supervision model (internal/workforce).
	Workforce             = p0("Workforce", "/insight/staff")
	NewWorkforceScenario  = p0("NewWorkforceScenario", "/insight/staff/scenarios/new")
	WorkforceScenario     = p1("WorkforceScenario", "/insight/staff/scenarios/{scenario}")
	WorkforceScenarioEdit = p1("WorkforceScenarioEdit", "/insight/staff/scenarios/{scenario}/edit")
	WorkforceCompare      = p0("WorkforceCompare", "/insight/staff/compare")
	WorkforceVolumes      = p0("WorkforceVolumes", "/insight/staff/volumes")
	// The community of practice: practitioner networks and the library of good practice (internal/community).
	NetworkEvents     = p0("NetworkEvents", "/community/networks")
	NewNetworkEvent   = p0("NewNetworkEvent", "/community/networks/new")
	NetworkEvent      = p1("NetworkEvent", "/community/networks/{event}")
	NetworkEventEdit  = p1("NetworkEventEdit", "/community/networks/{event}/edit")
	PracticeLibrary   = p0("PracticeLibrary", "/community/library")
	NewPracticeStory  = p0("NewPracticeStory", "/community/library/new")
	PracticeStory     = p1("PracticeStory", "/community/library/{story}")
	PracticeStoryEdit = p1("PracticeStoryEdit", "/community/library/{story}/edit")
	// The learning programme: the catalogue, sessions, bookings, attendance and evaluations (internal/learning).
	LearningCatalogue      = p0("LearningCatalogue", "/learning")
	MyLearning             = p0("MyLearning", "/learning/mine")
	NewLearningCourse      = p0("NewLearningCourse", "/learning/courses/new")
	LearningCourse         = p1("LearningCourse", "/learning/courses/{course}")
	LearningCourseEdit     = p1("LearningCourseEdit", "/learning/courses/{course}/edit")
	LearningMaterials      = p1("LearningMaterials", "/learning/courses/{course}/materials")
	NewLearningSession     = p1("NewLearningSession", "/learning/courses/{course}/sessions/new")
	LearningMaterial       = p1("LearningMaterial", "/learning/materials/{material}")
	LearningMaterialDelete = p1("LearningMaterialDelete", "/learning/materials/{material}/delete")
	LearningSession        = p1("LearningSession", "/learning/sessions/{session}")
	LearningSessionBook    = p1("LearningSessionBook", "/learning/sessions/{session}/book")
	LearningSessionCancel  = p1("LearningSessionCancel", "/learning/sessions/{session}/cancel")
	LearningBookingCancel  = p1("LearningBookingCancel", "/learning/bookings/{booking}/cancel")
	LearningEvaluation     = p1("LearningEvaluation", "/learning/bookings/{booking}/evaluation")
	// The practice study and its case for change (internal/practicestudy).
	PracticeStudies    = p0("PracticeStudies", "/quality/studies")
	NewPracticeStudy   = p0("NewPracticeStudy", "/quality/studies/new")
	PracticeStudy      = p1("PracticeStudy", "/quality/studies/{study}")
	PracticeStudyDiary = p1("PracticeStudyDiary", "/quality/studies/{study}/diary")
	NewStudyReflection = p1("NewStudyReflection", "/quality/studies/{study}/reflections/new")
	NewStudyEngagement = p1("NewStudyEngagement", "/quality/studies/{study}/engagements/new")
	CaseForChange      = p1("CaseForChange", "/quality/studies/{study}/case-for-change")
	CaseForChangeEdit  = p1("CaseForChangeEdit", "/quality/studies/{study}/case-for-change/edit")
	CaseForChangePDF   = p1("CaseForChangePDF", "/quality/studies/{study}/case-for-change.pdf")
	// The council's practice models, which conversations are recorded under (internal/practicemodels).
	PracticeModels    = p0("PracticeModels", "/quality/practice-models")
	NewPracticeModel  = p0("NewPracticeModel", "/quality/practice-models/new")
	PracticeModel     = p1("PracticeModel", "/quality/practice-models/{model}")
	PracticeModelEdit = p1("PracticeModelEdit", "/quality/practice-models/{model}/edit")

	// The implementation programme (internal/programme).
	Programme               = p0("Programme", "/programme")
	ProgrammeStart          = p0("ProgrammeStart", "/programme/start")
	ProgrammeEdit           = p0("ProgrammeEdit", "/programme/edit")
	ProgrammePhase          = p1("ProgrammePhase", "/programme/phases/{phase}")
	NewProgrammeWorkstream  = p0("NewProgrammeWorkstream", "/programme/workstreams/new")
	ProgrammeWorkstream     = p1("ProgrammeWorkstream", "/programme/workstreams/{workstream}")
	ProgrammeMilestones     = p0("ProgrammeMilestones", "/programme/milestones")
	ProgrammeTemplate       = p0("ProgrammeTemplate", "/programme/milestones/template")
	NewProgrammeMilestone   = p0("NewProgrammeMilestone", "/programme/milestones/new")
	ProgrammeMilestone      = p1("ProgrammeMilestone", "/programme/milestones/{milestone}")
	ProgrammeMilestoneEdit  = p1("ProgrammeMilestoneEdit", "/programme/milestones/{milestone}/edit")
	ProgrammeEvidence       = p1("ProgrammeEvidence", "/programme/milestones/{milestone}/evidence")
	ProgrammeDocument       = p2("ProgrammeDocument", "/programme/milestones/{milestone}/evidence/{evidence}")
	ProgrammeEvidenceRemove = p2("ProgrammeEvidenceRemove", "/programme/milestones/{milestone}/evidence/{evidence}/remove")
	ProgrammeActions        = p0("ProgrammeActions", "/programme/actions")
	NewProgrammeAction      = p0("NewProgrammeAction", "/programme/actions/new")
	ProgrammeAction         = p1("ProgrammeAction", "/programme/actions/{action}")
	ProgrammeRisks          = p0("ProgrammeRisks", "/programme/risks")
	NewProgrammeRisk        = p0("NewProgrammeRisk", "/programme/risks/new")
	ProgrammeRisk           = p1("ProgrammeRisk", "/programme/risks/{risk}")
	ProgrammeDecisions      = p0("ProgrammeDecisions", "/programme/decisions")
	NewProgrammeDecision    = p0("NewProgrammeDecision", "/programme/decisions/new")
	ProgrammeDecision       = p1("ProgrammeDecision", "/programme/decisions/{decision}")
	// The implementation programme's KPIs (internal/kpis) and the Programme Board report (internal/board).
	ProgrammeKPIs       = p0("ProgrammeKPIs", "/programme/kpis")
	NewProgrammeKPI     = p0("NewProgrammeKPI", "/programme/kpis/new")
	ProgrammeKPI        = p1("ProgrammeKPI", "/programme/kpis/{kpi}")
	ProgrammeKPIEdit    = p1("ProgrammeKPIEdit", "/programme/kpis/{kpi}/edit")
	ProgrammeBoard      = p0("ProgrammeBoard", "/programme/board")
	ProgrammeBoardPDF   = p0("ProgrammeBoardPDF", "/programme/board.pdf")
	ProgrammeBoardIssue = p0("ProgrammeBoardIssue", "/programme/board/issue")

	// What the implementation programme found and dreamed (internal/discovery).
	ProgrammeDiscovery     = p0("ProgrammeDiscovery", "/programme/discovery")
	NewDiscoveryFinding    = p0("NewDiscoveryFinding", "/programme/discovery/new")
	DiscoveryFindingEdit   = p1("DiscoveryFindingEdit", "/programme/discovery/{finding}/edit")
	ProgrammeVision        = p0("ProgrammeVision", "/programme/vision")
	NewVisionVersion       = p0("NewVisionVersion", "/programme/vision/new")
	CulturalWeb            = p0("CulturalWeb", "/programme/culture")
	NewCultureObservation  = p0("NewCultureObservation", "/programme/culture/new")
	CultureObservationEdit = p1("CultureObservationEdit", "/programme/culture/{observation}/edit")
	Stakeholders           = p0("Stakeholders", "/programme/stakeholders")
	NewStakeholder         = p0("NewStakeholder", "/programme/stakeholders/new")
	StakeholderEdit        = p1("StakeholderEdit", "/programme/stakeholders/{stakeholder}/edit")

	// Networks of councils (internal/networks): the network's own pages for its staff, and a council's
	// administrator's decisions about the networks it belongs to.
	NetworkHome     = p0("NetworkHome", "/network")
	NetworkInvite   = p0("NetworkInvite", "/network/invitations/new")
	NetworkWithdraw = p2("NetworkWithdraw", "/network/invitations/{council}/{invitation}/withdraw")
	NetworkMember   = p1("NetworkMember", "/network/members/{council}")
	NetworkCompare  = p0("NetworkCompare", "/network/compare")
	CouncilNetworks = p0("CouncilNetworks", "/admin/networks")
	CouncilNetwork  = p1("CouncilNetwork", "/admin/networks/{network}")
	// A network of councils' shared work: its staff survey, peer challenges and library (internal/networks, work.go).
	OurNetworks              = p0("OurNetworks", "/our-networks")
	NetworkSurvey            = p1("NetworkSurvey", "/networks/{network}/survey")
	NetworkSurveyQuestions   = p1("NetworkSurveyQuestions", "/networks/{network}/survey/questions")
	NetworkSurveyRounds      = p1("NetworkSurveyRounds", "/networks/{network}/survey/rounds")
	NetworkSurveyRound       = p2("NetworkSurveyRound", "/networks/{network}/survey/rounds/{round}")
	NetworkSurveyAnswer      = p2("NetworkSurveyAnswer", "/networks/{network}/survey/rounds/{round}/answer")
	NetworkChallenges        = p1("NetworkChallenges", "/networks/{network}/challenges")
	NewNetworkChallenge      = p1("NewNetworkChallenge", "/networks/{network}/challenges/new")
	NetworkChallenge         = p2("NetworkChallenge", "/networks/{network}/challenges/{challenge}")
	NetworkChallengeEdit     = p2("NetworkChallengeEdit", "/networks/{network}/challenges/{challenge}/edit")
	NetworkChallengeResponse = p2("NetworkChallengeResponse", "/networks/{network}/challenges/{challenge}/response")
	NetworkLibrary           = p1("NetworkLibrary", "/networks/{network}/library")
	NewNetworkDocument       = p1("NewNetworkDocument", "/networks/{network}/library/new")
	NetworkDocument          = p2("NetworkDocument", "/networks/{network}/library/{document}/file")
	NetworkDocumentEdit      = p2("NetworkDocumentEdit", "/networks/{network}/library/{document}/edit")
)

// All lists every shape above, for templates to find by name and for the test that every shape is routed.
func All() []Shape {
	return []Shape{
		Home, SignIn, SignOut, TwoFactor, SetUpTwoFactor, KeepAlive, People, NewPerson, Person, PersonEdit, BreakGlass, Viewers,
		NewMember, Member, NewContact, Episode, Step, EpisodeEnd, NewConversation, Conversation, NewDetermination,
		Determination, Caseload, RequiredActions, Strengths, NewStrength, Strength, Ecomap, NewConnection, Connection,
		Chronology, Thread, NewAspiration, Aspiration, Outcomes, NewOutcome, Outcome, Solutions, NewSolution, Solution,
		Services, NewService, Service, ServiceStart, ServiceEnd, DirectPayment, DirectPaymentMonitoring,
		DirectPaymentStatus, Authorisations, Authorisation, Directory, NewOrganisation, Organisation, OrganisationEdit,
		NewDirectoryService, DirectoryService, DirectoryServiceEdit, DirectoryServiceChecked, DirectoryImport,
		DirectorySearch, DirectorySuggest, Finance, Insight, InsightPackPDF, InsightMeasure, InsightMeasureCSV, InsightFairUse, InsightPopulation, InsightPeople, SupportPlans, NewSupportPlan, SupportPlan, SupportPlanAgree, MyPlan,
		MyPlanPDF, Reviews, NextReview, ReviewEnd, Review, ReviewsDue, FrontDoor, Waiting, Triage, Resolve, NewCheckIn,
		Signposts, NewSignpost, Signpost, NewConcern, Concerns, Concern, ConcernReceived, ConcernAlleged, ConcernDecision,
		Enquiry, EnquiryPart, Safeguarding, SafeguardingSummary, Capacity, NewAssessment, Assessment, NewBestInterests,
		Advocacy, AdvocacyNeeds, NewReferral, Referral, AdvocacyReason, Risks, NewRisk, Risk, RiskEdit, Crisis, NewCrisis,
		Conferences, NewConference, Conference, ConferenceHeld, ConferenceReview, ConferenceItemSolution, Quality,
		NewAuditRound, AuditRound, AuditRoundClose, AuditRoundModeration, AuditFindings, AuditFindingsCSV, AuditFindingsPDF, Audit,
		AuditReflection, AuditModeration, AuditReallocation, AuditTools, AuditTool, AuditToolEdit, ClientLevelData, ClientLevelDataCSV, Supervision, NewSupervision, SupervisionPolicy,
		SupervisionSession, AccessLog,
		EpisodeFeedback, NewEpisodeFeedback, FeedbackLink, FeedbackPaper, AnswerFeedback, FeedbackHome, FeedbackSurvey,
		NewFeedbackRound, StaffSurveys, StaffSurvey,
		LearningCoverage, LearningTeamCoverage, Inductions, NewInduction, Induction, LearningImport,
		Workforce, NewWorkforceScenario, WorkforceScenario, WorkforceScenarioEdit, WorkforceCompare, WorkforceVolumes,
		NetworkEvents, NewNetworkEvent, NetworkEvent, NetworkEventEdit, PracticeLibrary, NewPracticeStory, PracticeStory, PracticeStoryEdit,
		PracticeStudies, NewPracticeStudy, PracticeStudy, PracticeStudyDiary, NewStudyReflection, NewStudyEngagement, CaseForChange,
		CaseForChangeEdit, CaseForChangePDF,
		ProgrammeKPIs, NewProgrammeKPI, ProgrammeKPI, ProgrammeKPIEdit, ProgrammeBoard, ProgrammeBoardPDF, ProgrammeBoardIssue,
		BreakGlassReviews, StaffList, NewStaff, Staff, StaffPassword, StaffTwoFactor, Teams, Settings,
		LearningCatalogue, MyLearning, NewLearningCourse, LearningCourse, LearningCourseEdit, LearningMaterials,
		NewLearningSession, LearningMaterial, LearningMaterialDelete, LearningSession, LearningSessionBook,
		LearningSessionCancel, LearningBookingCancel, LearningEvaluation,
		PracticeModels, NewPracticeModel, PracticeModel, PracticeModelEdit,
		Programme, ProgrammeStart, ProgrammeEdit, ProgrammePhase, NewProgrammeWorkstream, ProgrammeWorkstream,
		ProgrammeMilestones, ProgrammeTemplate, NewProgrammeMilestone, ProgrammeMilestone, ProgrammeMilestoneEdit,
		ProgrammeEvidence, ProgrammeDocument, ProgrammeEvidenceRemove, ProgrammeActions, NewProgrammeAction,
		ProgrammeAction, ProgrammeRisks, NewProgrammeRisk, ProgrammeRisk, ProgrammeDecisions, NewProgrammeDecision,
		ProgrammeDecision,
		ProgrammeDiscovery, NewDiscoveryFinding, DiscoveryFindingEdit, ProgrammeVision, NewVisionVersion, CulturalWeb,
		NewCultureObservation, CultureObservationEdit, Stakeholders, NewStakeholder, StakeholderEdit,
		NetworkHome, NetworkInvite, NetworkWithdraw, NetworkMember, NetworkCompare, CouncilNetworks, CouncilNetwork,
		OurNetworks, NetworkSurvey, NetworkSurveyQuestions, NetworkSurveyRounds, NetworkSurveyRound, NetworkSurveyAnswer,
		NetworkChallenges, NewNetworkChallenge, NetworkChallenge, NetworkChallengeEdit, NetworkChallengeResponse,
		NetworkLibrary, NewNetworkDocument, NetworkDocument, NetworkDocumentEdit,
	}
}
