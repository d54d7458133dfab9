// Package browsertest drives a real headless Chromium from Go tests, with
// chromedp, and checks pages for accessibility faults with axe-core.
//
// Typical use:
//
//	srv := httptest.NewServer(handler)
//	defer srv.Close()
//	b := browsertest.New(t, srv.URL)
//	b.VisitAndCheck("/people/new", "form") // load, screenshot, axe
//	b.Fill("#name", "Ada Lovelace")
//	b.Submit("#save")                       // click and wait for the new page
//	if got := b.Text("h1"); got != "Saved" { t.Errorf(...) }
//
// New starts one Chromium for the test. Subtests share it with NewTab, which
// opens a new tab that reports to the subtest:
//
//	b := browsertest.New(t, srv.URL)
//	t.Run("form", func(t *testing.T) {
//		tab := b.NewTab(t)
//		tab.Visit("/")
//	})
//
// When chromium or node_modules/axe-core is missing, New skips the test, or
// fails it when the environment variable CI is true.
//
// Selectors are CSS selectors (document.querySelector). Every action has a
// time limit (Timeout, 20 s by default), so a hung browser fails the test
// instead of hanging it. Every method fails the test (t.Fatalf) on error.
package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// DefaultTimeout is the time limit of one action of a Browser.
const DefaultTimeout = 20 * time.Second

// startTimeout bounds the start of Chromium.
const startTimeout = 30 * time.Second

// InstallHint says how to install what the browser tests need.
const InstallHint = "apt-get install -y --no-install-recommends chromium chromium-driver fonts-liberation; npm ci"

// A11yTags are the axe-core rule tags that CheckA11y runs: WCAG 2.0, 2.1 and
// 2.2, levels A and AA.
var A11yTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// Browser is one tab of a headless Chromium, bound to one test.
type Browser struct {
	// BaseURL is put in front of the paths given to Visit.
	BaseURL string
	// Timeout limits each action. New sets it to DefaultTimeout.
	Timeout time.Duration
	// Screenshots says whether Screenshot (and so VisitAndCheck) saves
	// pictures. New sets it from ScreenshotsWanted.
	Screenshots bool

	t   testing.TB
	ctx context.Context // the chromedp context of this tab
	env *env
}

// env is what the tabs of one Chromium share.
type env struct {
	root      string // the directory with go.mod
	axePath   string
	axeOnce   sync.Once
	axeSource string
	axeErr    error
}

// Violation is one failed axe-core rule.
type Violation struct {
	ID          string          `json:"id"`
	Impact      string          `json:"impact"`
	Description string          `json:"description"`
	Help        string          `json:"help"`
	HelpURL     string          `json:"helpUrl"`
	Nodes       []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that fails a rule.
type ViolationNode struct {
	// Target is the CSS selector of the element. Selectors inside shadow
	// roots or frames are joined with " >>> ".
	Target         string `json:"target"`
	HTML           string `json:"html"`
	FailureSummary string `json:"failureSummary"`
}

func (v Violation) String() string {
	var targets []string
	for i, n := range v.Nodes {
		if i == 3 {
			targets = append(targets, fmt.Sprintf("… and %d more", len(v.Nodes)-3))
			break
		}
		targets = append(targets, n.Target)
	}
	return fmt.Sprintf("%s (%s): %s [%s] %s", v.ID, v.Impact, v.Help, strings.Join(targets, ", "), v.HelpURL)
}

// FindChromium returns the path of Chromium's headless shell (Debian's chromium-headless-shell) when it is on PATH,
// or else of chromium or chromium-browser. The shell is the same Chromium, built to run headless only: it renders
// and checks pages as Chromium does, and starts each tab with a third less work, which over the whole test run is
// minutes.
func FindChromium() (string, error) {
	for _, name := range []string{"chromium-headless-shell", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("none of chromium-headless-shell, chromium or chromium-browser is on PATH")
}

// RepoRoot walks up from the working directory to the directory that holds
// go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod in the working directory or above it")
		}
		dir = parent
	}
}

