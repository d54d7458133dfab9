package api

import (
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/strengths"
)

// Connection is one line on the person's ecomap: to someone who matters (network_member_id, one of the person's
// network) or to a community group, place or organisation (name).
type Connection struct {
	ID              string `json:"id"`   // read-only
	Kind            string `json:"kind"` // read-only: network or community
	NetworkMemberID string `json:"network_member_id"`
	Name            string `json:"name"`         // the community connection's name, or (read-only) the person who matters
	Relationship    string `json:"relationship"` // read-only: the relationship of the person who matters
	Closeness       int    `json:"closeness"`    // 1 very close, 2 close, 3 distant
	Link            string `json:"link"`         // strong, tenuous or stressful
	SupportGiven    string `json:"support_given"`
	SupportReceived string `json:"support_received"`
	Note            string `json:"note"`
	Version         int    `json:"version"` // read-only: send it back in If-Match
}

func connectionOf(c strengths.Connection) Connection {
	return Connection{
		ID: c.ID, Kind: string(c.Kind()), NetworkMemberID: c.NetworkMemberID, Name: c.Title(), Relationship: c.Relationship,
		Closeness: int(c.Closeness), Link: string(c.Link), SupportGiven: c.SupportGiven, SupportReceived: c.SupportReceived,
		Note: c.Note, Version: c.Version,
	}
}

func (in Connection) record(personID string) strengths.Connection {
	return strengths.Connection{
		PersonID: personID, NetworkMemberID: strings.TrimSpace(in.NetworkMemberID), Name: in.Name,
		Closeness: strengths.Closeness(in.Closeness), Link: strengths.Link(strings.TrimSpace(in.Link)),
		SupportGiven: in.SupportGiven, SupportReceived: in.SupportReceived, Note: in.Note,
	}
}

// connectionField: a connection's name problem is about the person who matters when one was named.
func (in Connection) field(field string) string {
	if field == "name" && strings.TrimSpace(in.NetworkMemberID) != "" {
		return "network_member_id"
	}
	return field
}

// described is the connections that have been described; the people who matter not yet on the map are in the
// person's network.
func described(m strengths.Map) []strengths.Connection {
	var out []strengths.Connection
	for _, c := range m.Connections {
		if c.Described() {
			out = append(out, c)
		}
	}
	return out
}

// listConnections is GET /api/v1/people/{id}/connections: the ecomap's connections, the people who matter first.
func (a *API) listConnections(w http.ResponseWriter, r *http.Request) error {
	m, err := a.thread.Strengths.Ecomap(r.Context(), idsOf(r).person)
	if err != nil {
		return err
	}
	sendList(w, listOf(described(m), connectionOf))
	return nil
}

func (a *API) readConnection(r *http.Request, id string) (int, any, error) {
	m, err := a.thread.Strengths.Ecomap(r.Context(), idsOf(r).person)
	if err != nil {
		return 0, nil, err
	}
	for _, c := range described(m) {
		if c.ID == id {
			return c.Version, connectionOf(c), nil
		}
	}
	return 0, nil, notFound
}

// getConnection is GET /api/v1/people/{id}/connections/{connection}.
func (a *API) getConnection(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readConnection(r, r.PathValue("connection")) })
}

// addConnection is POST /api/v1/people/{id}/connections.
func (a *API) addConnection(w http.ResponseWriter, r *http.Request) error {
	personID := idsOf(r).person
	return create(w, r, func(in Connection) (string, int, any, error) {
		added, err := a.thread.Strengths.AddConnection(r.Context(), in.record(personID))
		if err != nil {
			return "", 0, nil, renamed(err, in.field)
		}
		return PersonPath(personID) + "/connections/" + added.ID, added.Version, connectionOf(added), nil
	})
}

// updateConnection is PUT /api/v1/people/{id}/connections/{connection}.
func (a *API) updateConnection(w http.ResponseWriter, r *http.Request) error {
	personID, id := idsOf(r).person, r.PathValue("connection")
	return change(w, r, "the connection",
		func(in Connection, version int) error {
			c := in.record(personID)
			c.ID, c.Version = id, version
			return renamed(a.thread.Strengths.UpdateConnection(r.Context(), c), in.field)
		},
		func() (int, any, error) { return a.readConnection(r, id) })
}
