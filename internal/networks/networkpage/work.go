// The network's shared work: work.go and the files it names (survey.go, challenge.go, library.go) are the
// network's shared work: its staff survey (the questions, its rounds, answering one anonymously in a member
// council, and the results as safe numbers by council and across the network, drawn as a chart with a table
// beside it), its peer challenges with the host council's response, and its shared library of files and links.
// The network's own staff and member councils' staff reach the same addresses; internal/networks.Work decides what
// each may see, and a council outside the network, or one that left, finds nothing there. Their templates are in
// templates/networkwork, embedded with the rest by Templates.

package networkpage

import (
	"context"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/web"
)

// WorkStore is what these pages need of networks.Work.
type WorkStore interface {
	MyNetworks(ctx context.Context) ([]networks.Joined, error)
	NetworkName(ctx context.Context, networkID string) (string, error)
	Members(ctx context.Context, networkID string) ([]networks.Member, error)
	Survey(ctx context.Context, networkID string) (networks.Survey, error)
	ChangeSurvey(ctx context.Context, networkID string, s networks.Survey) (networks.Survey, error)
	OpenRound(ctx context.Context, networkID string, n feedback.NewRound) (networks.Round, error)
	Rounds(ctx context.Context, networkID string) ([]networks.CouncilRound, error)
	Round(ctx context.Context, networkID, roundID string) (networks.CouncilRound, error)
	AnswerRound(ctx context.Context, networkID, roundID string, answers map[string]string) error
	RoundResults(ctx context.Context, networkID, roundID string) (networks.Results, error)
	Challenges(ctx context.Context, networkID string) ([]networks.ChallengeView, error)
	Challenge(ctx context.Context, networkID, id string) (networks.ChallengeView, error)
	SaveChallenge(ctx context.Context, networkID string, c networks.Challenge) (networks.Challenge, error)
	Respond(ctx context.Context, networkID, id, response string, version int) (networks.Challenge, error)
	Library(ctx context.Context, networkID string) ([]networks.Document, error)
	SharedFromNames(ctx context.Context, docs []networks.Document) (map[string]string, error)
	Document(ctx context.Context, networkID, id string) (networks.Document, []byte, error)
	Share(ctx context.Context, networkID string, d networks.Document, name string, content []byte) (networks.Document, error)
	ChangeDocument(ctx context.Context, networkID string, d networks.Document) (networks.Document, error)
	RemoveDocument(ctx context.Context, networkID, id string, version int) error
}

// WorkPages holds what every page of the network's shared work needs.
type WorkPages struct {
	tmpl  *web.Templates
	store WorkStore
}

// NewWork returns the pages of the network's shared work.
func NewWork(tmpl *web.Templates, store WorkStore) *WorkPages {
	return &WorkPages{tmpl: tmpl, store: store}
}

// signedIn: every page here is for anyone signed in; the store answers who may see what, and a council outside
// the network finds nothing.
func signedIn(r councils.Role) bool { return r != "" }

// ownStaff says whether the signed-in member of staff is one of the network's own staff.
func ownStaff(r *http.Request, networkID string) bool {
	st, ok := councils.StaffFrom(r.Context())
	return ok && st.CouncilID == networkID
}

type networksData struct {
	web.Page
	Networks []networks.Joined
	Survey   bool
	Library  bool
	Chall    bool
}

// Networks lists the networks the signed-in council belongs to now, or the network's own (GET /our-networks), with
// the links to each one's survey, peer challenges and library as the role may follow them.
func (p *WorkPages) Networks() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		all, err := p.store.MyNetworks(web.Route(r))
		if err != nil {
			return err
		}
		st, _ := councils.StaffFrom(r.Context())
		own := len(all) == 1 && all[0].ID == st.CouncilID
		data := networksData{Page: web.NewPage(r, "Our networks"), Networks: all,
			Survey:  own || networks.AnswersSurvey(st.Role) || networks.ReadsSurveyResults(st.Role),
			Library: own || networks.ReadsLibrary(st.Role),
			Chall:   own || networks.ReadsChallenges(st.Role)}
		return p.tmpl.Render(w, r, http.StatusOK, "networkwork/networks.html", data)
	})
}
