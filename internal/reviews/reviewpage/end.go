package reviewpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
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
// in the chronology as ending it from the episode would be.
func (p *Pages) End() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(r); err != nil {
			return err
		}
		personID, episodeID := r.PathValue("id"), r.PathValue("episode")
		result, note := r.PostForm.Get("result"), strings.TrimSpace(r.PostForm.Get("note"))
		version := web.FormVersion(r.PostForm, "end_version")
		data, err := p.load(w, r)
		if err != nil {
			return err
		}
		if !data.View.OffersEnd() {
			// Ended already, or something was scheduled since: the review page says what is so now.
			return web.Conflict
		}
		end := conversations.Ending{Step: conversations.Step4, Result: result, Note: note, EndedOn: data.View.Review.HeldOn}
		err = p.episodes.End(web.Route(r), personID, episodeID, end, version)
		ps, invalid := validation.AsProblems(err)
		if invalid || errors.Is(err, sqldb.ErrConflict) {
			status := http.StatusUnprocessableEntity
			if !invalid {
				// The form keeps what was typed against the episode as it is now.
				status, version = http.StatusConflict, data.View.Episode.Version
				data.Errors.Add("end_version", "Someone else changed this episode while you were ending it. Check the episode, then end it again if it is still open")
			}
			web.AddProblems(&data.Errors, ps, endOrder)
			data.End.Result, data.End.Note, data.End.Version = result, note, version
			return p.tmpl.Render(w, r, status, "reviews/review.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Episode ended: "+codelists.EventOutcome.Label(result)+". No further review is scheduled")
		http.Redirect(w, r, paths.Episode.URL(personID, episodeID), http.StatusSeeOther)
		return nil
	})
}
