package app

import (
	"github.com/golden-thread/goldenthread/internal/networks/networkpage"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

// networkWorkRoutes mounts a network's shared work (internal/networks, work.go): its staff survey, peer challenges
// and library. The same addresses serve the network's own staff and its member councils' staff; the store decides
// what each may see, and a council outside the network, or one that left, finds nothing.
func (a *App) networkWorkRoutes(tmpl *web.Templates, page func(string, web.Handler)) {
	work := networkpage.NewWork(tmpl, a.NetworkWork)
	page(paths.OurNetworks.Route("GET"), work.Networks())
	page(paths.NetworkSurvey.Route("GET"), work.Survey())
	page(paths.NetworkSurveyQuestions.Route("GET"), work.EditSurvey())
	page(paths.NetworkSurveyQuestions.Route("POST"), work.EditSurvey())
	page(paths.NetworkSurveyRounds.Route("POST"), work.OpenRound())
	page(paths.NetworkSurveyRound.Route("GET"), work.Results())
	page(paths.NetworkSurveyAnswer.Route("GET"), work.Answer())
	page(paths.NetworkSurveyAnswer.Route("POST"), work.Answer())
	page(paths.NetworkChallenges.Route("GET"), work.Challenges())
	page(paths.NewNetworkChallenge.Route("GET"), work.NewChallenge())
	page(paths.NewNetworkChallenge.Route("POST"), work.NewChallenge())
	page(paths.NetworkChallenge.Route("GET"), work.Challenge())
	page(paths.NetworkChallengeEdit.Route("GET"), work.EditChallenge())
	page(paths.NetworkChallengeEdit.Route("POST"), work.EditChallenge())
	page(paths.NetworkChallengeResponse.Route("GET"), work.Respond())
	page(paths.NetworkChallengeResponse.Route("POST"), work.Respond())
	page(paths.NetworkLibrary.Route("GET"), work.Library())
	page(paths.NewNetworkDocument.Route("GET"), work.Share())
	page(paths.NewNetworkDocument.Route("POST"), work.Share())
	page(paths.NetworkDocument.Route("GET"), work.Download())
	page(paths.NetworkDocumentEdit.Route("GET"), work.EditDocument())
	page(paths.NetworkDocumentEdit.Route("POST"), work.EditDocument())
}
