package personpage

import (
	"encoding/base64"
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// difference is one field someone else changed while this user was editing.
type difference struct {
	Label, Saved, Typed string
	Both                bool // this user changed it too; their version is in the form
}

// Edit is "Change details". A change made from an old version is refused: the page shows what the saved record
// now says beside what this user typed, keeps what they typed, and lets them save again on purpose.
func (p *Pages) Edit() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("id")
		data := personPage{Action: paths.PersonEdit.URL(id)}
		data.Back = paths.Person.URL(id)
		var err error
		if data.Choices, err = p.choices(r); err != nil {
			return err
		}
		if r.Method != http.MethodPost {
			current, _, err := p.store.Get(web.Route(r), id)
			if err != nil {
				return err
			}
			data.Page, data.Person, data.Form = page(r, current), current, formOf(current)
			data.Original = encodeOriginal(data.Form)
			data.Back = paths.Person.URL(id)
			return p.tmpl.Render(w, r, http.StatusOK, "people/edit.html", data)
		}
		// A change is logged as a change; reading the record back to show the form again is not needed, as
		// the form keeps what was typed.
		glance, err := p.store.Glance(r.Context(), id)
		if err != nil {
			return err
		}
		data.Page = web.NewPage(r, "Change details: "+glance.FullName())
		data.Back = paths.Person.URL(id)
		data.Person = people.Person{ID: id, GivenName: glance.GivenName, FamilyName: glance.FamilyName}
		data.Original = r.PostForm.Get("original")
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Form = readPersonForm(r.PostForm)
		person, errs := data.Form.person()
		person.ID = id
		if errs.Any() {
			// Show every mistake at once: the form's own (dates) and the record's.
			checked := person
			checked.Normalise()
			web.AddProblems(&errs, checked.Validate(web.Today(r).Time), formOrder)
		}
		if data.Errors = errs; errs.Any() {
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "people/edit.html", data)
		}
		err = p.store.Update(web.Route(r), person)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, formOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "people/edit.html", data)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			saved, _, err := p.store.Get(web.Route(r), id)
			if err != nil {
				return err
			}
			data.Person = saved
			data.Title = "Change details: " + saved.FullName()
			original := readPersonForm(decodeOriginal(r.PostForm.Get("original")))
			data.Form, data.Theirs = merge(original, formOf(saved), data.Form, data.Choices)
			data.Form.Version = saved.Version
			data.Original = encodeOriginal(formOf(saved))
			data.Errors.Add("version", "Someone else changed this record while you were editing it. Check their changes below, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "people/edit.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Details saved")
		http.Redirect(w, r, paths.Person.URL(id), http.StatusSeeOther)
		return nil
	})
}

// encodeOriginal keeps the record as it was when the form was opened, in the form itself, so that a change
// refused because someone else saved first can be merged field by field.
func encodeOriginal(f personForm) string {
	return base64.RawURLEncoding.EncodeToString([]byte(f.values().Encode()))
}

func decodeOriginal(s string) url.Values {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return url.Values{}
	}
	v, err := url.ParseQuery(string(b))
	if err != nil {
		return url.Values{}
	}
	return v
}

// merge combines what this user typed with what someone else saved since the form was opened. A field only the
// other person changed takes their value; a field only this user changed keeps theirs; a field both changed keeps
// this user's and is shown beside the other person's, so neither change is lost without being seen.
func merge(original, saved, typed personForm, c choices) (personForm, []difference) {
	o, sv, ty := original.values(), saved.values(), typed.values()
	out := url.Values{}
	for _, k := range keysOf(o, sv, ty) {
		switch {
		case equal(ty[k], o[k]) && !equal(sv[k], o[k]):
			out[k] = sv[k] // only they changed it
		default:
			out[k] = ty[k]
		}
	}
	merged := readPersonForm(out)
	var diffs []difference
	mine := differences(original, typed, c)
	for _, theirs := range differences(original, saved, c) {
		d := difference{Label: theirs.Label, Saved: theirs.Typed}
		for _, m := range mine {
			if m.Label == d.Label {
				d.Both, d.Typed = true, m.Typed
			}
		}
		diffs = append(diffs, d)
	}
	return merged, diffs
}

func keysOf(vs ...url.Values) []string {
	seen := map[string]bool{}
	var keys []string
	for _, v := range vs {
		for k := range v {
			if !seen[k] && k != "version" {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

func equal(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

func page(r *http.Request, p people.Person) web.Page {
	return web.NewPage(r, "Change details: "+p.FullName())
}
