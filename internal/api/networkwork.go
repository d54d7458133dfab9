package api

import (
	"context"
	"net/http"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The network's shared work: its staff survey's rounds and their results (counts only, made safe), its peer
// challenges with the host council's response, and its library. The network's own staff and its member councils'
// staff use the same addresses; the store decides what each may see. A council outside the network, or one that
// left, finds none of it (404).

// NetworkWorkStore is what the API needs of networks.Work.
type NetworkWorkStore interface {
	Rounds(ctx context.Context, networkID string) ([]networks.CouncilRound, error)
	RoundResults(ctx context.Context, networkID, roundID string) (networks.Results, error)
	Challenges(ctx context.Context, networkID string) ([]networks.ChallengeView, error)
	Challenge(ctx context.Context, networkID, id string) (networks.ChallengeView, error)
	Respond(ctx context.Context, networkID, id, response string, version int) (networks.Challenge, error)
	Library(ctx context.Context, networkID string) ([]networks.Document, error)
}

// WithNetworkWork adds the network's shared work to the API.
func (a *API) WithNetworkWork(s NetworkWorkStore) *API {
	a.networkWork = s
	return a
}

func (a *API) networkWorkRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+NetworksPath+"/{network}/survey/rounds", a.listNetworkRounds),
		route("GET "+NetworksPath+"/{network}/survey/rounds/{round}/results", a.getNetworkRoundResults),
		route("GET "+NetworksPath+"/{network}/challenges", a.listNetworkChallenges),
		route("GET "+NetworksPath+"/{network}/challenges/{challenge}", a.getNetworkChallenge),
		route("POST "+NetworksPath+"/{network}/challenges/{challenge}/response", a.respondToNetworkChallenge),
		route("GET "+NetworksPath+"/{network}/library", a.listNetworkDocuments),
	}
}

// NetworkSurveyRound is a round of the network's staff survey.
type NetworkSurveyRound struct {
	ID        string                  `json:"id"`
	Name      string                  `json:"name"`
	OpensOn   *string                 `json:"opens_on"`
	ClosesOn  *string                 `json:"closes_on"`
	Questions []NetworkSurveyQuestion `json:"questions"`
	Answered  bool                    `json:"answered"` // whether the signed-in member of staff has answered it
}

// NetworkSurveyQuestion is a statement of the survey, answered on the scale.
type NetworkSurveyQuestion struct {
	Key  string `json:"key"`
	Text string `json:"text"`
}

// NetworkSurveyResults are a round's results: counts made safe, each null when withheld.
type NetworkSurveyResults struct {
	RoundID   string                        `json:"round_id"`
	Responses *int                          `json:"responses"`
	LeftOut   int                           `json:"left_out"`
	Questions []NetworkSurveyQuestionResult `json:"questions"`
}

// NetworkSurveyQuestionResult is one statement's results: the network's (only for the network's staff), then each
// council's.
type NetworkSurveyQuestionResult struct {
	Key      string               `json:"key"`
	Text     string               `json:"text"`
	Network  *NetworkSurveyGroup  `json:"network"`
	Councils []NetworkSurveyGroup `json:"councils"`
}

// NetworkSurveyGroup is one group's answers: the network, or a council. Answered and every count are null when
// withheld (fewer than 6, or a council's part withheld); agree is the whole percentage answering yes or mostly.
type NetworkSurveyGroup struct {
	CouncilID string          `json:"council_id"`
	Label     string          `json:"label"`
	Withheld  bool            `json:"withheld"`
	Answered  *int            `json:"answered"`
	Counts    map[string]*int `json:"counts"`
	Agree     *int            `json:"agree"`
}

// NetworkChallenge is a peer challenge between member councils.
type NetworkChallenge struct {
	ID            string   `json:"id"`
	Theme         string   `json:"theme"`
	HostID        string   `json:"host_id"`
	HostName      string   `json:"host_name"`
	ChallengerIDs []string `json:"challenger_ids"`
	StartsOn      *string  `json:"starts_on"`
	EndsOn        *string  `json:"ends_on"`
	Strengths     string   `json:"strengths"`
	Areas         string   `json:"areas"`
	Response      string   `json:"response"`
	Stage         string   `json:"stage"`
	Version       int      `json:"version"` // read-only: send it back in If-Match
}

// NetworkChallengeResponse is the host council's response to a peer challenge.
type NetworkChallengeResponse struct {
	Response string `json:"response"`
}

// NetworkDocument is a document in the network's library: a link, or a file to download from its page.
type NetworkDocument struct {
	ID         string    `json:"id"`
	Title      string    `json:"title"`
	Summary    string    `json:"summary"`
	Tags       []string  `json:"tags"`
	Link       string    `json:"link"`
	FileName   string    `json:"file_name"`
	MediaType  string    `json:"media_type"`
	Size       int       `json:"size"`
	SharedFrom string    `json:"shared_from"`
	SharedAt   time.Time `json:"shared_at"`
	Version    int       `json:"version"`
}

func figure(f interface{ Value() (int, bool) }) *int {
	if v, ok := f.Value(); ok {
		return &v
	}
	return nil
}

func networkGroupOf(g feedback.Group, hidden map[string]bool) NetworkSurveyGroup {
	out := NetworkSurveyGroup{CouncilID: g.Key, Label: g.Label, Withheld: g.Withheld, Counts: map[string]*int{}}
	if !g.Withheld {
		out.Answered = figure(g.Of)
	}
	for _, c := range g.Counts {
		if !hidden[c.Option.Value] {
			out.Counts[c.Option.Value] = figure(c.N)
		} else {
			out.Counts[c.Option.Value] = nil
		}
	}
	if g.AgreeShown {
		pc := g.AgreePercent
		out.Agree = &pc
	}
	return out
}