// New returns a tab of a headless Chromium for the test, closed when the test ends. In a package whose TestMain
// calls Main, every test shares one Chromium and New gives each test a tab in a browser context of its own (its own
// cookies, so tests signed in as different staff can run in parallel); elsewhere New starts a Chromium for the test.
// New skips the test when chromium or axe-core is missing, or fails it when CI is true.
func New(t testing.TB, baseURL string) *Browser {
	t.Helper()
	chromium, root, axePath := requirements(t)
	var ctx context.Context
	if shared.running() {
		ctx = shared.tab(t, chromium)
	} else {
		ctx = start(t, chromium, t.TempDir())
	}
	return &Browser{
		BaseURL:     baseURL,
		Timeout:     DefaultTimeout,
		Screenshots: ScreenshotsWanted(),
		t:           t,
		ctx:         ctx,
		env:         &env{root: root, axePath: axePath},
	}
}

// ScreenshotsWanted says whether browser tests save screenshots: as
// GT_SCREENSHOTS says (true or false), and otherwise everywhere but under
// CI=true. A full-page screenshot costs about a second of a small machine's
// time, and nobody looks at CI's.
func ScreenshotsWanted() bool {
	if want, err := strconv.ParseBool(os.Getenv("GT_SCREENSHOTS")); err == nil {
		return want
	}
	return !testenv.CI()
}

// requirements finds Chromium and axe-core, or skips the test (fails it under CI) saying what is missing.
func requirements(t testing.TB) (chromium, root, axePath string) {
	t.Helper()
	chromium, chromeErr := FindChromium()
	root, axeErr := RepoRoot()
	if axeErr == nil {
		axePath = filepath.Join(root, "node_modules", "axe-core", "axe.min.js")
		if _, err := os.Stat(axePath); err != nil {
			axeErr = fmt.Errorf("%s is missing (run npm ci in %s)", axePath, root)
		}
	}
	if chromeErr != nil || axeErr != nil {
		var missing []string
		for _, err := range []error{chromeErr, axeErr} {
			if err != nil {
				missing = append(missing, err.Error())
			}
		}
		msg := strings.Join(missing, "; ")
		testenv.Missing(t, fmt.Sprintf("browser test cannot run under CI: %s. Install with: %s", msg, InstallHint),
			fmt.Sprintf("skipping browser test: %s. To enable it: %s", msg, InstallHint))
	}
	return chromium, root, axePath
}

// allocator is how every Browser starts Chromium: headless, with userData as its profile.
func allocator(chromium, userData string) (context.Context, context.CancelFunc) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(userData),
		chromedp.WindowSize(1024, 900),
	)
	return chromedp.NewExecAllocator(context.Background(), opts...)
}

// start starts a Chromium of the test's own, closed when the test ends, and returns its first tab.
func start(t testing.TB, chromium, userData string) context.Context {
	t.Helper()
	allocCtx, allocCancel := allocator(chromium, userData)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cctx, ccancel := context.WithTimeout(ctx, 5*time.Second)
		defer ccancel()
		_ = chromedp.Cancel(cctx) // closes the browser and waits for it
		cancel()
		allocCancel()
	})
	// The first Do starts the browser and binds it to ctx, so it cannot get a
	// timeout context of its own; wait for it here instead.
	if err := firstDo(ctx, startTimeout); err != nil {
		cancel()
		allocCancel()
		t.Fatalf("browsertest: starting %s: %v", chromium, err)
	}
	return ctx
}

// shared is the one Chromium of a test binary whose TestMain calls Main. It lives for the whole binary, which is
// why it is the one package-level variable here: a test package has no other place to keep it between tests.
var shared sharedBrowser

type sharedBrowser struct {
	mu       sync.Mutex
	enabled  bool // Main is running the tests
	started  bool
	ctx      context.Context // the browser's first tab, kept open for the binary's life
	cancel   []context.CancelFunc
	userData string
	err      error
}

// Main runs a package's tests with one Chromium shared by all of them, started by the first test that asks for a
// browser, and closes it afterwards. Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
func Main(m *testing.M) int {
	shared.mu.Lock()
	shared.enabled = true
	shared.mu.Unlock()
	code := m.Run()
	shared.close()
	return code
}

func (s *sharedBrowser) running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enabled
}

