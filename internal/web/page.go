// Package web holds the page machinery shared by every *page package: parsing
// and rendering the embedded templates (GOV.UK Frontend components as
// html/template partials), the error-returning handler shape, form errors and
// date parsing, the standard middleware and the static assets.
//
// web imports only the standard library, and no domain package.
package web

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// Page is the data every page template needs. Each page's data struct embeds
// it:
//
//	type findData struct {
//		web.Page
//		Form   findForm
//		People []people.Person
//	}
type Page struct {
	// Title is the page's h1 text, also used in <title>.
	Title string
	// Viewer is the signed-in member of staff, or nil before sign-in.
	Viewer *Viewer
	// Nav is the service navigation, with the current section marked.
	Nav []NavItem
	// Errors are the form's field errors. When there are any, the layout shows
	// the error summary and puts "Error: " before the title.
	Errors Errors
	// Flash is a one-off success message left by the previous request, shown
	// in a notification banner (POST-redirect-GET).
	Flash string
	// RequestID identifies the request in the logs. The 500 page shows it.
	RequestID string
	// Back is the href of the back link shown above the content, if any.
	Back string
}

// isPage lets Render check that a template's data embeds Page.
func (Page) isPage() {}

type pageData interface{ isPage() }

// Viewer is the signed-in member of staff, as the layout shows them. The app
// puts it in the request context with WithViewer after sign-in.
type Viewer struct {
	StaffID     string
	Name        string
	Role        string // role key, for example "social-worker"
	RoleLabel   string // role as shown, for example "Social worker"
	CouncilID   string
	CouncilName string
	CanAdmin    bool
	// IdleSeconds is how long the session lasts without a request, and SignedOutAt when it ends if no other
	// request comes first: the page's timeout warning counts down from them, and a long form says the time.
	IdleSeconds int
	SignedOutAt time.Time
}

// NavItem is one link in the service navigation.
type NavItem struct {
	Text string
	Href string
	// Current is set by NewPage when the request is for this exact page.
	Current bool
	// Active is set by NewPage when the request is for a page inside this
	// section (the longest Href that is a prefix of the path).
	Active bool
}

type contextKey int

const (
	viewerKey contextKey = iota
	navKey
	requestIDKey
	flashKey
)

// WithViewer returns a copy of ctx carrying the signed-in member of staff.
func WithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey, v)
}

// ViewerFrom returns the signed-in member of staff, or nil.
func ViewerFrom(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey).(*Viewer)
	return v
}

// WithNav returns a copy of ctx carrying the service navigation for the
// signed-in member of staff (what they may see depends on their role).
func WithNav(ctx context.Context, nav []NavItem) context.Context {
	return context.WithValue(ctx, navKey, nav)
}

// NavFrom returns the service navigation set with WithNav, or nil.
func NavFrom(ctx context.Context) []NavItem {
	nav, _ := ctx.Value(navKey).([]NavItem)
	return nav
}

// FlashStore keeps one-off messages between a POST and the page it redirects
// to. The app implements it over the session.
type FlashStore interface {
	PutFlash(ctx context.Context, message string)
	PopFlash(ctx context.Context) string
}

// WithFlashStore returns a copy of ctx carrying the store SetFlash and
// NewPage use.
func WithFlashStore(ctx context.Context, s FlashStore) context.Context {
	return context.WithValue(ctx, flashKey, s)
}

// SetFlash keeps a success message to show on the next page, for example
// "Outcome saved". It does nothing when the app has no flash store.
func SetFlash(r *http.Request, message string) {
	if s, ok := r.Context().Value(flashKey).(FlashStore); ok {
		s.PutFlash(r.Context(), message)
	}
}

// NewPage returns the Page for r: the viewer, the navigation with the
// current section marked, the request ID and any flash message.
func NewPage(r *http.Request, title string) Page {
	ctx := r.Context()
	p := Page{
		Title:     title,
		Viewer:    ViewerFrom(ctx),
		Nav:       markNav(NavFrom(ctx), r.URL.Path),
		RequestID: RequestIDFrom(ctx),
	}
	if s, ok := ctx.Value(flashKey).(FlashStore); ok {
		p.Flash = s.PopFlash(ctx)
	}
	return p
}

// markNav copies nav, marking the item for path as Current, or else the
// section containing path (the longest matching prefix) as Active.
func markNav(nav []NavItem, path string) []NavItem {
	if len(nav) == 0 {
		return nil
	}
	out := make([]NavItem, len(nav))
	best, bestLen := -1, 0
	for i, item := range nav {
		item.Current, item.Active = false, false
		out[i] = item
		switch {
		case item.Href == path:
			best, bestLen = i, len(item.Href)+1 // an exact match beats any prefix
		case item.Href != "/" && strings.HasPrefix(path, strings.TrimSuffix(item.Href, "/")+"/"):
			if len(item.Href) > bestLen {
				best, bestLen = i, len(item.Href)
			}
		}
	}
	if best >= 0 {
		if out[best].Href == path {
			out[best].Current = true
		} else {
			out[best].Active = true
		}
	}
	return out
}
