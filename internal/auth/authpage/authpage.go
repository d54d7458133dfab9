// Package authpage provides the sign-in pages: signing in with an email address and password, giving a
// two-factor code, setting up an authenticator app, and signing out.
package authpage

import (
	"embed"
	"io/fs"

	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed templates/auth/*.html
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }
