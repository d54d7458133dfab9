package reviewpage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// endForm is the offer, on a review that finished the support, to end the episode with its result.
type endForm struct {
	Action  string
	Result  string
	Note    string
	Version int // the episode's
	Results []web.Item
	EndsOn  string
}

var endOrder = []string{"end_version", "result", "note"}

// endOffer is the form to end the episode from the completed review in data, when the review offers it: "support
// ended as planned" chosen, for the practitioner to change if another result fits better.
func endOffer(data *reviewData) {
	v := data.View
	if !v.OffersEnd() {
		return
	}
	data.End = &endForm{Action: paths.ReviewEnd.URL(v.Person.ID, v.Review.EpisodeID, v.Review.ID), Result: codelists.EventOutcomeSupportEnded,
		Version: v.Episode.Version, EndsOn: v.Review.HeldOn.Format("2 January 2006")}
	for _, c := range reviews.EndResults() {
		data.End.Results = append(data.End.Results, web.Item{Value: c.Value, Text: c.Label})
	}
}

// End ends the episode from a review that finished the support (POST
// /people/{id}/episodes/{episode}/reviews/{review}/end): at Step 4, the review, on the day the review was held,
// with the result chosen from the Client Level Data outcomes that take no further action. It goes through the
// episode's own end (conversations.Store.End), so the episode ends by the same rules and is logged and recorded
// in the chronology as ending it from the episode would be. An episode someone else changed since the review was
// shown is not ended: the offer keeps what was typed, with the episode's version as saved now.
func (p *Pages) End() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(r); err != nil {
			return err
		}
		personID, episodeID := r.PathValue("id"), r.PathValue("episode")
		// The review is read whether or not the episode ends, a view of the record: it says whether the episode may
		// end from it, and on what day.
		data, err := p.load(w, r)
		if err != nil {
			return err
		}
		if !data.View.OffersEnd() {
			// Ended already, or something was scheduled since: the review page says what is so now.
			return web.Conflict
		}
		return web.Edit(p.tmpl, w, r, &data, web.EditForm[conversations.Ending]{
			Template:      "reviews/review.html",
			Order:         endOrder,
			Conflict:      "Someone else changed this episode while you were ending it. Check the episode, then end it again if it is still open",
			ConflictField: "end_version",
			Load:          func() (conversations.Ending, error) { return conversations.Ending{}, nil },
			Read: func(f url.Values, _ *web.Errors) conversations.Ending {
				data.End.Result, data.End.Note = f.Get("result"), strings.TrimSpace(f.Get("note"))
				data.End.Version = web.FormVersion(f, "end_version")
				return conversations.Ending{Step: conversations.Step4, Result: data.End.Result, Note: data.End.Note, EndedOn: data.View.Review.HeldOn}
			},
			Save: func(end conversations.Ending) (conversations.Ending, error) {
				return end, p.episodes.End(web.Route(r), personID, episodeID, end, data.End.Version)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			// The page has no panel: it links to the episode's reviews to see what changed, and the offer takes the
			// episode's version as the review read it.
			Compare: func(conversations.Ending, conversations.Ending) []web.Difference {
				data.End.Version = data.View.Episode.Version
				return nil
			},
			Done: func(end conversations.Ending) error {
				web.SetFlash(r, "Episode ended: "+codelists.EventOutcome.Label(end.Result)+". No further review is scheduled")
				http.Redirect(w, r, paths.Episode.URL(personID, episodeID), http.StatusSeeOther)
				return nil
			},
		})
	})
}
