package councilpage_test

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/councils/councilpage"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/web"
)

// testCouncil is a council with an administrator, a practitioner and a team.
type testCouncil struct {
	council      councils.Council
	ctx          context.Context
	admin, other councils.Staff
	team         councils.Team
}

type site struct {
	srv   *httptest.Server
	store *councils.Store
	auth  *auth.Auth
	a, b  testCouncil
}

// staffHeader names the member of staff a test request is from. Sign-in itself is tested in authpage; here the
// session carries only the one-off values between pages.
const staffHeader = "X-Test-Staff"

func newSite(t *testing.T, db *sqldb.DB) *site {
	t.Helper()
	tmpl, err := web.NewTemplates(slog.New(slog.DiscardHandler), councilpage.Templates())
	if err != nil {
		t.Fatal(err)
	}
	store := councils.NewStore(db)
	a := auth.New(db, store, auth.Options{Pages: tmpl, Hasher: auth.NewHasher(2)})
	t.Cleanup(a.Close)
	s := &site{store: store, auth: a}
	s.a = s.council(t, "E06000001", "a")
	s.b = s.council(t, "E06000002", "b")

	pages := councilpage.New(tmpl, store, a.Hasher(), a)
	mux := http.NewServeMux()
	admin := func(pattern string, h web.Handler) {
		mux.Handle(pattern, a.RequireRole(councils.Role.Administers)(tmpl.Handle(h)))
	}
	admin("GET /admin/staff", pages.StaffList())
	admin("GET /admin/staff/new", pages.NewStaff())
	admin("POST /admin/staff/new", pages.NewStaff())
	admin("GET /admin/staff/{id}", pages.EditStaff())
	admin("POST /admin/staff/{id}", pages.EditStaff())
	admin("GET /admin/staff/{id}/password", pages.Password())
	admin("POST /admin/staff/{id}/password", pages.Password())
	admin("POST /admin/staff/{id}/two-factor", pages.RemoveTwoFactor())
	admin("GET /admin/teams", pages.Teams())
	admin("POST /admin/teams", pages.Teams())
	admin("GET /admin/settings", pages.Settings())
	admin("POST /admin/settings", pages.Settings())
	// Unguarded, to show the handlers check the role themselves.
	mux.Handle("GET /unguarded/staff", tmpl.Handle(pages.StaffList()))

	as := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := web.WithFlashStore(r.Context(), a.Sessions())
			if who := r.Header.Get(staffHeader); who != "" {
				council, id, _ := strings.Cut(who, "/")
				st, err := store.StaffByID(sqldb.WithCouncil(ctx, council), id)
				if err != nil {
					t.Errorf("test staff %s: %v", who, err)
				}
				ctx = councils.WithStaff(ctx, st)
			}
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
	s.srv = httptest.NewServer(tmpl.Protect(a.Sessions().LoadAndSave(as(mux))))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) council(t *testing.T, code, name string) testCouncil {
	t.Helper()
	c, err := s.store.CreateCouncil(context.Background(), code, "Council "+name)
	if err != nil {
		t.Fatal(err)
	}
	tc := testCouncil{council: c, ctx: sqldb.WithCouncil(context.Background(), c.ID)}
	if tc.team, err = s.store.CreateTeam(tc.ctx, "North"); err != nil {
		t.Fatal(err)
	}
	if tc.admin, err = s.store.CreateStaff(tc.ctx, councils.NewStaff{Email: "admin@" + name + ".example.org", Name: "Admin " + name, Role: councils.Administrator}); err != nil {
		t.Fatal(err)
	}
	if tc.other, err = s.store.CreateStaff(tc.ctx, councils.NewStaff{Email: "worker@" + name + ".example.org", Name: "Worker " + name, Role: councils.Practitioner, TeamIDs: []string{tc.team.ID}}); err != nil {
		t.Fatal(err)
	}
	return tc
}

type browser struct {
	t      *testing.T
	s      *site
	as     councils.Staff
	client *http.Client
}

func (s *site) browser(t *testing.T, as councils.Staff) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, s: s, as: as, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

type result struct {
	status   int
	location string
	body     string
}

func (b *browser) do(method, path string, form url.Values) result {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.s.srv.URL+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set(staffHeader, b.as.CouncilID+"/"+b.as.ID)
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return result{status: resp.StatusCode, location: resp.Header.Get("Location"), body: html.UnescapeString(string(got))}
}

