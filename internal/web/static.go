package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// static holds the project's own assets (app.js, the favicon) and, after
// `make assets`, GOV.UK Frontend's compiled output in static/build/, which
// is not committed. The "all:" prefix and the committed files keep the
// pattern matching on a fresh clone.
//
//go:embed all:static
var staticFS embed.FS

// AssetsPrefix is the URL path the assets are served under.
const AssetsPrefix = "/assets/"

// builtCSS is the file `make assets` produces; without it pages are unstyled.
const builtCSS = "build/app.css"

// assetIndex knows a short content hash for every embedded asset, for
// cache-busting URLs (/assets/app.js?v=1a2b3c4d5e6f).
type assetIndex struct {
	fsys   fs.FS
	hashes map[string]string // path inside fsys → hash
}

var defaultAssets = sync.OnceValue(func() *assetIndex {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // "static" is a literal directory embedded above
	}
	return newAssetIndex(sub)
})

func newAssetIndex(fsys fs.FS) *assetIndex {
	idx := &assetIndex{fsys: fsys, hashes: map[string]string{}}
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil // an unreadable entry is simply not indexed
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		sum := sha256.Sum256(b)
		idx.hashes[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	return idx
}

// url is the template function asset: "/assets/app.js" → "/assets/app.js?v=<hash>".
// A file that is not there (assets not built) keeps its plain URL.
func (a *assetIndex) url(p string) string {
	if h, ok := a.hashes[strings.TrimPrefix(p, AssetsPrefix)]; ok {
		return p + "?v=" + h
	}
	return p
}

// Assets serves the embedded static files. Mount it on the mux as
//
//	mux.Handle("GET /assets/", web.Assets())
//
// A URL whose ?v= matches the file's content hash (as the asset template
// function writes it) is cached for a year; any other URL is revalidated
// with its ETag every time. GOV.UK's own images and fonts (the crown, the
// crest and GDS Transport) are not served: they are for GOV.UK only.
func Assets() http.Handler {
	return defaultAssets().handler()
}

func (a *assetIndex) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), AssetsPrefix)
		hash, ok := a.hashes[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		b, err := fs.ReadFile(a.fsys, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("ETag", `"`+hash+`"`)
		if v := r.URL.Query().Get("v"); v == hash {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		if ct := contentType(name); ct != "" {
			h.Set("Content-Type", ct)
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	})
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".ico":
		return "image/x-icon"
	case ".json":
		return "application/json"
	}
	return ""
}

// CheckAssets logs one warning when GOV.UK Frontend's compiled assets are
// missing from the binary, and reports whether they are there. Pages still
// work without them, unstyled.
func CheckAssets(logger *slog.Logger) bool {
	if _, ok := defaultAssets().hashes[builtCSS]; ok {
		return true
	}
	logger.Warn("GOV.UK Frontend assets are not built: run make assets",
		"missing", AssetsPrefix+builtCSS)
	return false
}
