package conversationpage

import (
	"context"
	"time"

	"github.com/golden-thread/goldenthread/internal/crisis"
)

// CrisisBanner reads an episode's current crisis for the episode page's banner, without logging (the episode page
// logs its own view). crisis.Store is one.
type CrisisBanner interface {
	Banner(ctx context.Context, personID, episodeID string) (crisis.Crisis, bool, error)
	Now() time.Time
}

// WithCrisis shows a banner on the episode page while the episode is in crisis, with its early review's due time.
func (p *Pages) WithCrisis(c CrisisBanner) *Pages {
	p.crisis = c
	return p
}

// crisisView is the banner's data.
type crisisView struct {
	Crisis      crisis.Crisis
	Now         time.Time
	Href        string
	CanChange   bool
	HideSupport bool // the crisis page lists the holding support itself
}