func (b *browser) get(path string) result { b.t.Helper(); return b.do(http.MethodGet, path, nil) }
func (b *browser) post(path string, form url.Values) result {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	return b.do(http.MethodPost, path, form)
}

func TestOnlyAdministrators(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		worker := s.browser(t, s.a.other)
		id := s.a.other.ID
		tests := []struct{ method, path string }{
			{"GET", "/admin/staff"},
			{"GET", "/admin/staff/new"},
			{"POST", "/admin/staff/new"},
			{"GET", "/admin/staff/" + id},
			{"POST", "/admin/staff/" + id},
			{"GET", "/admin/staff/" + id + "/password"},
			{"POST", "/admin/staff/" + id + "/password"},
			{"POST", "/admin/staff/" + id + "/two-factor"},
			{"GET", "/admin/teams"},
			{"POST", "/admin/teams"},
			{"GET", "/admin/settings"},
			{"POST", "/admin/settings"},
			{"GET", "/unguarded/staff"},
		}
		for _, tt := range tests {
			var form url.Values
			if tt.method == "POST" {
				form = url.Values{"name": {"Changed"}, "role": {"administrator"}, "status": {"active"}, "version": {"1"}, "require_mfa": {"yes"}}
			}
			if r := worker.do(tt.method, tt.path, form); r.status != http.StatusForbidden {
				t.Errorf("practitioner %s %s = %d, want 403", tt.method, tt.path, r.status)
			}
		}
		st, err := s.store.StaffByID(s.a.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Name != s.a.other.Name || st.Role != councils.Practitioner || st.Version != s.a.other.Version {
			t.Errorf("a practitioner changed their own account: %+v", st)
		}
	})
}

func TestAnotherCouncilsStaffAreNotFound(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		adminB := s.browser(t, s.b.admin)
		target := s.a.other
		before, err := s.store.StaffByID(s.a.ctx, target.ID)
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			method, path string
			form         url.Values
		}{
			{"GET", "/admin/staff/" + target.ID, nil},
			{"POST", "/admin/staff/" + target.ID, url.Values{"name": {"Taken over"}, "role": {"administrator"}, "status": {"disabled"}, "version": {"1"}}},
			{"GET", "/admin/staff/" + target.ID + "/password", nil},
			{"POST", "/admin/staff/" + target.ID + "/password", url.Values{}},
			{"POST", "/admin/staff/" + target.ID + "/two-factor", url.Values{}},
		}
		for _, tt := range tests {
			r := adminB.do(tt.method, tt.path, tt.form)
			if r.status != http.StatusNotFound || !strings.Contains(r.body, "Page not found") {
				t.Errorf("council B's administrator %s %s = %d, want the 404 page", tt.method, tt.path, r.status)
			}
		}
		after, err := s.store.StaffByID(s.a.ctx, target.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.Name != before.Name || after.Role != before.Role || after.Disabled() || after.Version != before.Version || after.PasswordHash != before.PasswordHash {
			t.Errorf("council B's administrator changed council A's account: before %+v, after %+v", before, after)
		}
		if r := adminB.get("/admin/staff"); strings.Contains(r.body, target.Email) || !strings.Contains(r.body, s.b.other.Email) {
			t.Error("council B's staff list shows council A's staff, or not its own")
		}
	})
}

var oneTimePassword = regexp.MustCompile(`<strong id="one-time-password">([^<]+)</strong>`)

func TestNewStaff(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		b := s.browser(t, s.a.admin)

		if r := b.get("/admin/staff/new"); r.status != http.StatusOK || !strings.Contains(r.body, "North") {
			t.Fatalf("new staff page = %d", r.status)
		}
		r := b.post("/admin/staff/new", url.Values{"email": {"not an email"}, "teams": {s.b.team.ID}})
		want := "name: Enter their full name; email: Enter an email address in the correct format, like name@example.gov.uk; role: Select what they do; teams: Select teams from the list"
		if r.status != http.StatusUnprocessableEntity || apptest.ErrorSummary(r.body) != want {
			t.Errorf("empty form = %d %q", r.status, apptest.ErrorSummary(r.body))
		}
		r = b.post("/admin/staff/new", url.Values{"name": {"Sam  Example"}, "email": {"worker@b.example.org"}, "role": {"practitioner"}})
		if r.status != http.StatusUnprocessableEntity || apptest.ErrorSummary(r.body) != "email: An account already uses this email address. Enter a different email address" {
			t.Errorf("email in use = %d %q", r.status, apptest.ErrorSummary(r.body))
		}

		r = b.post("/admin/staff/new", url.Values{"name": {"Sam  Example"}, "email": {"Sam@A.example.org"}, "role": {"team_manager"}, "teams": {s.a.team.ID}})
		if r.status != http.StatusSeeOther || !strings.HasSuffix(r.location, "/password") {
			t.Fatalf("add staff = %d to %q (%s)", r.status, r.location, apptest.ErrorSummary(r.body))
		}
		id := strings.TrimSuffix(strings.TrimPrefix(r.location, "/admin/staff/"), "/password")
		st, err := s.store.StaffByID(s.a.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Name != "Sam Example" || st.Email != "sam@a.example.org" || st.Role != councils.TeamManager || len(st.TeamIDs) != 1 || st.TeamIDs[0] != s.a.team.ID {
			t.Errorf("saved %+v", st)
		}
		shown := b.get(r.location)
		m := oneTimePassword.FindStringSubmatch(shown.body)
		if shown.status != http.StatusOK || m == nil || !strings.Contains(shown.body, "Account added for Sam Example") {
			t.Fatalf("confirmation = %d, without the password", shown.status)
		}
		if strings.Contains(r.location, m[1]) {
			t.Error("the password is in the URL")
		}
		if ok, err := s.auth.Hasher().Verify(context.Background(), m[1], st.PasswordHash); err != nil || !ok {
			t.Errorf("the password shown does not match the account: %v", err)
		}
		if again := b.get(r.location); oneTimePassword.MatchString(again.body) || !strings.Contains(again.body, "The password is no longer shown") {
			t.Error("the password was shown a second time")
		}
		// Another administrator's browser never sees it.
		if other := s.browser(t, s.a.admin).get(r.location); oneTimePassword.MatchString(other.body) {
			t.Error("the password was shown in another session")
		}

		// A new password replaces the old one.
		r = b.post("/admin/staff/"+id+"/password", nil)
		if r.status != http.StatusSeeOther {
			t.Fatalf("new password = %d", r.status)
		}
		m2 := oneTimePassword.FindStringSubmatch(b.get(r.location).body)
		if m2 == nil || m2[1] == m[1] {
			t.Fatal("no new password shown")
		}
		st, err = s.store.StaffByID(s.a.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.auth.Hasher().Verify(context.Background(), m[1], st.PasswordHash); ok {
			t.Error("the old password still works")
		}
		if ok, _ := s.auth.Hasher().Verify(context.Background(), m2[1], st.PasswordHash); !ok {
			t.Error("the new password does not work")
		}

		list := b.get("/admin/staff")
		for _, want := range []string{"Sam Example", "sam@a.example.org", "Team manager", "North", "Active"} {
			if !strings.Contains(list.body, want) {
				t.Errorf("staff list lacks %q", want)
			}
		}
	})
}

var hiddenVersion = regexp.MustCompile(`name="version" value="(\d+)"`)