// tab opens a tab in a new browser context of the shared Chromium, starting it first if need be.
func (s *sharedBrowser) tab(t testing.TB, chromium string) context.Context {
	t.Helper()
	s.mu.Lock()
	if !s.started {
		s.started = true
		s.err = s.start(chromium)
	}
	parent, err := s.ctx, s.err
	s.mu.Unlock()
	if err != nil {
		t.Fatalf("browsertest: starting %s: %v", chromium, err)
	}
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := firstDo(ctx, startTimeout); err != nil {
		cancel()
		t.Fatalf("browsertest: opening a tab: %v", err)
	}
	return ctx
}

func (s *sharedBrowser) start(chromium string) error {
	dir, err := os.MkdirTemp("", "browsertest-")
	if err != nil {
		return err
	}
	s.userData = dir
	allocCtx, allocCancel := allocator(chromium, dir)
	ctx, cancel := chromedp.NewContext(allocCtx)
	s.ctx, s.cancel = ctx, []context.CancelFunc{cancel, allocCancel}
	return firstDo(ctx, startTimeout)
}

func (s *sharedBrowser) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ctx != nil {
		cctx, ccancel := context.WithTimeout(s.ctx, 5*time.Second)
		_ = chromedp.Cancel(cctx) // closes the browser and waits for it
		ccancel()
	}
	for _, c := range s.cancel {
		c()
	}
	if s.userData != "" {
		_ = os.RemoveAll(s.userData)
	}
	s.enabled = false
}

// NewTab opens a new tab in the same Chromium, bound to t (usually a subtest).
// The tab closes when t ends. Tabs may be used from parallel subtests; one
// tab must not be used from two goroutines at once.
func (b *Browser) NewTab(t testing.TB) *Browser {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	// The first Do on a context binds the tab to the context it is given, so
	// it must not get a timeout context; wait for it with a timer instead.
	if err := firstDo(ctx, b.Timeout); err != nil {
		cancel()
		t.Fatalf("browsertest: opening a new tab: %v", err)
	}
	return &Browser{BaseURL: b.BaseURL, Timeout: b.Timeout, Screenshots: b.Screenshots, t: t, ctx: ctx, env: b.env}
}

// firstDo runs the first, empty Do on ctx, which starts the browser or opens
// the tab, and gives up after d.
func firstDo(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		d = DefaultTimeout
	}
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return fmt.Errorf("no answer within %s", d)
	}
}

// Context returns the chromedp context of the tab, for actions that Browser
// has no method for. Give each call a time limit.
func (b *Browser) Context() context.Context { return b.ctx }

func (b *Browser) actionContext() (context.Context, context.CancelFunc) {
	d := b.Timeout
	if d <= 0 {
		d = DefaultTimeout
	}
	return context.WithTimeout(b.ctx, d)
}

// do runs steps with the time limit and fails the test on error.
func (b *Browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := b.actionContext()
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.fail(what, err)
	}
}

// run runs one action with the time limit and fails the test on error.
func run[T any](b *Browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := b.actionContext()
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.fail(what, err)
	}
	return v
}

func (b *Browser) fail(what string, err error) {
	b.t.Helper()
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("timed out after %s (%w)", b.Timeout, err)
	}
	where := ""
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	if u, uerr := chromedp.Run(ctx, chromedp.Location()); uerr == nil {
		where = " on " + u
	}
	b.t.Fatalf("browsertest: %s%s: %v", what, where, err)
}

func (b *Browser) url(path string) string {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") || strings.HasPrefix(path, "data:") || path == "about:blank" {
		return path
	}
	return strings.TrimSuffix(b.BaseURL, "/") + "/" + strings.TrimPrefix(path, "/")
}

