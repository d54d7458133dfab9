package api

import (
	"context"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sittings"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// Thread is the stores of the golden thread: from the first contact, through conversations, strengths and
// outcomes, to solutions and services, the support plan agreed with the person and its reviews. Each store applies the access rule and writes the access log itself.
type Thread struct {
	Conversations ConversationStore
	Sittings      SittingStore
	Strengths     StrengthStore
	Outcomes      OutcomeStore
	Solutions     SolutionStore
	Services      ServiceStore
	Plans         PlanStore
	Reviews       ReviewStore
}

// WithThread adds the golden thread's stores to the API. Its routes are always listed (Routes), so that the
// OpenAPI document is checked against them: an API that serves them needs every store.
func (a *API) WithThread(t Thread) *API {
	a.thread = t
	return a
}

// ConversationStore is what the API needs of conversations.Store.
type ConversationStore interface {
	RecordContact(ctx context.Context, c conversations.Contact, end *conversations.Ending) (conversations.Contact, conversations.Episode, error)
	Episodes(ctx context.Context, personID string) ([]conversations.Episode, error)
	Episode(ctx context.Context, personID, episodeID string) (conversations.EpisodeRecord, error)
	SetStep(ctx context.Context, personID, episodeID string, r conversations.StepRecord) error
	End(ctx context.Context, personID, episodeID string, end conversations.Ending, version int) error
	AddConversation(ctx context.Context, c conversations.Conversation) (conversations.Conversation, error)
	UpdateConversation(ctx context.Context, c conversations.Conversation) error
	Conversation(ctx context.Context, personID, episodeID, id string) (people.Person, conversations.Conversation, error)
	AddDetermination(ctx context.Context, d conversations.Determination) (conversations.Determination, error)
	Determination(ctx context.Context, personID, episodeID, id string) (people.Person, conversations.Determination, error)
}

// SittingStore is what the API needs of sittings.Store: a conversation and the records that came up in it, added
// together.
type SittingStore interface {
	Save(ctx context.Context, personID, episodeID string, s sittings.Sitting) (sittings.Sitting, error)
}

// StrengthStore is what the API needs of strengths.Store.
type StrengthStore interface {
	List(ctx context.Context, personID string) (people.Person, []strengths.Strength, error)
	Strength(ctx context.Context, personID, id string) (people.Person, strengths.Strength, error)
	Add(ctx context.Context, st strengths.Strength) (strengths.Strength, error)
	Update(ctx context.Context, st strengths.Strength) error
	Ecomap(ctx context.Context, personID string) (strengths.Map, error)
	AddConnection(ctx context.Context, c strengths.Connection) (strengths.Connection, error)
	UpdateConnection(ctx context.Context, c strengths.Connection) error
}

// OutcomeStore is what the API needs of outcomes.Store.
type OutcomeStore interface {
	Aspirations(ctx context.Context, personID string) ([]outcomes.Recorded, error)
	GetAspiration(ctx context.Context, personID, id string) (people.Person, outcomes.Recorded, error)
	AddAspiration(ctx context.Context, a outcomes.Aspiration) (outcomes.Aspiration, error)
	UpdateAspiration(ctx context.Context, a outcomes.Aspiration, version int) error
	Board(ctx context.Context, personID, episodeID string) (outcomes.Board, error)
	AddOutcome(ctx context.Context, o outcomes.Outcome) (outcomes.Outcome, error)
	UpdateOutcome(ctx context.Context, o outcomes.Outcome) error
}

// SolutionStore is what the API needs of plans.Store.
type SolutionStore interface {
	Ladder(ctx context.Context, personID, episodeID string) (plans.Ladder, error)
	AddSolution(ctx context.Context, sol plans.Solution) (plans.Solution, error)
	UpdateSolution(ctx context.Context, sol plans.Solution) error
}

// ServiceStore is what the API needs of plans.ServiceStore.
type ServiceStore interface {
	Episode(ctx context.Context, personID, episodeID string) (plans.EpisodeServices, error)
	Get(ctx context.Context, personID, episodeID, serviceID string) (plans.EpisodeServices, plans.ServiceRecord, error)
	Add(ctx context.Context, personID, episodeID string, svc plans.Service) (plans.ServiceRecord, error)
	Update(ctx context.Context, svc plans.Service) (plans.ServiceRecord, error)
	Waiting(ctx context.Context) ([]plans.Authorisation, error)
	Authorisation(ctx context.Context, id string) (plans.AuthorisationView, error)
	Decide(ctx context.Context, id string, decision plans.Decision, reason string, version int) error
}

// The golden thread's route patterns, nested under the person as the pages are.
const (
	personRoute  = PeoplePath + "/{id}"
	episodeRoute = personRoute + "/episodes/{episode}"
	// AuthorisationsPath lists the requests for authorisation waiting for the signed-in team manager.
	AuthorisationsPath = "/api/v1/authorisations"
)

// EpisodePath is the API address of an episode of work.
func EpisodePath(personID, episodeID string) string {
	return PersonPath(personID) + "/episodes/" + episodeID
}

// threadRoutes lists the golden thread's routes.
func (a *API) threadRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+personRoute+"/contacts", a.listContacts),
		route("POST "+personRoute+"/contacts", a.recordContact),
		route("GET "+personRoute+"/episodes", a.listEpisodes),
		route("GET "+episodeRoute, a.getEpisode),
		route("PUT "+episodeRoute+"/steps/{step}", a.setStep),
		route("POST "+episodeRoute+"/end", a.endEpisode),
		route("GET "+episodeRoute+"/conversations", a.listConversations),
		route("POST "+episodeRoute+"/conversations", a.addConversation),
		route("GET "+episodeRoute+"/conversations/{conversation}", a.getConversation),
		route("PUT "+episodeRoute+"/conversations/{conversation}", a.updateConversation),
		route("GET "+episodeRoute+"/eligibility", a.listDeterminations),
		route("POST "+episodeRoute+"/eligibility", a.addDetermination),
		route("GET "+episodeRoute+"/eligibility/{determination}", a.getDetermination),
		route("GET "+personRoute+"/strengths", a.listStrengths),
		route("POST "+personRoute+"/strengths", a.addStrength),
		route("GET "+personRoute+"/strengths/{strength}", a.getStrength),
		route("PUT "+personRoute+"/strengths/{strength}", a.updateStrength),
		route("GET "+personRoute+"/connections", a.listConnections),
		route("POST "+personRoute+"/connections", a.addConnection),
		route("GET "+personRoute+"/connections/{connection}", a.getConnection),
		route("PUT "+personRoute+"/connections/{connection}", a.updateConnection),
		route("GET "+personRoute+"/aspirations", a.listAspirations),
		route("POST "+personRoute+"/aspirations", a.addAspiration),
		route("GET "+personRoute+"/aspirations/{aspiration}", a.getAspiration),
		route("PUT "+personRoute+"/aspirations/{aspiration}", a.updateAspiration),
		route("GET "+episodeRoute+"/outcomes", a.listOutcomes),
		route("POST "+episodeRoute+"/outcomes", a.addOutcome),
		route("GET "+episodeRoute+"/outcomes/{outcome}", a.getOutcome),
		route("PUT "+episodeRoute+"/outcomes/{outcome}", a.updateOutcome),
		route("GET "+episodeRoute+"/solutions", a.listSolutions),
		route("POST "+episodeRoute+"/solutions", a.addSolution),
		route("GET "+episodeRoute+"/solutions/{solution}", a.getSolution),
		route("PUT "+episodeRoute+"/solutions/{solution}", a.updateSolution),
		route("GET "+episodeRoute+"/services", a.listServices),
		route("POST "+episodeRoute+"/services", a.addService),
		route("GET "+episodeRoute+"/services/{service}", a.getService),
		route("PUT "+episodeRoute+"/services/{service}", a.updateService),
		route("GET "+episodeRoute+"/plans", a.listPlans),
		route("POST "+episodeRoute+"/plans", a.newDraftPlan),
		route("GET "+episodeRoute+"/plans/{plan}", a.getPlan),
		route("PUT "+episodeRoute+"/plans/{plan}", a.updatePlan),
		route("POST "+episodeRoute+"/plans/{plan}/agreement", a.agreePlan),
		route("GET "+episodeRoute+"/reviews", a.listReviews),
		route("GET "+episodeRoute+"/reviews/{review}", a.getReview),
		route("POST "+episodeRoute+"/reviews/{review}/held", a.holdReview),
		route("GET "+AuthorisationsPath, a.listAuthorisations),
		route("POST "+AuthorisationsPath+"/{authorisation}/decision", a.decide),
	}
}

// ids are the path values of a request about a person's record.
type ids struct{ person, episode string }

func idsOf(r *http.Request) ids {
	return ids{person: r.PathValue("id"), episode: r.PathValue("episode")}
}

// notFound is the answer for a record that is not there, or not the person's.
var notFound = &Problem{Status: http.StatusNotFound, Detail: "There is no record here that you can see."}
