// Package paths declares the shape of every page's URL once, such as /people/{id}/episodes/{episode}. Each shape
// gives the route's pattern for the ServeMux (Route) and builds the page's URL from as many arguments as it has
// wildcards (URL), so routes, handlers' redirects and links, and templates ({{path "Episode" .PersonID .EpisodeID}})
// cannot drift apart: a wrong number of arguments fails the build in Go, and fails at start-up in a template.
//
// It imports nothing of ours, so domain packages that link to their own pages (a required action's link) use it as
// the pages do.
package paths

import (
	"fmt"
	"strings"
	"sync"
)

// shape is one page's path: its name (for templates), its pattern with {wildcards}, and the pattern cut at the
// wildcards, so URL only joins strings.
type shape struct {
	name    string
	pattern string
	parts   []string // the literal text around the wildcards: len(parts) == wildcards+1
}

func newShape(name, pattern string) shape {
	s := shape{name: name, pattern: pattern}
	rest := pattern
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 || strings.HasPrefix(rest[i:], "{$}") {
			s.parts = append(s.parts, strings.TrimSuffix(rest, "{$}"))
			return s
		}
		j := strings.IndexByte(rest[i:], '}')
		s.parts = append(s.parts, rest[:i])
		rest = rest[i+j+1:]
	}
}

// Name is the shape's name, as templates call it.
func (s shape) Name() string { return s.name }

// Pattern is the path with its {wildcards}, as http.ServeMux reads it.
func (s shape) Pattern() string { return s.pattern }

// Route is the ServeMux pattern for one method: Route("GET") is "GET /people/{id}".
func (s shape) Route(method string) string { return method + " " + s.pattern }

// Wildcards is how many arguments URL takes.
func (s shape) Wildcards() int { return len(s.parts) - 1 }

// build fills the wildcards in order. Identifiers are the service's own (UUIDs and numbers), so they go in as they
// are, as they always have.
func (s shape) build(args ...string) string {
	if len(args) != s.Wildcards() {
		panic(fmt.Sprintf("paths: %s takes %d arguments, not %d", s.name, s.Wildcards(), len(args)))
	}
	var b strings.Builder
	for i, p := range s.parts {
		b.WriteString(p)
		if i < len(args) {
			b.WriteString(args[i])
		}
	}
	return b.String()
}

// Path0 is a page with no wildcards, such as /people.
type Path0 struct{ shape }

// URL is the page's address.
func (p Path0) URL() string { return p.build() }

// Path1 is a page with one wildcard, such as /people/{id}.
type Path1 struct{ shape }

// URL is the page's address for its one identifier.
func (p Path1) URL(a string) string { return p.build(a) }

// Path2 is a page with two wildcards, such as /people/{id}/episodes/{episode}.
type Path2 struct{ shape }

// URL is the page's address for its identifiers, outermost first.
func (p Path2) URL(a, b string) string { return p.build(a, b) }

// Path3 is a page with three wildcards.
type Path3 struct{ shape }

// URL is the page's address for its identifiers, outermost first.
func (p Path3) URL(a, b, c string) string { return p.build(a, b, c) }

// Path4 is a page with four wildcards.
type Path4 struct{ shape }

// URL is the page's address for its identifiers, outermost first.
func (p Path4) URL(a, b, c, d string) string { return p.build(a, b, c, d) }

// Shape is what every PathN shares: enough to route it and to build its URL from arguments counted at run time
// (templates).
type Shape interface {
	Name() string
	Pattern() string
	Route(method string) string
	Wildcards() int
	build(args ...string) string
}

// Build fills a shape's wildcards from arguments counted at run time, for templates; an error says what is wrong.
func Build(s Shape, args ...string) (string, error) {
	if len(args) != s.Wildcards() {
		return "", fmt.Errorf("path %s takes %d arguments, not %d", s.Name(), s.Wildcards(), len(args))
	}
	return s.build(args...), nil
}

func p0(name, pattern string) Path0 { return Path0{check(newShape(name, pattern), 0)} }
func p1(name, pattern string) Path1 { return Path1{check(newShape(name, pattern), 1)} }
func p2(name, pattern string) Path2 { return Path2{check(newShape(name, pattern), 2)} }
func p3(name, pattern string) Path3 { return Path3{check(newShape(name, pattern), 3)} }
func p4(name, pattern string) Path4 { return Path4{check(newShape(name, pattern), 4)} }

// check refuses, as the package loads, a shape declared with the wrong PathN for its wildcards.
func check(s shape, n int) shape {
	if s.Wildcards() != n {
		panic(fmt.Sprintf("paths: %s (%s) has %d wildcards, declared with %d", s.name, s.pattern, s.Wildcards(), n))
	}
	return s
}

// ByName finds a shape by its name, for templates. Pages build dozens of links each, so the shapes are looked up
// by name in a map made once, not found by walking All (which had been a twentieth of a busy server's time).
func ByName(name string) (Shape, bool) {
	s, ok := byName()[name]
	return s, ok
}

var byName = sync.OnceValue(func() map[string]Shape {
	m := make(map[string]Shape, len(All()))
	for _, s := range All() {
		m[s.Name()] = s
	}
	return m
})