// ownNetworkStaff says whether the signed-in member of staff is one of the network's own staff.
func ownNetworkStaff(r *http.Request, networkID string) bool {
	st, ok := councils.StaffFrom(r.Context())
	return ok && st.CouncilID == networkID
}

func networkChallengeOf(c networks.ChallengeView, day sqldb.Date) NetworkChallenge {
	return NetworkChallenge{ID: c.ID, Theme: c.Theme, HostID: c.HostID, HostName: c.HostName, ChallengerIDs: listOf(c.ChallengerIDs, func(s string) string { return s }),
		StartsOn: dateOrNull(c.StartsOn), EndsOn: dateOrNull(c.EndsOn), Strengths: c.Strengths, Areas: c.Areas, Response: c.Response,
		Stage: string(c.StageOn(day)), Version: c.Version}
}

// listNetworkRounds is GET /api/v1/networks/{network}/survey/rounds: the rounds of the network's staff survey,
// newest first.
func (a *API) listNetworkRounds(w http.ResponseWriter, r *http.Request) error {
	rounds, err := a.networkWork.Rounds(r.Context(), r.PathValue("network"))
	if err != nil {
		return err
	}
	sendList(w, listOf(rounds, func(x networks.CouncilRound) NetworkSurveyRound {
		return NetworkSurveyRound{ID: x.ID, Name: x.Name, OpensOn: dateOrNull(x.OpensOn), ClosesOn: dateOrNull(x.ClosesOn), Answered: x.Answered,
			Questions: listOf(x.Questions, func(q feedback.Question) NetworkSurveyQuestion {
				return NetworkSurveyQuestion{Key: q.Key, Text: q.Text}
			})}
	}))
	return nil
}

// getNetworkRoundResults is GET /api/v1/networks/{network}/survey/rounds/{round}/results: the round's results, made
// safe; for the network's own staff each member council's and the network's, for a member council its own.
func (a *API) getNetworkRoundResults(w http.ResponseWriter, r *http.Request) error {
	net := r.PathValue("network")
	res, err := a.networkWork.RoundResults(r.Context(), net, r.PathValue("round"))
	if err != nil {
		return err
	}
	own := ownNetworkStaff(r, net)
	out := NetworkSurveyResults{RoundID: res.Round.ID, Responses: figure(res.Responses), LeftOut: res.LeftOut}
	if !own {
		out.Responses, out.LeftOut = nil, 0
	}
	for _, q := range res.Questions {
		x := NetworkSurveyQuestionResult{Key: q.Question.Key, Text: q.Question.Text,
			Councils: listOf(q.Councils, func(g feedback.Group) NetworkSurveyGroup { return networkGroupOf(g, nil) })}
		if own {
			n := networkGroupOf(q.Network, q.Hidden)
			x.Network = &n
		}
		out.Questions = append(out.Questions, x)
	}
	if out.Questions == nil {
		out.Questions = []NetworkSurveyQuestionResult{}
	}
	writeJSON(w, http.StatusOK, "application/json", out)
	return nil
}

// listNetworkChallenges is GET /api/v1/networks/{network}/challenges: every peer challenge for the network's staff,
// those it took part in for a member council's quality lead.
func (a *API) listNetworkChallenges(w http.ResponseWriter, r *http.Request) error {
	all, err := a.networkWork.Challenges(r.Context(), r.PathValue("network"))
	if err != nil {
		return err
	}
	day := sqldb.TodayIn(r.Context())
	sendList(w, listOf(all, func(c networks.ChallengeView) NetworkChallenge { return networkChallengeOf(c, day) }))
	return nil
}

func (a *API) readNetworkChallenge(r *http.Request) (int, any, error) {
	c, err := a.networkWork.Challenge(r.Context(), r.PathValue("network"), r.PathValue("challenge"))
	return c.Version, networkChallengeOf(c, sqldb.TodayIn(r.Context())), err
}

// getNetworkChallenge is GET /api/v1/networks/{network}/challenges/{challenge}: one peer challenge, with its ETag.
func (a *API) getNetworkChallenge(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readNetworkChallenge(r) })
}

// respondToNetworkChallenge is POST /api/v1/networks/{network}/challenges/{challenge}/response: the host council's
// response, by its quality lead, with If-Match.
func (a *API) respondToNetworkChallenge(w http.ResponseWriter, r *http.Request) error {
	return change(w, r, "the peer challenge",
		func(in NetworkChallengeResponse, version int) error {
			_, err := a.networkWork.Respond(r.Context(), r.PathValue("network"), r.PathValue("challenge"), in.Response, version)
			return err
		},
		func() (int, any, error) { return a.readNetworkChallenge(r) })
}

// listNetworkDocuments is GET /api/v1/networks/{network}/library: the network's shared documents, newest first.
func (a *API) listNetworkDocuments(w http.ResponseWriter, r *http.Request) error {
	docs, err := a.networkWork.Library(r.Context(), r.PathValue("network"))
	if err != nil {
		return err
	}
	sendList(w, listOf(docs, func(d networks.Document) NetworkDocument {
		return NetworkDocument{ID: d.ID, Title: d.Title, Summary: d.Summary, Tags: listOf(d.Tags, func(s string) string { return s }), Link: d.Link,
			FileName: d.FileName, MediaType: d.MediaType, Size: d.Size, SharedFrom: d.SharedFrom, SharedAt: d.SharedAt, Version: d.Version}
	}))
	return nil
}