// Visit loads BaseURL+path (or path, when it is a full URL), waits for the
// load event and returns the HTTP status of the document.
func (b *Browser) Visit(path string) int {
	b.t.Helper()
	u := b.url(path)
	resp := run(b, "visit "+u, chromedp.NavigateResponse(u))
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// Navigations starts counting the documents the tab loads (navigations of the main frame; a redirect and the page
// it leads to are one) and returns a function that says how many have loaded since: for a test that holds a
// journey to a number of pages, whatever clicks or scripts caused them.
func (b *Browser) Navigations() func() int {
	b.t.Helper()
	var n atomic.Int64
	err := chromedp.Listen(b.ctx, func(ev any) {
		if e, ok := ev.(*cdppage.EventFrameNavigated); ok && e.Frame != nil && e.Frame.ParentID == "" {
			n.Add(1)
		}
	})
	if err != nil {
		b.fail("count navigations", err)
	}
	return func() int { return int(n.Load()) }
}

// FillDate types day, month and year into the GOV.UK date input called name (#f-name-day, #f-name-month and
// #f-name-year, as the date-input component names them), as text, so that a test can type an impossible date too.
func (b *Browser) FillDate(name, day, month, year string) {
	b.t.Helper()
	b.Fill("#f-"+name+"-day", day)
	b.Fill("#f-"+name+"-month", month)
	b.Fill("#f-"+name+"-year", year)
}

// FillDay types the date of t into the GOV.UK date input called name, as a person would: no leading zeros.
func (b *Browser) FillDay(name string, t time.Time) {
	b.t.Helper()
	b.FillDate(name, strconv.Itoa(t.Day()), strconv.Itoa(int(t.Month())), strconv.Itoa(t.Year()))
}

// Fill clears the input or textarea and types value into it.
func (b *Browser) Fill(selector, value string) {
	b.t.Helper()
	sel := chromedp.CSS(selector)
	const clear = `(function(sel) {
		const el = document.querySelector(sel);
		if (!el || !("value" in el) || el.tagName === "SELECT") return sel + " is not a text field";
		el.value = "";
		el.dispatchEvent(new Event("input", {bubbles: true}));
		return "";
	})(%s)`
	b.do(fmt.Sprintf("fill %q", selector),
		chromedp.WaitVisible(sel),
		jsCheck(fmt.Sprintf(clear, jsString(selector))),
		chromedp.SendKeys(sel, value),
	)
}

// Click clicks the element with the mouse. It does not wait for a new page;
// use ClickAndWait or Submit for that.
func (b *Browser) Click(selector string) {
	b.t.Helper()
	b.do(fmt.Sprintf("click %q", selector), chromedp.Click(chromedp.CSS(selector)))
}

// WaitFor waits until an element matching selector is visible: for a change a script makes to the page without
// loading another.
func (b *Browser) WaitFor(selector string) {
	b.t.Helper()
	b.do(fmt.Sprintf("wait for %q", selector), chromedp.WaitVisible(chromedp.CSS(selector)))
}

// WaitUntil waits, up to within, until condition, a JavaScript expression, is true on the page: for what a script
// does over time (a dialog it opens, an answer it shows).
func (b *Browser) WaitUntil(condition string, within time.Duration) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, within)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](condition)); err != nil {
		b.t.Fatalf("browsertest: wait until %s on %s: %v", condition, b.URL(), err)
	}
}

// ClickAndWait clicks the element (a link, a submit button) and waits until
// the new document has loaded. It returns the HTTP status of the document,
// after any redirects.
func (b *Browser) ClickAndWait(selector string) int {
	b.t.Helper()
	return b.navigate(fmt.Sprintf("click %q and wait for the new page", selector),
		chromedp.Click(chromedp.CSS(selector)))
}

// Submit submits a form and waits until the new document has loaded. The
// selector names the form, a submit button (which becomes the submitter, so
// its name and value are sent) or any element inside the form. The form is
// submitted with requestSubmit, so constraint validation and submit handlers
// run as for a user. It returns the HTTP status of the new document.
func (b *Browser) Submit(selector string) int {
	b.t.Helper()
	const js = `(function(sel) {
		const el = document.querySelector(sel);
		if (!el) return "no element matches " + sel;
		const form = el.tagName === "FORM" ? el : (el.form || el.closest("form"));
		if (!form) return "the element is not in a form";
		const isSubmitter = (el.tagName === "BUTTON" && el.type === "submit") ||
			(el.tagName === "INPUT" && (el.type === "submit" || el.type === "image"));
		setTimeout(() => isSubmitter ? form.requestSubmit(el) : form.requestSubmit(), 0);
		return "";
	})(%s)`
	what := fmt.Sprintf("submit %q and wait for the new page", selector)
	return b.navigate(what,
		chromedp.Query(chromedp.CSS(selector)),
		jsCheck(fmt.Sprintf(js, jsString(selector))),
	)
}

