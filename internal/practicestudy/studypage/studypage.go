// Package studypage provides the practice study's pages: the council's studies and opening one, a study's results
// through its four windows, a practitioner's diary a day at a time (made to be filled in on a phone between visits),
// recording a reflective learning session and an engagement with people with lived experience, and the case for
// change, written, agreed, printed and as a tagged PDF.
package studypage

import (
	"context"
	"embed"
	"io/fs"
	"log/slog"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of practicestudy.Store.
type Store interface {
	Studies(ctx context.Context) ([]practicestudy.Study, error)
	Study(ctx context.Context, id string) (practicestudy.Study, error)
	Open(ctx context.Context, s practicestudy.Study) (practicestudy.Study, error)
	Day(ctx context.Context, studyID, staffID string, day sqldb.Date) (practicestudy.Day, error)
	Days(ctx context.Context, studyID, staffID string) ([]practicestudy.DaySummary, error)
	SaveDay(ctx context.Context, studyID string, d practicestudy.Day) (practicestudy.Day, error)
	TimeByTeam(ctx context.Context, studyID string) ([]practicestudy.TeamTime, error)
	StudyStaff(ctx context.Context, studyID string) ([]councils.Staff, error)
	RecordReflection(ctx context.Context, studyID string, r practicestudy.Reflection) (practicestudy.Reflection, error)
	Reflections(ctx context.Context, studyID string) ([]practicestudy.Reflection, error)
	RecordEngagement(ctx context.Context, studyID string, e practicestudy.Engagement) (practicestudy.Engagement, error)
	Engagements(ctx context.Context, studyID string) ([]practicestudy.Engagement, error)
	Results(ctx context.Context, studyID string) (practicestudy.Results, error)
	Case(ctx context.Context, studyID string) (practicestudy.Case, error)
	SaveCase(ctx context.Context, studyID string, c practicestudy.Case, agree bool) (practicestudy.Case, error)
}

// Teams is what opening a study needs: the council's teams to choose from.
type Teams interface {
	Teams(ctx context.Context) ([]councils.Team, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl    *web.Templates
	store   Store
	teams   Teams
	printer web.Printer
	logger  *slog.Logger
}

// New returns the pages. printer may be nil, or unavailable where Chromium is not installed: then the case for change
// is printed from the browser.
func New(tmpl *web.Templates, store Store, teams Teams, printer web.Printer, logger *slog.Logger) *Pages {
	return &Pages{tmpl: tmpl, store: store, teams: teams, printer: printer, logger: logger}
}

// sees: everyone who sees the quality pages may see a study of their teams; the store says which.
var sees = councils.Role.SeesQuality

// me is the signed-in member of staff.
func me(ctx context.Context) councils.Staff {
	st, _ := councils.StaffFrom(ctx)
	return st
}