func TestEditStaff(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		b := s.browser(t, s.a.admin)
		id := s.a.other.ID

		page := b.get("/admin/staff/" + id)
		m := hiddenVersion.FindStringSubmatch(page.body)
		if page.status != http.StatusOK || m == nil {
			t.Fatalf("edit page = %d, without a version", page.status)
		}
		version := m[1]

		// Someone else renames them and moves them out of the team meanwhile.
		if err := s.store.UpdateStaff(s.a.ctx, id, councils.StaffChange{Name: "Renamed Elsewhere", Role: councils.Practitioner, Version: s.a.other.Version}); err != nil {
			t.Fatal(err)
		}
		typed := url.Values{"name": {"Typed Here"}, "role": {"team_manager"}, "teams": {s.a.team.ID}, "status": {"active"}, "version": {version}}
		r := b.post("/admin/staff/"+id, typed)
		if r.status != http.StatusConflict || apptest.ErrorSummary(r.body) != "version: Someone else changed this account while you were editing" {
			t.Fatalf("stale edit = %d %q", r.status, apptest.ErrorSummary(r.body))
		}
		for _, want := range []string{"Renamed Elsewhere", "Typed Here", "Practitioner", "Team manager", `value="Typed Here"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("conflict page lacks %q", want)
			}
		}
		saved, err := s.store.StaffByID(s.a.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Name != "Renamed Elsewhere" || saved.Role != councils.Practitioner {
			t.Errorf("the stale edit was saved: %+v", saved)
		}
		m = hiddenVersion.FindStringSubmatch(r.body)
		if m == nil || m[1] == version {
			t.Fatalf("the conflict page does not carry the saved version")
		}

		// Saving again on purpose keeps what was typed.
		typed.Set("version", m[1])
		typed.Set("status", "disabled")
		if r := b.post("/admin/staff/"+id, typed); r.status != http.StatusSeeOther || r.location != "/admin/staff" {
			t.Fatalf("save again = %d %q", r.status, apptest.ErrorSummary(r.body))
		}
		saved, err = s.store.StaffByID(s.a.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Name != "Typed Here" || saved.Role != councils.TeamManager || !saved.Disabled() || len(saved.TeamIDs) != 1 {
			t.Errorf("saved %+v", saved)
		}
		if list := b.get("/admin/staff"); !strings.Contains(list.body, "Changes saved for Typed Here") || !strings.Contains(list.body, "Disabled") {
			t.Error("the staff list does not confirm the change")
		}
	})
}

func TestAdministratorCannotLockThemselvesOut(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		me := s.a.admin
		r := s.browser(t, me).post("/admin/staff/"+me.ID, url.Values{"name": {me.Name}, "role": {"practitioner"}, "status": {"disabled"}, "version": {"1"}})
		want := "role: You cannot remove your own administrator role. Ask another administrator to change it; status: You cannot disable your own account. Ask another administrator to disable it"
		if r.status != http.StatusUnprocessableEntity || apptest.ErrorSummary(r.body) != want {
			t.Errorf("= %d %q", r.status, apptest.ErrorSummary(r.body))
		}
	})
}

func TestRemoveTwoFactor(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		id := s.a.other.ID
		if err := s.store.SetTOTP(s.a.ctx, id, "JBSWY3DPEHPK3PXP", 100); err != nil {
			t.Fatal(err)
		}
		b := s.browser(t, s.a.admin)
		if page := b.get("/admin/staff/" + id); !strings.Contains(page.body, "Remove their authenticator app") {
			t.Fatal("edit page does not offer to remove the app")
		}
		if r := b.post("/admin/staff/"+id+"/two-factor", nil); r.status != http.StatusSeeOther {
			t.Fatalf("remove = %d", r.status)
		}
		st, err := s.store.StaffByID(s.a.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if st.TOTPSecret != "" {
			t.Error("the app was not removed")
		}
	})
}

func TestTeams(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		b := s.browser(t, s.a.admin)
		tests := []struct {
			name    string
			status  int
			summary string
		}{
			{"  Hospital   discharge ", http.StatusSeeOther, ""},
			{"Hospital discharge", http.StatusUnprocessableEntity, "name: There is already a team called Hospital discharge. Enter a different name"},
			{"", http.StatusUnprocessableEntity, "name: Enter a name for the team"},
		}
		for _, tt := range tests {
			r := b.post("/admin/teams", url.Values{"name": {tt.name}})
			if r.status != tt.status || apptest.ErrorSummary(r.body) != tt.summary {
				t.Errorf("add %q = %d %q; want %d %q", tt.name, r.status, apptest.ErrorSummary(r.body), tt.status, tt.summary)
			}
		}
		page := b.get("/admin/teams")
		cell := func(name string) string { return `<td class="govuk-table__cell">` + name + `</td>` }
		if !strings.Contains(page.body, cell("Hospital discharge")) || !strings.Contains(page.body, cell("North")) {
			t.Error("teams page lacks the teams")
		}
		if r := s.browser(t, s.b.admin).get("/admin/teams"); strings.Contains(r.body, cell("Hospital discharge")) {
			t.Error("council B sees council A's team")
		}
	})
}

func TestSettings(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		b := s.browser(t, s.a.admin)
		page := b.get("/admin/settings")
		m := hiddenVersion.FindStringSubmatch(page.body)
		if m == nil {
			t.Fatal("settings page has no version")
		}
		for name, want := range map[string]string{"threshold": "", "first_review_weeks": "8", "regular_review_months": "12", "directory_check_months": "6", "checkin_urgent_days": "2", "checkin_high_days": "7", "checkin_routine_days": "14",
			"section42_days": "2", "crisis_review_hours": "72", "advocacy_days": "5"} {
			if got := inputValue(page.body, name); got != want {
				t.Errorf("settings page: %s = %q, want %q", name, got, want)
			}
		}
		form := func(mfa, threshold, weeks, months, version string) url.Values {
			return url.Values{"require_mfa": {mfa}, "threshold": {threshold}, "first_review_weeks": {weeks}, "regular_review_months": {months}, "directory_check_months": {"3"}, "checkin_urgent_days": {"2"}, "checkin_high_days": {"7"}, "checkin_routine_days": {"14"}, "version": {version},
				"safeguarding_roles": {"team_manager", "quality_lead"}, "section42_days": {"2"}, "practitioners_lead": {"no"}, "crisis_review_hours": {"72"}, "advocacy_days": {"5"}}
		}
		changed := func(field string, values ...string) url.Values {
			f := form("no", "", "8", "12", m[1])
			f[field] = values
			return f
		}
		directoryMonths := func(months string) url.Values {
			f := form("no", "", "8", "12", m[1])
			f.Set("directory_check_months", months)
			return f
		}
		// Mistakes are all shown at once, in the order of the form, and save nothing.
		mistakes := []struct {
			name    string
			form    url.Values
			summary string
		}{
			{"nothing chosen", form("", "", "8", "12", m[1]), "require_mfa: Select yes if every member of staff must use two-factor sign-in"},
			{"threshold in words", form("no", "three hundred", "8", "12", m[1]), "threshold: Enter the weekly cost as an amount in pounds, like 350 or 350.50"},
			{"threshold with three decimals", form("no", "350.505", "8", "12", m[1]), "threshold: Enter the weekly cost as an amount in pounds, like 350 or 350.50"},
			{"negative threshold", form("no", "-5", "8", "12", m[1]), "threshold: Enter the weekly cost as an amount in pounds, like 350 or 350.50"},
			{"review weeks", form("no", "", "0", "12", m[1]), "first_review_weeks: Enter the number of weeks until the first review, from 1 to 26"},
			{"review months", form("no", "", "8", "18", m[1]), "regular_review_months: Enter the number of months between reviews, from 1 to 12"},
			{"directory months", directoryMonths("0"), "directory_check_months: Enter how many months may pass before a directory entry is checked again, from 1 to 24"},
			{"check-in days", func() url.Values { f := form("no", "", "8", "12", m[1]); f.Set("checkin_high_days", "0"); return f }(), "checkin_high_days: Enter the days between check-ins for high priority, from 1 to 90"},
			{"directory months in words", directoryMonths("six"), "directory_check_months: Enter how many months may pass before a directory entry is checked again, from 1 to 24"},
			{"no safeguarding roles", changed("safeguarding_roles"), "safeguarding_roles: Choose at least one role that may see safeguarding records"},
			{"finance sees safeguarding", changed("safeguarding_roles", "team_manager", "finance"), "safeguarding_roles: Choose roles from the list"},
			{"section 42 decision in a month", changed("section42_days", "30"), "section42_days: Enter the days allowed for the section 42 decision, from 1 to 28"},
			{"practitioners leading not answered", changed("practitioners_lead"), "practitioners_lead: Select yes if practitioners may lead safeguarding enquiries"},
			{"crisis review in words", changed("crisis_review_hours", "three days"), "crisis_review_hours: Enter the hours until a crisis is reviewed, from 1 to 168"},
			{"advocacy never", changed("advocacy_days", "0"), "advocacy_days: Enter the days allowed to arrange an advocate, from 1 to 28"},
			{"every mistake", form("maybe", "£x", "", "x", m[1]), "require_mfa: Select yes if every member of staff must use two-factor sign-in; threshold: Enter the weekly cost as an amount in pounds, like 350 or 350.50; first_review_weeks: Enter the number of weeks until the first review, from 1 to 26; regular_review_months: Enter the number of months between reviews, from 1 to 12"},
		}
		for _, tt := range mistakes {
			r := b.post("/admin/settings", tt.form)
			if r.status != http.StatusUnprocessableEntity || apptest.ErrorSummary(r.body) != tt.summary {
				t.Errorf("%s: %d %q; want 422 %q", tt.name, r.status, apptest.ErrorSummary(r.body), tt.summary)
			}
		}
		if r := b.post("/admin/settings", form("no", "three hundred", "8", "12", m[1])); inputValue(r.body, "threshold") != "three hundred" {
			t.Error("the form lost what was typed")
		}
		if c, _ := s.store.CouncilByID(s.a.ctx, s.a.council.ID); c.Version != 1 {
			t.Errorf("mistakes saved something: version %d", c.Version)
		}

		good := form("yes", " £1,350.50 ", "6", "9", m[1])
		good["safeguarding_roles"] = []string{"practitioner", "quality_lead"}
		good.Set("section42_days", "3")
		good.Set("crisis_review_hours", "48")
		good.Set("advocacy_days", "7")
		good.Set("practitioners_lead", "yes")
		if r := b.post("/admin/settings", good); r.status != http.StatusSeeOther {
			t.Fatalf("save = %d %q", r.status, apptest.ErrorSummary(r.body))
		}
		c, err := s.store.CouncilByID(s.a.ctx, s.a.council.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := councils.Settings{AuthorisationThresholdPence: 135050, FirstReviewWeeks: 6, RegularReviewMonths: 9, DirectoryCheckMonths: 3, CheckInUrgentDays: 2, CheckInHighDays: 7, CheckInRoutineDays: 14,
			SafeguardingRoles: councils.NewRoleSet(councils.Practitioner, councils.QualityLead), Section42DecisionDays: 3, PractitionersLeadEnquiries: true, CrisisReviewHours: 48, AdvocacyActionDays: 7}
		if !c.MFARequired || c.Settings != want {
			t.Errorf("saved %v %+v, want MFA and %+v", c.MFARequired, c.Settings, want)
		}
		if page := b.get("/admin/settings"); inputValue(page.body, "threshold") != "1350.50" || !strings.Contains(page.body, "Settings saved") {
			t.Error("the saved threshold is not shown back in pounds, or there is no success message")
		}
		other, err := s.store.CouncilByID(s.b.ctx, s.b.council.ID)
		if err != nil {
			t.Fatal(err)
		}
		if other.MFARequired || other.Settings != councils.DefaultSettings {
			t.Error("council B's settings changed")
		}
		// The same form sent again is stale: the page says what is saved now and keeps what was typed.
		r := b.post("/admin/settings", form("no", "99", "8", "12", m[1]))
		if r.status != http.StatusConflict || !strings.HasPrefix(apptest.ErrorSummary(r.body), "version: Someone else changed these settings while you were editing") {
			t.Errorf("stale save = %d %q", r.status, apptest.ErrorSummary(r.body))
		}
		for _, want := range []string{"Every member of staff", "£1350.50 a week", "6 weeks after a plan is agreed", "Every 9 months"} {
			if !strings.Contains(html.UnescapeString(r.body), want) {
				t.Errorf("conflict page lacks %q", want)
			}
		}
		if inputValue(r.body, "threshold") != "99" {
			t.Error("the conflict page lost what was typed")
		}
		if again, _ := s.store.CouncilByID(s.a.ctx, s.a.council.ID); again.Settings != want || again.Version != c.Version {
			t.Error("a stale save changed the settings")
		}
		// Emptying the threshold removes it.
		m = hiddenVersion.FindStringSubmatch(b.get("/admin/settings").body)
		if r := b.post("/admin/settings", form("yes", "", "8", "12", m[1])); r.status != http.StatusSeeOther {
			t.Fatalf("save = %d %q", r.status, apptest.ErrorSummary(r.body))
		}
		if c, _ := s.store.CouncilByID(s.a.ctx, s.a.council.ID); c.AuthorisationThresholdPence != 0 {
			t.Errorf("threshold = %d, want none", c.AuthorisationThresholdPence)
		}
	})
}

// inputValue is the value of the text input called name, or "" when it has none.
func inputValue(body, name string) string {
	m := regexp.MustCompile(`<input[^>]* name="` + regexp.QuoteMeta(name) + `"[^>]*>`).FindString(body)
	v := regexp.MustCompile(` value="([^"]*)"`).FindStringSubmatch(m)
	if v == nil {
		return ""
	}
	return html.UnescapeString(v[1])
}