func (b *Browser) navigate(what string, steps ...chromedp.Action[chromedp.Void]) int {
	b.t.Helper()
	ctx, cancel := b.actionContext()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("no new page loaded: %w", err)
		}
		b.fail(what, err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// jsCheck evaluates an expression that returns "" on success or an error
// message.
func jsCheck(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		msg, err := chromedp.Evaluate[string](expr)(ctx, t)
		if err != nil {
			return err
		}
		if msg != "" {
			return errors.New(msg)
		}
		return nil
	})
}

func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("browsertest: a string that JSON cannot hold: %v", err)) // json.Marshal never refuses a string
	}
	return string(b)
}

// Select chooses the option of a <select> whose value, or else whose visible
// text, is value, and fires the input and change events.
func (b *Browser) Select(selector, value string) {
	b.t.Helper()
	const js = `(function(sel, v) {
		const el = document.querySelector(sel);
		if (!el || el.tagName !== "SELECT") return sel + " is not a select element";
		const opt = Array.from(el.options).find(o => o.value === v) ||
			Array.from(el.options).find(o => o.text.trim() === v);
		if (!opt) return "no option has the value or text " + JSON.stringify(v);
		el.value = opt.value;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		el.dispatchEvent(new Event("change", {bubbles: true}));
		return "";
	})(%s, %s)`
	b.do(fmt.Sprintf("select %q in %q", value, selector),
		chromedp.Query(chromedp.CSS(selector)),
		jsCheck(fmt.Sprintf(js, jsString(selector), jsString(value))),
	)
}

// Check ticks a checkbox or chooses a radio button, by clicking it when it is
// not already checked, and checks that it is checked afterwards.
func (b *Browser) Check(selector string) {
	b.t.Helper()
	what := fmt.Sprintf("check %q", selector)
	sel := chromedp.CSS(selector)
	checked := fmt.Sprintf(`(function(sel) {
		const el = document.querySelector(sel);
		if (!el || el.tagName !== "INPUT" || (el.type !== "checkbox" && el.type !== "radio")) return "not a checkbox or radio";
		return el.checked ? "checked" : "";
	})(%s)`, jsString(selector))
	b.do(what, chromedp.Query(sel))
	state := run(b, what, chromedp.Evaluate[string](checked))
	switch state {
	case "checked":
		return
	case "":
	default:
		b.fail(what, errors.New(state))
	}
	b.do(what, chromedp.Click(sel))
	if state := run(b, what, chromedp.Evaluate[string](checked)); state != "checked" {
		b.fail(what, errors.New("the input is still not checked after a click (is it hidden or covered?)"))
	}
}

// Autocomplete types words into an accessible-autocomplete box (the input with the given id, once a script has
// made it one), waits for a suggestion whose text starts with option and clicks it.
func (b *Browser) Autocomplete(id, words, option string) {
	b.t.Helper()
	box := "#" + id + ".autocomplete__input"
	b.do(fmt.Sprintf("wait for the autocomplete %q", id), chromedp.WaitVisible(chromedp.CSS(box)))
	b.Fill(box, words)
	index := fmt.Sprintf(`Array.from(document.querySelectorAll(%s)).findIndex(li => li.textContent.trim().startsWith(%s))`,
		jsString("#"+id+"__listbox li"), jsString(option))
	what := fmt.Sprintf("suggestion %q for %q", option, words)
	run(b, what, chromedp.Poll[bool](index+" >= 0"))
	at := run(b, what, chromedp.Evaluate[int](index))
	b.Click(fmt.Sprintf("#%s__option--%d", id, at))
}

// Text returns the rendered text (innerText) of the first element that
// matches, waiting for it to appear.
func (b *Browser) Text(selector string) string {
	b.t.Helper()
	return run(b, fmt.Sprintf("text of %q", selector), chromedp.Text(chromedp.CSS(selector)))
}

// Exists reports whether an element matches the selector now, without
// waiting.
func (b *Browser) Exists(selector string) bool {
	b.t.Helper()
	return run(b, fmt.Sprintf("exists %q", selector),
		chromedp.Evaluate[bool](fmt.Sprintf("document.querySelector(%s) !== null", jsString(selector))))
}

