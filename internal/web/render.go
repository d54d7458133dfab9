package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/golden-thread/goldenthread/internal/paths"
)

//go:embed templates
var templateFS embed.FS

// layoutName is the template every page is rendered through. It calls the
// page's "content" block, and the optional "head" and "beforeContent" blocks.
const layoutName = "layout/base.html"

// Templates holds every page template, parsed once at start-up, and the
// logger for the error pages. It is safe for concurrent use.
type Templates struct {
	logger    *slog.Logger
	pages     map[string]*template.Template
	redirects []redirect // errors answered with a redirect rather than an error page; see RedirectOn
}

// NewTemplates parses web's own templates (the layout, the GOV.UK partials in
// govuk/ and the error pages) and the page templates in each of pageFS.
//
// A page template is named by its path in its FS, for example
// "people/find.html", and defines a "content" block (and optionally "head"
// and "beforeContent"). A file whose name starts with "_" is a shared partial
// instead: it is added to every page, so define templates in it with
// {{define "people/_address"}}. Files that do not end in .html are ignored.
//
// Each page is parsed into its own copy of the layout and partials, so pages
// cannot clash. A syntax error, an unknown function, a call of a template that
// does not exist or an escaping problem is an error here, at start-up, not
// when someone opens the page.
func NewTemplates(logger *slog.Logger, pageFS ...fs.FS) (*Templates, error) {
	if logger == nil {
		logger = slog.Default()
	}
	own, err := fs.Sub(templateFS, "templates")
	if err != nil {
		return nil, err
	}
	type file struct{ name, src string }
	var partials, pages []file
	seen := map[string]bool{}
	for i, fsys := range append([]fs.FS{own}, pageFS...) {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || path.Ext(p) != ".html" {
				return nil
			}
			if seen[p] {
				return fmt.Errorf("template %s is defined twice", p)
			}
			seen[p] = true
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			f := file{p, string(b)}
			// web's own layout and govuk partials, and any _name.html, are shared.
			shared := strings.HasPrefix(path.Base(p), "_") ||
				i == 0 && (strings.HasPrefix(p, "layout/") || strings.HasPrefix(p, "govuk/"))
			if shared {
				partials = append(partials, f)
			} else {
				pages = append(pages, f)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("web: read templates: %w", err)
		}
	}

	assets := defaultAssets()
	base := template.New("").Funcs(funcs(assets))
	for _, f := range partials {
		if _, err := base.New(f.name).Parse(f.src); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
	}
	if base.Lookup(layoutName) == nil {
		return nil, fmt.Errorf("web: layout %s is missing", layoutName)
	}

	t := &Templates{logger: logger, pages: make(map[string]*template.Template, len(pages))}
	for _, f := range pages {
		set, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("web: %s: %w", f.name, err)
		}
		set.Funcs(template.FuncMap{"include": includeFunc(set)})
		if _, err := set.New(f.name).Parse(f.src); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		if set.Lookup("content") == nil {
			return nil, fmt.Errorf("web: %s does not define a \"content\" block", f.name)
		}
		included, err := checkIncludes(set)
		if err != nil {
			return nil, fmt.Errorf("web: %s: %w", f.name, err)
		}
		if err := checkPaths(set); err != nil {
			return nil, fmt.Errorf("web: %s: %w", f.name, err)
		}
		if err := checkArgs(set); err != nil {
			return nil, fmt.Errorf("web: %s: %w", f.name, err)
		}
		if err := escapeNow(set, included); err != nil {
			return nil, fmt.Errorf("web: %s: %w", f.name, err)
		}
		t.pages[f.name] = set
	}
	return t, nil
}

// Fresh is a Templates over the same parsed and checked pages, with its own logger and no redirects yet. The pages
// are never changed once parsed, so any number of Templates may share them: parsing and checking every page takes a
// second or two, which tests that start many apps in one process spend once.
func (t *Templates) Fresh(logger *slog.Logger) *Templates {
	if logger == nil {
		logger = slog.Default()
	}
	return &Templates{logger: logger, pages: t.pages}
}

// includeFunc renders another template of the same page set to HTML, for
// arguments that need markup, such as a conditional reveal inside radios:
// "Conditional" (include "people/_phone" .).
func includeFunc(set *template.Template) func(string, any) (template.HTML, error) {
	return func(name string, data any) (template.HTML, error) {
		var b bytes.Buffer
		if err := set.ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil // produced (and escaped) by html/template
	}
}

