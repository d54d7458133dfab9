package web

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Every form that adds or changes a record goes round the same cycle: GET shows the form, filled from the record
// when changing one; POST reads and checks what was typed and shows the form again with the GOV.UK error summary
// when something is wrong; then saves. When someone else saved the record since the form was opened, the save is
// refused on its version and the form comes back (409) with what they saved beside what this user typed, their
// typing kept, so that saving again replaces the other version on purpose. Edit runs that cycle once for every
// record type, so that an edit page is its form, its template and the few steps below that are its own.

// Difference is one field of a record as someone else saved it beside what this user typed, a row of the conflict
// panel ("layout/conflict").
type Difference struct{ Label, Theirs, Yours string }

// Differences keeps the rows (label, theirs, yours) whose two values differ, for EditForm.Compare.
func Differences(rows ...[3]string) []Difference {
	var out []Difference
	for _, r := range rows {
		if r[1] != r[2] {
			out = append(out, Difference{Label: r[0], Theirs: r[1], Yours: r[2]})
		}
	}
	return out
}

// ChosenText is, for a row of the conflict panel, the labels of the items whose values were chosen (of a form's
// radios, checkboxes or select), in the form's order, or nothing when none was.
func ChosenText(items []Item, values ...string) string {
	var out []string
	for _, it := range items {
		if it.Value != "" && slices.Contains(values, it.Value) {
			out = append(out, it.Text)
		}
	}
	return strings.Join(out, "; ")
}

// DateText is a date as a row of the conflict panel shows it, as GOV.UK style writes it ("2 January 2006"), or
// nothing for the zero date.
func DateText(t time.Time) string { return formatDate(t) }

// ConflictPanel is embedded, beside Page, in the data of an edit page: the rows the conflict panel shows, which Edit
// fills after a save refused on its version.
type ConflictPanel struct {
	Theirs []Difference
	// TheirsHeading heads the panel; empty is "What they changed".
	TheirsHeading string
	// SaveAgain says under the panel what saving again does; empty is that it replaces their version.
	SaveAgain string
}

func (c *ConflictPanel) conflict() *ConflictPanel { return c }

// errors gives Edit the form's errors of any page data that embeds Page.
func (p *Page) errors() *Errors { return &p.Errors }

// page gives Edit the Page of any page data that embeds it, to say that a kept form came back.
func (p *Page) page() *Page { return p }

// EditData is the data of an edit page: a pointer to a struct that embeds Page and ConflictPanel.
type EditData interface {
	pageData
	page() *Page
	errors() *Errors
	conflict() *ConflictPanel
}

// EditForm is what is particular to one edit page; Edit does the rest. R is the record the form saves.
type EditForm[R any] struct {
	// Template is the page's template, shown on GET and again with the errors or the conflict.
	Template string
	// Order is the form's fields from top to bottom, the order of the error summary.
	Order []string
	// Conflict is the message, on the "version" field, when someone else saved the record first.
	Conflict string
	// ConflictField carries the Conflict message in place of "version", for a form that says it beside one of its
	// own fields: a small form on a page that already shows the record as saved, or one whose version field has
	// another name.
	ConflictField string
	// Heading heads the conflict panel, when it is not "What they changed".
	Heading string
	// SaveAgain says under the conflict panel what saving again does, for a form whose save adds a record beside
	// theirs rather than replacing it (a second best-interests decision on an assessment). Empty says it replaces
	// theirs.
	SaveAgain string
	// Load reads what the page shows around the form and, when changing a record, the record as saved now (the
	// zero R when adding), logging a view; it fills the page data's own fields. It runs for every page shown.
	Load func() (saved R, err error)
	// Latest reads the record as saved now after a save refused on its version, in place of Load, for a page that
	// reads less around a form shown again with errors than around the conflict. Nil uses Load.
	Latest func() (saved R, err error)
	// Fill puts the saved record into the form, for GET. Nil leaves the form as Load left it.
	Fill func(saved R)
	// Read reads the posted form into the page data and the record to save, adding to errs the form's own problems
	// and the record's validation.
	Read func(form url.Values, errs *Errors) R
	// Save adds or changes the record, and returns it as saved (with its new id, when added).
	Save func(rec R) (R, error)
	// Problems adds to errs the validation problems the store refused the record with, if err carries them
	// (ProblemsIn(validation.AsProblems)).
	Problems func(err error, errs *Errors) bool
	// Compare lists where the record as saved now differs from what was typed (Differences), and puts the saved
	// version in the form, so that saving again replaces theirs. A form that only adds records leaves it nil: a
	// conflict there is returned as the error, for the GOV.UK conflict page.
	Compare func(saved, typed R) []Difference
	// Done answers the saved record: usually a flash message and a redirect.
	Done func(rec R) error

	// Stay, on a form whose own buttons change the form (add another entry, remove one), reports whether it was
	// posted with one of them: the form is read (Read) with the button's change, not checked, and shown again as
	// typed, with nothing saved.
	Stay func(form url.Values) bool

	// Remove, on a form that can also remove its record, removes it in place of saving when the form is posted with
	// its button named "remove" (value "yes"). What was typed is read (Read) but not checked, so that a removal
	// refused on the version shows the conflict as a save does, with RemoveConflict as its message; Removed answers
	// the removal.
	Remove         func(rec R) error
	RemoveConflict string
	Removed        func() error
}