// URL returns the URL of the current document.
func (b *Browser) URL() string {
	b.t.Helper()
	return run(b, "read the URL", chromedp.Location())
}

// HTML returns the outer HTML of the current document.
func (b *Browser) HTML() string {
	b.t.Helper()
	return run(b, "read the HTML", chromedp.Evaluate[string]("document.documentElement.outerHTML"))
}

// Title returns the title of the current document.
func (b *Browser) Title() string {
	b.t.Helper()
	return run(b, "read the title", chromedp.Title())
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// ScreenshotPath returns where Screenshot saves the image called name:
// <repo root>/screenshots/<TestName>-<name>.png.
func (b *Browser) ScreenshotPath(name string) string {
	file := unsafeName.ReplaceAllString(b.t.Name()+"-"+name, "_") + ".png"
	return filepath.Join(b.env.root, "screenshots", file)
}

// Screenshot saves a full-page PNG of the tab to ScreenshotPath(name) and
// returns the path, or does nothing and returns "" when b.Screenshots is
// false. The screenshots folder is gitignored.
func (b *Browser) Screenshot(name string) string {
	b.t.Helper()
	if !b.Screenshots {
		return ""
	}
	png := run(b, "screenshot "+name, chromedp.FullScreenshot(100)) // 100 gives PNG, less gives JPEG
	path := b.ScreenshotPath(name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatalf("browsertest: screenshot: %v", err)
	}
	return path
}

// PrintPDF prints the current document to an A4, tagged PDF with
// backgrounds, and returns its bytes.
func (b *Browser) PrintPDF() []byte {
	b.t.Helper()
	return run(b, "print to PDF", chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
	))
}

func (e *env) axe() (string, error) {
	e.axeOnce.Do(func() {
		src, err := os.ReadFile(e.axePath)
		e.axeSource, e.axeErr = string(src), err
	})
	return e.axeSource, e.axeErr
}

// A11yViolations runs axe-core on the current document with the A11yTags
// rules and returns the violations. It injects axe-core once per document.
// It does not fail the test; CheckA11y does.
func (b *Browser) A11yViolations() ([]Violation, error) {
	src, err := b.env.axe()
	if err != nil {
		return nil, fmt.Errorf("reading axe-core: %w", err)
	}
	ctx, cancel := b.actionContext()
	defer cancel()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object" && typeof window.axe.run === "function"`))
	if err != nil {
		return nil, fmt.Errorf("looking for axe-core in the page: %w", err)
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			return nil, fmt.Errorf("injecting axe-core: %w", err)
		}
	}
	tags, _ := json.Marshal(A11yTags)
	script := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}}).then(r => JSON.stringify(r.violations.map(v => ({
		id: v.id, impact: v.impact || "", description: v.description, help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({
			target: n.target.map(x => Array.isArray(x) ? x.join(" >>> ") : String(x)).join(" >>> "),
			html: n.html, failureSummary: n.failureSummary || ""
		}))
	}))))`, tags)
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	var vs []Violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		return nil, fmt.Errorf("reading the axe-core result: %w", err)
	}
	return vs, nil
}

// CheckA11y runs axe-core on the current document and fails the test when it
// finds any violation, listing each rule, its impact, its help text and the
// first few elements.
func (b *Browser) CheckA11y() {
	b.t.Helper()
	vs, err := b.A11yViolations()
	if err != nil {
		b.fail("accessibility check", err)
	}
	if len(vs) == 0 {
		return
	}
	var sb strings.Builder
	where := ""
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	if u, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
		where = " on " + u
	}
	fmt.Fprintf(&sb, "browsertest: %d accessibility violation(s)%s:", len(vs), where)
	for _, v := range vs {
		sb.WriteString("\n  - ")
		sb.WriteString(v.String())
	}
	b.t.Fatal(sb.String())
}

// VisitAndCheck visits path, saves a screenshot called screenshotName and
// runs CheckA11y. It returns the HTTP status of the document.
func (b *Browser) VisitAndCheck(path, screenshotName string) int {
	b.t.Helper()
	status := b.Visit(path)
	b.Screenshot(screenshotName)
	b.CheckA11y()
	return status
}
