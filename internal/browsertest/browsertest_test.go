package browsertest

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

const page = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>%s – Golden Thread test</title>
<style>
body { font-family: Arial, sans-serif; margin: 2em; color: #0b0c0c; background: #fff; }
label, legend { display: block; font-weight: bold; margin-top: 1em; }
input[type=text], select { font-size: 1.2em; padding: .2em; border: 2px solid #0b0c0c; }
button { margin-top: 1.5em; font-size: 1.2em; background: #00703c; color: #fff; border: 0; padding: .4em 1em; }
</style></head>
<body><main>
%s
</main></body></html>`

func newServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, page, "About you", `<h1>About you</h1>
<form method="post" action="/submit">
  <label for="name">Full name</label>
  <input type="text" id="name" name="name" value="placeholder" autocomplete="name">
  <label for="council">Council</label>
  <select id="council" name="council">
    <option value="">Choose a council</option>
    <option value="leeds">Leeds</option>
    <option value="york">York</option>
  </select>
  <fieldset>
    <legend>How should we contact you?</legend>
    <input type="radio" id="contact-email" name="contact" value="email"> <label for="contact-email" style="display:inline">Email</label>
    <input type="radio" id="contact-phone" name="contact" value="phone"> <label for="contact-phone" style="display:inline">Phone</label>
  </fieldset>
  <input type="checkbox" id="agree" name="agree" value="yes"> <label for="agree" style="display:inline">I agree</label>
  <br><button type="submit" id="save" name="action" value="save">Save</button>
</form>`)
	})
	mux.HandleFunc("POST /submit", func(w http.ResponseWriter, r *http.Request) {
		q := fmt.Sprintf("name=%s&council=%s&contact=%s&agree=%s&action=%s",
			r.FormValue("name"), r.FormValue("council"), r.FormValue("contact"), r.FormValue("agree"), r.FormValue("action"))
		http.Redirect(w, r, "/result?"+strings.ReplaceAll(q, " ", "+"), http.StatusSeeOther)
	})
	mux.HandleFunc("GET /result", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		fmt.Fprintf(w, page, "Saved", fmt.Sprintf(`<h1>Saved</h1>
<p id="greeting">Hello, %s from %s.</p>
<p id="details">contact=%s agree=%s action=%s</p>`,
			html.EscapeString(q.Get("name")), html.EscapeString(q.Get("council")),
			html.EscapeString(q.Get("contact")), html.EscapeString(q.Get("agree")), html.EscapeString(q.Get("action"))))
	})
	mux.HandleFunc("GET /bad", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, page, "Bad page", `<h1>Bad page</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
<form><input type="text" name="nolabel"></form>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// recorder is a testing.TB whose Fatal and Fatalf record the message and end
// the goroutine, so a test can check that a method fails, and how.
type recorder struct {
	testing.TB
	mu  sync.Mutex
	msg string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.Fatal(fmt.Sprintf(format, args...))
}
func (r *recorder) Fatal(args ...any) {
	r.mu.Lock()
	r.msg = fmt.Sprint(args...)
	r.mu.Unlock()
	runtime.Goexit()
}

// failure runs f on a copy of b that reports to a recorder, and returns the
// failure message, or "" when f did not fail.
func failure(b *Browser, f func(b *Browser)) string {
	rec := &recorder{TB: b.t}
	c := *b
	c.t = rec
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(&c)
	}()
	<-done
	return rec.msg
}

func TestBrowser(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	start := time.Now()
	b := New(t, srv.URL)
	b.Screenshots = true // whatever GT_SCREENSHOTS says: screenshots are tested here
	t.Logf("chromium started in %s", time.Since(start).Round(time.Millisecond))

	t.Run("form", func(t *testing.T) {
		tab := b.NewTab(t)
		if status := tab.VisitAndCheck("/", "form"); status != http.StatusOK {
			t.Errorf("status = %d, want 200", status)
		}
		if got := tab.Title(); got != "About you – Golden Thread test" {
			t.Errorf("Title() = %q", got)
		}
		tab.Fill("#name", "Ada Lovelace") // replaces "placeholder"
		tab.Select("#council", "York")    // by visible text
		tab.Check("#contact-phone")
		tab.Check("#agree")
		tab.Check("#agree") // already checked: stays checked
		tab.Screenshot("form-filled")
		if status := tab.Submit("#save"); status != http.StatusOK {
			t.Errorf("status after submit = %d, want 200", status)
		}
		if got, want := tab.Text("#greeting"), "Hello, Ada Lovelace from york."; got != want {
			t.Errorf("greeting = %q, want %q", got, want)
		}
		if got, want := tab.Text("#details"), "contact=phone agree=yes action=save"; got != want {
			t.Errorf("details = %q, want %q", got, want)
		}
		if u := tab.URL(); !strings.HasPrefix(u, srv.URL+"/result?") {
			t.Errorf("URL() = %q", u)
		}
		if h := tab.HTML(); !strings.Contains(h, `<h1>Saved</h1>`) {
			t.Errorf("HTML() lacks the heading: %.200s", h)
		}
		path := tab.Screenshot("result")
		tab.CheckA11y()
		tab.CheckA11y() // axe is already in this document

		png, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("%s is not a PNG", path)
		}
		if want := "TestBrowser_form-result.png"; filepath.Base(path) != want {
			t.Errorf("screenshot name = %s, want %s", filepath.Base(path), want)
		}

		// Back to the form: ClickAndWait on the submit button works too.
		tab.Visit(srv.URL + "/")
		tab.Fill("#name", "Grace")
		tab.ClickAndWait("#save")
		if got := tab.Text("#greeting"); got != "Hello, Grace from ." {
			t.Errorf("greeting = %q", got)
		}
	})

	t.Run("inaccessible", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Visit("/bad")
		vs, err := tab.A11yViolations()
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]Violation{}
		for _, v := range vs {
			ids[v.ID] = v
		}
		for _, id := range []string{"image-alt", "label"} {
			v, ok := ids[id]
			if !ok {
				t.Errorf("axe did not report %s; got %v", id, vs)
				continue
			}
			if v.Impact == "" || v.Help == "" || len(v.Nodes) == 0 || v.Nodes[0].Target == "" {
				t.Errorf("violation %s lacks details: %+v", id, v)
			}
		}
		msg := failure(tab, func(b *Browser) { b.CheckA11y() })
		for _, want := range []string{"accessibility violation", "image-alt (critical)", "label (critical)", "img", "/bad"} {
			if !strings.Contains(msg, want) {
				t.Errorf("CheckA11y failure lacks %q:\n%s", want, msg)
			}
		}
		t.Logf("CheckA11y reported:\n%s", msg)
	})

	t.Run("timeouts and missing elements", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Visit("/")
		start := time.Now()
		if tab.Exists("#missing") {
			t.Error("Exists(#missing) = true")
		}
		if !tab.Exists("#name") {
			t.Error("Exists(#name) = false")
		}
		if d := time.Since(start); d > DefaultTimeout/2 { // waiting would take the whole time limit
			t.Errorf("Exists took %s; it should not wait", d)
		}
		// A short time limit only where the step is meant to run out of time: the others get the usual one, so a
		// busy machine cannot make them fail.
		tab.Timeout = 300 * time.Millisecond
		msg := failure(tab, func(b *Browser) { b.Text("#missing") })
		if !strings.Contains(msg, `text of "#missing"`) || !strings.Contains(msg, "timed out") {
			t.Errorf("Text(#missing) failure = %q", msg)
		}
		msg = failure(tab, func(b *Browser) { b.ClickAndWait("#name") })
		if !strings.Contains(msg, "no new page loaded") {
			t.Errorf("ClickAndWait on a non-link failure = %q", msg)
		}
		tab.Timeout = 0
		msg = failure(tab, func(b *Browser) { b.Click("#name") }) // a click that loads nothing
		if msg != "" {
			t.Errorf("Click failed: %s", msg)
		}
		msg = failure(tab, func(b *Browser) { b.Select("#council", "Atlantis") })
		if !strings.Contains(msg, "no option") {
			t.Errorf("Select of a missing option failure = %q", msg)
		}
	})

	t.Run("pdf", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Visit("/result?name=Ada&council=leeds")
		pdf := tab.PrintPDF()
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("PrintPDF did not return a PDF: %.20q", pdf)
		}
		if !bytes.Contains(pdf, []byte("/StructTreeRoot")) {
			t.Error("the PDF is not tagged (no /StructTreeRoot)")
		}
		// A4 is 595.92 x 841.92 points here (pdfinfo: "A4", "Tagged: yes").
		if !bytes.Contains(pdf, []byte("/MediaBox [0 0 595.91998 841.91998]")) {
			t.Error("the PDF is not A4")
		}
	})
}

func TestRepoRoot(t *testing.T) {
	t.Parallel()
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if !strings.HasPrefix(wd, root) {
		t.Errorf("root %s is not above %s", root, wd)
	}
}

// TestScreenshotsWanted: GT_SCREENSHOTS decides, and without it CI takes none. It sets the environment, so it does
// not run in parallel.
func TestScreenshotsWanted(t *testing.T) {
	for _, tt := range []struct {
		ci, screenshots string
		want            bool
	}{
		{"", "", true},
		{"true", "", false},
		{"true", "1", true},
		{"", "false", false},
		{"false", "", true},
		{"true", "not a boolean", false},
	} {
		t.Setenv("CI", tt.ci)
		t.Setenv("GT_SCREENSHOTS", tt.screenshots)
		if got := ScreenshotsWanted(); got != tt.want {
			t.Errorf("CI=%q GT_SCREENSHOTS=%q: %v, want %v", tt.ci, tt.screenshots, got, tt.want)
		}
	}
}