// checkIncludes finds include calls with a literal template name, checks
// the templates exist and returns their names. ({{template}} calls are
// checked by escapeNow.)
func checkIncludes(set *template.Template) ([]string, error) {
	var missing, found []string
	inspect(set, func(_ string, n parse.Node) {
		c, ok := n.(*parse.CommandNode)
		if !ok || len(c.Args) < 2 {
			return
		}
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok && id.Ident == "include" {
			if s, ok := c.Args[1].(*parse.StringNode); ok {
				if set.Lookup(s.Text) == nil {
					missing = append(missing, s.Text)
				} else {
					found = append(found, s.Text)
				}
			}
		}
	})
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("include of missing template %s", strings.Join(slices.Compact(missing), ", "))
	}
	slices.Sort(found)
	return slices.Compact(found), nil
}

// checkPaths finds path calls ({{path "Risk" .PersonID .EpisodeID .ID}}) and checks, at start-up rather than when
// someone opens the page, that the shape exists in internal/paths and is given as many arguments as it has wildcards.
func checkPaths(set *template.Template) error {
	var errs []error
	inspect(set, func(tmpl string, n parse.Node) {
		c, ok := n.(*parse.CommandNode)
		if !ok || len(c.Args) == 0 {
			return
		}
		if id, ok := c.Args[0].(*parse.IdentifierNode); !ok || id.Ident != "path" {
			return
		}
		name, ok := argString(c.Args, 1)
		if !ok {
			errs = append(errs, fmt.Errorf("%s: path needs a shape's name, written out: %s", tmpl, c))
			return
		}
		s, ok := paths.ByName(name)
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("%s: no path %q in internal/paths", tmpl, name))
		case len(c.Args)-2 != s.Wildcards():
			errs = append(errs, fmt.Errorf("%s: path %s takes %d arguments, not %d: %s", tmpl, name, s.Wildcards(), len(c.Args)-2, c))
		}
	})
	return errors.Join(errs...)
}

// checkArgs finds every call of a component with its arguments written out, {{template "risks/_rows" (dict "Name"
// "mitigations" …)}}, and checks the names against the component's declaration ({{params "risks/_rows" . "Name" …}}),
// so a misspelt or missing argument fails at start-up, and so in every test, rather than leaving something out of a
// page without a word.
func checkArgs(set *template.Template) error {
	var errs []error
	inspect(set, func(tmpl string, n parse.Node) {
		call, ok := n.(*parse.TemplateNode)
		if !ok || call.Pipe == nil || len(call.Pipe.Cmds) != 1 || len(call.Pipe.Cmds[0].Args) != 1 {
			return
		}
		given, ok := dictKeys(call.Pipe.Cmds[0].Args[0])
		if !ok {
			return
		}
		component := set.Lookup(call.Name)
		if component == nil || component.Tree == nil {
			return // escapeNow reports a missing template
		}
		declared, ok := declaration(component)
		if !ok {
			errs = append(errs, fmt.Errorf("%s: %s is called with arguments but does not declare them with {{params %q . …}}", tmpl, call.Name, call.Name))
			return
		}
		known, required, err := paramsOf(call.Name, declared)
		if err == nil {
			err = checkKeys(call.Name, given, known, required)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", tmpl, err))
		}
	})
	return errors.Join(errs...)
}

// dictKeys is the keys of (dict "Key" value …) when every key is written out.
func dictKeys(n parse.Node) ([]string, bool) {
	pipe, ok := n.(*parse.PipeNode)
	if !ok || len(pipe.Cmds) != 1 {
		return nil, false
	}
	args := pipe.Cmds[0].Args
	if id, ok := args[0].(*parse.IdentifierNode); !ok || id.Ident != "dict" {
		return nil, false
	}
	var keys []string
	for i := 1; i < len(args); i += 2 {
		k, ok := argString(args, i)
		if !ok {
			return nil, false
		}
		keys = append(keys, k)
	}
	return keys, true
}

// declaration is the names a component's {{params "name" . …}} declares: none (and true) for a GOV.UK partial whose
// list is in partialParams; false when the component calls no params.
func declaration(component *template.Template) ([]string, bool) {
	var declared []string
	found := false
	inspectTree(component.Name(), component.Tree.Root, func(_ string, n parse.Node) {
		c, ok := n.(*parse.CommandNode)
		if found || !ok || len(c.Args) < 3 {
			return
		}
		if id, ok := c.Args[0].(*parse.IdentifierNode); !ok || id.Ident != "params" {
			return
		}
		found = true
		for i := 3; i < len(c.Args); i++ {
			if s, ok := argString(c.Args, i); ok {
				declared = append(declared, s)
			}
		}
	})
	return declared, found
}

// argString is the i-th argument of a command when it is a string written out.
func argString(args []parse.Node, i int) (string, bool) {
	if i >= len(args) {
		return "", false
	}
	s, ok := args[i].(*parse.StringNode)
	if !ok {
		return "", false
	}
	return s.Text, true
}

// inspect calls fn with every node of every template in set, and the name of the template it is in, so that each
// start-up check need not walk the trees itself.
func inspect(set *template.Template, fn func(tmpl string, n parse.Node)) {
	for _, tmpl := range set.Templates() {
		if tmpl.Tree != nil {
			inspectTree(tmpl.Name(), tmpl.Tree.Root, fn)
		}
	}
}

// inspectTree calls fn with every node under root, in the template named name.
func inspectTree(name string, root parse.Node, fn func(tmpl string, n parse.Node)) {
	var walk func(name string, n parse.Node)
	walk = func(name string, n parse.Node) {
		if n == nil || reflect.ValueOf(n).IsNil() {
			return
		}
		fn(name, n)
		switch n := n.(type) {
		case *parse.ListNode:
			for _, c := range n.Nodes {
				walk(name, c)
			}
		case *parse.ActionNode:
			walk(name, n.Pipe)
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				walk(name, c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(name, a)
			}
		case *parse.IfNode:
			walk(name, n.Pipe)
			walk(name, n.List)
			walk(name, n.ElseList)
		case *parse.RangeNode:
			walk(name, n.Pipe)
			walk(name, n.List)
			walk(name, n.ElseList)
		case *parse.WithNode:
			walk(name, n.Pipe)
			walk(name, n.List)
			walk(name, n.ElseList)
		case *parse.TemplateNode:
			walk(name, n.Pipe)
		}
	}
	walk(name, root)
}

// escapeNow makes html/template escape the layout, everything it calls and
// the included templates now, so that a call of a missing template or markup
// it cannot escape safely fails at start-up rather than when someone opens
// the page. Running a template with nil data fails harmlessly at its first
// field; only *template.Error values are escaping problems.
func escapeNow(set *template.Template, included []string) error {
	for _, name := range append([]string{layoutName}, included...) {
		err := func() (err error) {
			defer func() {
				if v := recover(); v != nil {
					err = nil // a panic while running with nil data is not an escaping problem
				}
			}()
			return set.ExecuteTemplate(io.Discard, name, nil)
		}()
		var te *template.Error
		if errors.As(err, &te) {
			return err
		}
	}
	return nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render writes the page template name with data, which must embed Page,
// through the layout. The page is rendered into a buffer first, so a
// template error returns an error (for Handle to turn into the 500 page)
// instead of sending half a page.
func (t *Templates) Render(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	set, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("web: no page template %q", name)
	}
	if _, ok := data.(pageData); !ok {
		return fmt.Errorf("web: data for %s is a %T, which does not embed web.Page", name, data)
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := set.ExecuteTemplate(buf, layoutName, data); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	if _, err := w.Write(buf.Bytes()); err != nil {
		// The browser has gone; there is nobody to tell.
		t.logger.DebugContext(r.Context(), "write response", requestIDAttr(r), "err", err)
	}
	return nil
}

// Has reports whether a page template called name exists, for tests.
func (t *Templates) Has(name string) bool {
	_, ok := t.pages[name]
	return ok
}

// Names lists the page templates, for tests that render every page.
func (t *Templates) Names() []string {
	names := make([]string, 0, len(t.pages))
	for name := range t.pages {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// TemplateDir returns the "templates" folder of a page package's embedded files, as NewTemplates takes it. The
// folder is embedded by the caller, so it cannot be missing; a mistake in the embed pattern panics at start-up.
func TemplateDir(files fs.FS) fs.FS {
	sub, err := fs.Sub(files, "templates")
	if err != nil {
		panic(err)
	}
	return sub
}
