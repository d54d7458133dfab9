// Package learningpage provides the learning programme's pages: the catalogue, sessions, bookings and evaluations,
// and the workforce development lead's oversight: coverage by team and course, new starters' induction, and past
// attendance imported from another learning system.
package learningpage

import (
	"embed"
	"io/fs"

	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }
