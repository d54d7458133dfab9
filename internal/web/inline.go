package web

import (
	"bytes"
	"io/fs"
	"regexp"
)

var (
	stylesheetLink = regexp.MustCompile(`<link rel="stylesheet" href="/assets/build/app\.css[^"]*">`)
	moduleScript   = regexp.MustCompile(`<script type="module" src="/assets/[^"]*"></script>`)
)

// SelfContained turns a rendered page into a document that needs nothing from the server, for printing to PDF
// away from the site: the built stylesheet goes inside the page and the script is left out (a printed page has
// nothing to run). Without built assets the page stays unstyled.
func SelfContained(page []byte) []byte {
	css, err := fs.ReadFile(defaultAssets().fsys, builtCSS)
	style := []byte{}
	if err == nil {
		// A stylesheet cannot close its own style element; the built CSS never holds "</".
		style = append(append([]byte("<style>"), bytes.ReplaceAll(css, []byte("</"), []byte(`<\/`))...), "</style>"...)
	}
	page = stylesheetLink.ReplaceAllLiteral(page, style)
	return moduleScript.ReplaceAllLiteral(page, nil)
}
