package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

type noteProblem struct{ field, message string }

func (p noteProblem) FieldMessage() (string, string) { return p.field, p.message }

type noteProblems []noteProblem

func (noteProblems) Error() string { return "problems" }

func asNoteProblems(err error) (noteProblems, bool) {
	var ps noteProblems
	return ps, errors.As(err, &ps)
}

type noteData struct {
	Page
	ConflictPanel
	Words   string
	Version int
}

// TestEdit runs the edit cycle through each of its ends: the form filled, refused for its own problems or the
// store's, refused on a stale version with theirs beside yours, and saved.
func TestEdit(t *testing.T) {
	t.Parallel()
	tm := mustTemplates(t, fstest.MapFS{"notes/note.html": {Data: []byte(
		`{{define "content"}}{{template "layout/conflict" .}}<input name="words" value="{{.Words}}"><input name="version" value="{{.Version}}">{{end}}`)}})
	saved := struct {
		Words   string
		Version int
	}{"Walks to the shop", 3}
	tests := []struct {
		name       string
		method     string
		form       url.Values
		save       error
		onField    string // EditForm.ConflictField
		saveAgain  string // EditForm.SaveAgain
		wantStatus int
		wantBody   []string
		notBody    []string
		wantSaved  bool
	}{
		{name: "the form filled from the record", method: "GET", wantStatus: 200, wantBody: []string{`value="Walks to the shop"`, `value="3"`}},
		{name: "its own problems", method: "POST", form: url.Values{"words": {""}, "version": {"3"}}, wantStatus: 422,
			wantBody: []string{"Enter what they said"}},
		{name: "the store's problems", method: "POST", form: url.Values{"words": {"Cooks"}, "version": {"3"}},
			save: fmt.Errorf("add: %w", noteProblems{{"words", "Say it in fewer words"}}), wantStatus: 422, wantBody: []string{"Say it in fewer words", `value="Cooks"`}},
		{name: "someone else saved first", method: "POST", form: url.Values{"words": {"Cooks Sunday lunch"}, "version": {"2"}},
			save: sqldb.ErrConflict, wantStatus: 409,
			wantBody: []string{"Someone else changed this note", "Walks to the shop", `value="Cooks Sunday lunch"`, `value="3"`, `id="f-version"`, "Save again to replace theirs"}},
		{name: "someone else added one first, and saving again keeps both", method: "POST", form: url.Values{"words": {"Cooks Sunday lunch"}, "version": {"2"}},
			save: sqldb.ErrConflict, saveAgain: "Save again to keep yours beside theirs.", wantStatus: 409,
			wantBody: []string{"Walks to the shop", `value="Cooks Sunday lunch"`, "Save again to keep yours beside theirs."}, notBody: []string{"replace theirs"}},
		{name: "someone else saved first, said on a field of the form's own", method: "POST", form: url.Values{"words": {"Cooks Sunday lunch"}, "version": {"2"}},
			save: sqldb.ErrConflict, onField: "words", wantStatus: 409,
			wantBody: []string{`href="#f-words">Someone else changed this note`, `value="Cooks Sunday lunch"`, `value="3"`}, notBody: []string{`id="f-version"`}},
		{name: "saved", method: "POST", form: url.Values{"words": {"Cooks"}, "version": {"3"}}, wantStatus: 303, wantSaved: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(tt.method, "/notes/1", strings.NewReader(tt.form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			w := httptest.NewRecorder()
			data := &noteData{Page: NewPage(r, "Change a note")}
			saves := 0
			err := Edit(tm, w, r, data, EditForm[noteData]{
				Template: "notes/note.html",
				Order:    []string{"version", "words"},
				Conflict: "Someone else changed this note while you were editing it",
				Load: func() (noteData, error) {
					return noteData{Words: saved.Words, Version: saved.Version}, nil
				},
				Fill: func(s noteData) { data.Words, data.Version = s.Words, s.Version },
				Read: func(f url.Values, errs *Errors) noteData {
					data.Words = f.Get("words")
					fmt.Sscan(f.Get("version"), &data.Version)
					if data.Words == "" {
						errs.Add("words", "Enter what they said")
					}
					return noteData{Words: data.Words, Version: data.Version}
				},
				Save:     func(n noteData) (noteData, error) { saves++; return n, tt.save },
				Problems: ProblemsIn(asNoteProblems),
				Compare: func(s, typed noteData) []Difference {
					data.Version = s.Version
					return Differences([3]string{"Words", s.Words, typed.Words})
				},
				ConflictField: tt.onField,
				SaveAgain:     tt.saveAgain,
				Done: func(noteData) error {
					http.Redirect(w, r, "/notes", http.StatusSeeOther)
					return nil
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			if w.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", w.Code, tt.wantStatus)
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(w.Body.String(), want) {
					t.Errorf("page does not show %q", want)
				}
			}
			for _, not := range tt.notBody {
				if strings.Contains(w.Body.String(), not) {
					t.Errorf("page shows %q", not)
				}
			}
			if tt.wantSaved != (w.Code == http.StatusSeeOther) || tt.method == "GET" && saves > 0 {
				t.Errorf("saved %d times, status %d", saves, w.Code)
			}
		})
	}
}

// TestEditRemove runs a form that can also remove its record: removing does not check what was typed, and a removal
// refused on the version shows the conflict with its own message, read by Latest when the page sets it.
func TestEditRemove(t *testing.T) {
	t.Parallel()
	tm := mustTemplates(t, fstest.MapFS{"notes/note.html": {Data: []byte(
		`{{define "content"}}{{template "layout/conflict" .}}<input name="words" value="{{.Words}}"><input name="version" value="{{.Version}}">{{end}}`)}})
	tests := []struct {
		name       string
		form       url.Values
		remove     error
		latest     bool
		wantStatus int
		wantBody   []string
		wantLoads  string
	}{
		{name: "removed without checking the words", form: url.Values{"remove": {"yes"}, "version": {"3"}}, wantStatus: 303},
		{name: "someone else saved first", form: url.Values{"remove": {"yes"}, "words": {""}, "version": {"2"}}, remove: sqldb.ErrConflict,
			wantStatus: 409, wantBody: []string{"Someone else changed this note while you were looking at it", "Walks to the shop", `value="3"`}, wantLoads: "load"},
		{name: "someone else saved first, read by Latest", form: url.Values{"remove": {"yes"}, "version": {"2"}}, remove: sqldb.ErrConflict, latest: true,
			wantStatus: 409, wantBody: []string{"Someone else changed this note while you were looking at it", "Walks to the shop"}, wantLoads: "latest"},
		{name: "saved, not removed, without the button", form: url.Values{"words": {"Cooks"}, "version": {"3"}}, wantStatus: 303},
		{name: "checked when saved", form: url.Values{"words": {""}, "version": {"3"}}, wantStatus: 422, wantBody: []string{"Enter what they said"}, wantLoads: "load"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("POST", "/notes/1", strings.NewReader(tt.form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			w := httptest.NewRecorder()
			data := &noteData{Page: NewPage(r, "Change a note")}
			var loads, done []string
			saved := func(by string) func() (noteData, error) {
				return func() (noteData, error) {
					loads = append(loads, by)
					return noteData{Words: "Walks to the shop", Version: 3}, nil
				}
			}
			f := EditForm[noteData]{
				Template: "notes/note.html",
				Order:    []string{"version", "words"},
				Conflict: "Someone else changed this note while you were editing it",
				Load:     saved("load"),
				Read: func(f url.Values, errs *Errors) noteData {
					data.Words, data.Version = f.Get("words"), FormVersion(f, "version")
					if data.Words == "" {
						errs.Add("words", "Enter what they said")
					}
					return noteData{Words: data.Words, Version: data.Version}
				},
				Save: func(n noteData) (noteData, error) { done = append(done, "saved"); return n, nil },
				Compare: func(s, typed noteData) []Difference {
					data.Version = s.Version
					return Differences([3]string{"Words", s.Words, typed.Words})
				},
				Done: func(noteData) error {
					http.Redirect(w, r, "/notes", http.StatusSeeOther)
					return nil
				},
				Remove:         func(noteData) error { done = append(done, "removed"); return tt.remove },
				RemoveConflict: "Someone else changed this note while you were looking at it",
				Removed: func() error {
					http.Redirect(w, r, "/notes", http.StatusSeeOther)
					return nil
				},
			}
			if tt.latest {
				f.Latest = saved("latest")
			}
			if err := Edit(tm, w, r, data, f); err != nil {
				t.Fatal(err)
			}
			if w.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", w.Code, tt.wantStatus)
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(w.Body.String(), want) {
					t.Errorf("page does not show %q", want)
				}
			}
			if got := strings.Join(loads, " "); got != tt.wantLoads {
				t.Errorf("read the record by %q, want %q", got, tt.wantLoads)
			}
			want := "saved"
			if tt.form.Get("remove") == "yes" {
				want = "removed"
			}
			if tt.wantStatus != 422 && (len(done) != 1 || done[0] != want) {
				t.Errorf("did %v, want %s", done, want)
			}
		})
	}
}

func TestDateText(t *testing.T) {
	t.Parallel()
	if got := DateText(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)); got != "2 March 2026" {
		t.Errorf("DateText = %q", got)
	}
	if got := DateText(time.Time{}); got != "" {
		t.Errorf("DateText of no date = %q, want nothing", got)
	}
}

// TestEditAddsOnly: a form that only adds has nothing to compare, so a conflict is the error, for the GOV.UK page.
func TestEditAddsOnly(t *testing.T) {
	t.Parallel()
	tm := mustTemplates(t, fstest.MapFS{"notes/note.html": {Data: []byte(`{{define "content"}}{{template "layout/conflict" .}}{{end}}`)}})
	r := httptest.NewRequest("POST", "/notes/new", strings.NewReader("words=Cooks"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	data := &noteData{Page: NewPage(r, "Add a note")}
	err := Edit(tm, w, r, data, EditForm[noteData]{
		Template: "notes/note.html",
		Load:     func() (noteData, error) { return noteData{}, nil },
		Read:     func(f url.Values, _ *Errors) noteData { return noteData{Words: f.Get("words")} },
		Save:     func(n noteData) (noteData, error) { return n, fmt.Errorf("add: %w", sqldb.ErrConflict) },
		Done:     func(noteData) error { return nil },
	})
	if !errors.Is(err, sqldb.ErrConflict) || w.Body.Len() > 0 {
		t.Errorf("Edit = %v, with %d bytes written; want the conflict returned and nothing written", err, w.Body.Len())
	}
}

func TestConflictPanelText(t *testing.T) {
	t.Parallel()
	items := []Item{{Value: "", Text: "Choose"}, {Value: "a", Text: "Apples"}, {Value: "b", Text: "Bread"}, {Value: "c", Text: "Cheese"}}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"several chosen, in the form's order", ChosenText(items, "c", "a"), "Apples; Cheese"},
		{"one chosen", ChosenText(items, "b"), "Bread"},
		{"none chosen", ChosenText(items), ""},
		{"the empty choice is not a choice", ChosenText(items, ""), ""},
		{"a value not offered", ChosenText(items, "z"), ""},
		{"a date as typed", DateInput{Day: "4", Month: "12", Year: "2026"}.Text(), "4/12/2026"},
		{"no date typed", DateInput{}.Text(), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
