package personpage

import (
	"context"
)

// EpisodeLine is one episode of work in the "Episodes of work" section of a person's page.
type EpisodeLine struct {
	Href   string
	Opened string // "3 March 2026"
	Step   string // where it has got to (conversations.Position), such as "Step 3: Support planning, in progress"
	Result string // how it ended; empty while open
}

// Episodes lists a person's episodes of work for their page. The conversations area provides it; it must not log
// another view, as the page has already logged one.
type Episodes interface {
	PersonEpisodes(ctx context.Context, personID string) ([]EpisodeLine, error)
}

// WithEpisodes adds the "Episodes of work" section, with its "Record a contact" button, to a person's page.
func (p *Pages) WithEpisodes(e Episodes) *Pages {
	p.episodes = e
	return p
}