type keptFormKey struct{}

// KeptFormMessage is what an edit page says when it comes back with a form kept for its author.
const KeptFormMessage = "This has not been saved yet. What you typed is below: check it and save it."

// WithKeptForm carries, for a page's GET, a form its author sent after their session ended (auth keeps it): an
// edit page (Edit) shows it as typed, unchecked and unsaved, in place of the record.
func WithKeptForm(ctx context.Context, form url.Values) context.Context {
	return context.WithValue(ctx, keptFormKey{}, form)
}

// KeptForm is the form WithKeptForm carries, if any.
func KeptForm(ctx context.Context) (url.Values, bool) {
	f, ok := ctx.Value(keptFormKey{}).(url.Values)
	return f, ok
}

// ProblemsIn adapts a domain's test for validation problems in an error (such as validation.AsProblems) to
// EditForm.Problems.
func ProblemsIn[PS ~[]P, P FieldProblem](as func(error) (PS, bool)) func(error, *Errors) bool {
	return func(err error, errs *Errors) bool {
		ps, ok := as(err)
		if ok {
			for _, p := range ps {
				errs.Add(p.FieldMessage())
			}
		}
		return ok
	}
}

// Edit runs the edit cycle of f for the request, rendering data with t.
func Edit[R any](t *Templates, w http.ResponseWriter, r *http.Request, data EditData, f EditForm[R]) error {
	errs := data.errors()
	kept, restoring := KeptForm(r.Context())
	show := func(status int) error {
		saved, err := f.Load()
		if err != nil {
			return err
		}
		if r.Method != http.MethodPost && !restoring && f.Fill != nil {
			f.Fill(saved)
		}
		return t.Render(w, r, status, f.Template, data)
	}
	if r.Method != http.MethodPost {
		// A form sent after its session ended comes back to its author, signed in again, as they typed it.
		if restoring {
			var unchecked Errors
			f.Read(kept, &unchecked)
			if pg := data.page(); pg.Flash == "" {
				pg.Flash = KeptFormMessage
			}
		}
		return show(http.StatusOK)
	}
	if err := ParseForm(r); err != nil {
		return err
	}
	conflict := func(rec R, message string) error {
		latest := f.Latest
		if latest == nil {
			latest = f.Load
		}
		saved, err := latest()
		if err != nil {
			return err
		}
		panel := data.conflict()
		panel.Theirs, panel.TheirsHeading, panel.SaveAgain = f.Compare(saved, rec), f.Heading, f.SaveAgain
		errs.Add(cmp.Or(f.ConflictField, "version"), message)
		return t.Render(w, r, http.StatusConflict, f.Template, data)
	}
	if f.Stay != nil && f.Stay(r.PostForm) {
		var unchecked Errors
		f.Read(r.PostForm, &unchecked)
		return show(http.StatusOK)
	}
	if f.Remove != nil && r.PostForm.Get("remove") == "yes" {
		var unchecked Errors
		rec := f.Read(r.PostForm, &unchecked)
		err := f.Remove(rec)
		if errors.Is(err, sqldb.ErrConflict) {
			return conflict(rec, f.RemoveConflict)
		}
		if err != nil {
			return err
		}
		return f.Removed()
	}
	rec := f.Read(r.PostForm, errs)
	if errs.Sort(f.Order); errs.Any() {
		return show(http.StatusUnprocessableEntity)
	}
	saved, err := f.Save(rec)
	if f.Problems != nil && f.Problems(err, errs) {
		errs.Sort(f.Order)
		return show(http.StatusUnprocessableEntity)
	}
	if errors.Is(err, sqldb.ErrConflict) && f.Compare != nil {
		return conflict(rec, f.Conflict)
	}
	if err != nil {
		return err
	}
	return f.Done(saved)
}
