package web

import (
	"bytes"
	"github.com/golden-thread/goldenthread/internal/testenv"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// requireBuiltAssets skips a test when `make assets` has not been run, and
// fails it under CI, where the build must have run.
func requireBuiltAssets(t *testing.T) {
	t.Helper()
	if _, ok := defaultAssets().hashes[builtCSS]; ok {
		return
	}
	testenv.Missing(t, "static/build/app.css is missing: make assets must run before the tests", "GOV.UK Frontend assets are not built: run make assets")
}

// TestAssetReferencesExist checks that every /assets/ path in the templates
// and in app.js is in the binary.
func TestAssetReferencesExist(t *testing.T) {
	t.Parallel()
	requireBuiltAssets(t)
	refs := map[string]string{} // path → where
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := templateFS.ReadFile(p)
		for _, ref := range assetRefRE.FindAllString(string(b), -1) {
			refs[ref] = p
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	js, err := staticFS.ReadFile("static/app.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range assetRefRE.FindAllString(string(js), -1) {
		refs[ref] = "static/app.js"
	}
	// app.js imports GOV.UK Frontend by a relative path.
	if bytes.Contains(js, []byte(`from "./build/govuk-frontend.min.js"`)) {
		refs["/assets/build/govuk-frontend.min.js"] = "static/app.js"
	}
	if len(refs) < 4 {
		t.Fatalf("found only %d asset references: %v", len(refs), refs)
	}
	for ref, where := range refs {
		if _, ok := defaultAssets().hashes[strings.TrimPrefix(ref, AssetsPrefix)]; !ok {
			t.Errorf("%s refers to %s, which is not embedded", where, ref)
		}
	}
}

func TestBuiltCSSIsCouncilBranded(t *testing.T) {
	t.Parallel()
	requireBuiltAssets(t)
	css, err := staticFS.ReadFile("static/" + builtCSS)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"GDS Transport", "@font-face"} {
		if bytes.Contains(css, []byte(bad)) {
			t.Errorf("app.css contains %q: GOV.UK's font is for GOV.UK only", bad)
		}
	}
	if !bytes.Contains(css, []byte("arial")) {
		t.Error("app.css does not use Arial")
	}
}

func TestAssets(t *testing.T) {
	t.Parallel()
	h := Assets()
	hash := defaultAssets().hashes["app.js"]
	tests := []struct {
		name, path string
		wantStatus int
		wantCache  string
		wantType   string
	}{
		{"versioned", "/assets/app.js?v=" + hash, 200, "public, max-age=31536000, immutable", "text/javascript; charset=utf-8"},
		{"unversioned", "/assets/app.js", 200, "no-cache", "text/javascript; charset=utf-8"},
		{"old version", "/assets/app.js?v=000000000000", 200, "no-cache", "text/javascript; charset=utf-8"},
		{"favicon", "/assets/favicon.svg", 200, "no-cache", "image/svg+xml"},
		{"missing", "/assets/nope.js", 404, "", ""},
		{"GOV.UK crest is not served", "/assets/govuk/images/govuk-crest.svg", 404, "", ""},
		{"GOV.UK font is not served", "/assets/govuk/fonts/bold-b542beb274-v2.woff2", 404, "", ""},
		{"escaping the folder", "/assets/../render.go", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tt.path, nil))
			if w.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d", w.Code, tt.wantStatus)
			}
			if tt.wantStatus != 200 {
				return
			}
			if got := w.Header().Get("Cache-Control"); got != tt.wantCache {
				t.Errorf("Cache-Control = %q, want %q", got, tt.wantCache)
			}
			if got := w.Header().Get("Content-Type"); got != tt.wantType {
				t.Errorf("Content-Type = %q, want %q", got, tt.wantType)
			}
		})
	}

	// A revalidation with the ETag is answered 304 Not Modified.
	r := httptest.NewRequest(http.MethodGet, "/assets/app.js", nil)
	r.Header.Set("If-None-Match", `"`+hash+`"`)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusNotModified {
		t.Errorf("revalidation = %d, want 304", w.Code)
	}
}

func TestAssetFuncVersionsURLs(t *testing.T) {
	t.Parallel()
	a := defaultAssets()
	if got := a.url("/assets/app.js"); got != "/assets/app.js?v="+a.hashes["app.js"] {
		t.Errorf("asset = %q", got)
	}
	if got := a.url("/assets/not-there.css"); got != "/assets/not-there.css" {
		t.Errorf("asset of a missing file = %q", got)
	}
}

func TestCheckAssets(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	built := CheckAssets(logger)
	if built && buf.Len() != 0 {
		t.Errorf("logged with assets built: %s", buf.String())
	}
	if !built && strings.Count(buf.String(), "GOV.UK Frontend assets are not built: run make assets") != 1 {
		t.Errorf("want one warning, got: %s", buf.String())
	}

	// Without the build, the warning is given once and pages still render.
	idx := newAssetIndex(fstestWithout(t, "build/"))
	if _, ok := idx.hashes[builtCSS]; ok {
		t.Fatal("test index still has the build")
	}
	if got := idx.url("/assets/build/app.css"); got != "/assets/build/app.css" {
		t.Errorf("url without build = %q", got)
	}
}

// fstestWithout is the embedded static folder without the paths under prefix.
func fstestWithout(t *testing.T, prefix string) fs.FS {
	t.Helper()
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		t.Fatal(err)
	}
	return filterFS{sub, prefix}
}

type filterFS struct {
	fs.FS
	without string
}

func (f filterFS) Open(name string) (fs.File, error) {
	if strings.HasPrefix(name, f.without) || name+"/" == f.without {
		return nil, fs.ErrNotExist
	}
	return f.FS.Open(name)
}
