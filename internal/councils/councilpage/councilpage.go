// Package councilpage provides a council administrator's pages: the council's staff accounts, its teams and its
// settings (sign-in, the authorisation threshold for services, and when reviews fall due).
package councilpage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed templates/councils/*.html
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the administrator's pages need of councils.Store. Every method reads the council from the
// context, so an administrator reaches only their own council's staff and teams.
type Store interface {
	CouncilByID(ctx context.Context, id string) (councils.Council, error)
	UpdateSettings(ctx context.Context, mfaRequired bool, set councils.Settings, version int) error
	Teams(ctx context.Context) ([]councils.Team, error)
	CreateTeam(ctx context.Context, name string) (councils.Team, error)
	StaffList(ctx context.Context) ([]councils.Staff, error)
	StaffByID(ctx context.Context, id string) (councils.Staff, error)
	CreateStaff(ctx context.Context, n councils.NewStaff) (councils.Staff, error)
	UpdateStaff(ctx context.Context, id string, c councils.StaffChange) error
	SetPassword(ctx context.Context, id, hash string) error
	SetTOTP(ctx context.Context, id, secret string, lastStep int64) error
}

// Hasher hashes a new password (auth.Hasher).
type Hasher interface {
	Hash(ctx context.Context, password string) (string, error)
}

// OneShot keeps a value in the session to show once on the next page (auth.Auth), so that a new password never
// travels in a URL or stays on a page that can be reloaded.
type OneShot interface {
	PutOneShot(ctx context.Context, name, value string)
	PopOneShot(ctx context.Context, name string) string
}

// Pages holds what every administrator's page needs.
type Pages struct {
	tmpl    *web.Templates
	store   Store
	hasher  Hasher
	oneShot OneShot
}

// New returns the administrator's pages.
func New(tmpl *web.Templates, store Store, hasher Hasher, oneShot OneShot) *Pages {
	return &Pages{tmpl: tmpl, store: store, hasher: hasher, oneShot: oneShot}
}

// Paths of the administrator's pages.
const ()

// admin is the signed-in administrator, or web.Forbidden for anyone else. The app's routes check the role too;
// checking here as well means a page can never be wired up unguarded.
func admin(r *http.Request) (councils.Staff, error) {
	st, ok := councils.StaffFrom(r.Context())
	if !ok || !st.Role.Administers() {
		return councils.Staff{}, web.Forbidden
	}
	return st, nil
}

// roleItems are the roles as radio buttons.
func roleItems() []web.Item {
	items := make([]web.Item, len(councils.Roles))
	for i, role := range councils.Roles {
		items[i] = web.Item{Value: string(role), Text: role.Label(), Hint: roleHint(role)}
	}
	return items
}

func roleHint(r councils.Role) string {
	switch r {
	case councils.Practitioner:
		return "Records and changes the details of people allocated to them or their teams"
	case councils.TeamManager:
		return "As a practitioner, and sees who has viewed a person’s record"
	case councils.QualityLead:
		return "Sees every person in the council, and who has viewed their records"
	case councils.DirectoryEditor:
		return "Keeps the directory of community services, and records people’s details"
	case councils.Finance:
		return "Sees figures and authorisations only, not people’s records"
	case councils.Administrator:
		return "Manages staff accounts, teams and settings, and reads the access log. Always uses two-factor sign-in"
	}
	return ""
}

// teamItems are the council's teams as checkboxes.
func teamItems(teams []councils.Team) []web.Item {
	items := make([]web.Item, len(teams))
	for i, t := range teams {
		items[i] = web.Item{Value: t.ID, Text: t.Name}
	}
	return items
}

// teamNames names the teams with the IDs given, in the order of teams.
func teamNames(teams []councils.Team, ids []string) string {
	var names []string
	for _, t := range teams {
		if slices.Contains(ids, t.ID) {
			names = append(names, t.Name)
		}
	}
	return strings.Join(names, ", ")
}

// status is an account's status as shown.
func status(disabled bool) string {
	if disabled {
		return "Disabled"
	}
	return "Active"
}
