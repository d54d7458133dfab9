package conversationpage

import (
	"context"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/people/personpage"
)

// Lister is what the person page's "Episodes of work" section needs of conversations.Store.
type Lister interface {
	PersonEpisodes(ctx context.Context, personID string) ([]conversations.Episode, error)
}

// PersonEpisodes gives the person page its "Episodes of work" section.
func PersonEpisodes(l Lister) personpage.Episodes { return episodeLines{l} }

type episodeLines struct{ l Lister }

func (e episodeLines) PersonEpisodes(ctx context.Context, personID string) ([]personpage.EpisodeLine, error) {
	eps, err := e.l.PersonEpisodes(ctx, personID)
	if err != nil {
		return nil, err
	}
	out := make([]personpage.EpisodeLine, len(eps))
	for i, ep := range eps {
		out[i] = personpage.EpisodeLine{
			Href: paths.Episode.URL(personID, ep.ID), Opened: ep.OpenedOn.Format("2 January 2006"), Step: ep.Position().Text(),
		}
		if ep.Ended() {
			out[i].Result = fmt.Sprintf("%s (%s, at step %d)", resultLabel(ep.Result), ep.EndedOn.Format("2 January 2006"), ep.EndedStep)
		}
	}
	return out, nil
}
