package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog/accesslogpage"
	"github.com/golden-thread/goldenthread/internal/advocacy/advocacypage"
	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/audits/auditpage"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/auth/authpage"
	"github.com/golden-thread/goldenthread/internal/board/boardpage"
	"github.com/golden-thread/goldenthread/internal/capacity/capacitypage"
	"github.com/golden-thread/goldenthread/internal/caseloads/caseloadpage"
	"github.com/golden-thread/goldenthread/internal/chronology/chronologypage"
	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/cld/cldpage"
	"github.com/golden-thread/goldenthread/internal/community/communitypage"
	"github.com/golden-thread/goldenthread/internal/conferences/conferencepage"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationpage"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/councils/councilpage"
	"github.com/golden-thread/goldenthread/internal/crisis/crisispage"
	"github.com/golden-thread/goldenthread/internal/directory/directorypage"
	"github.com/golden-thread/goldenthread/internal/discovery/discoverypage"
	"github.com/golden-thread/goldenthread/internal/feedback/feedbackpage"
	"github.com/golden-thread/goldenthread/internal/frontdoor/frontdoorpage"
	"github.com/golden-thread/goldenthread/internal/insight/insightpage"
	"github.com/golden-thread/goldenthread/internal/kpis/kpipage"
	"github.com/golden-thread/goldenthread/internal/learning/learningpage"
	"github.com/golden-thread/goldenthread/internal/networks/networkpage"
	"github.com/golden-thread/goldenthread/internal/outcomes/outcomepage"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/personpage"
	"github.com/golden-thread/goldenthread/internal/plans/financepage"
	"github.com/golden-thread/goldenthread/internal/plans/planpage"
	"github.com/golden-thread/goldenthread/internal/plans/servicepage"
	"github.com/golden-thread/goldenthread/internal/plans/supportplanpage"
	"github.com/golden-thread/goldenthread/internal/practicemodels/modelpage"
	"github.com/golden-thread/goldenthread/internal/practicestudy/studypage"
	"github.com/golden-thread/goldenthread/internal/programme/programmepage"
	"github.com/golden-thread/goldenthread/internal/reviews/reviewpage"
	"github.com/golden-thread/goldenthread/internal/risks/riskpage"
	"github.com/golden-thread/goldenthread/internal/safeguarding/safeguardingpage"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/strengths/strengthpage"
	"github.com/golden-thread/goldenthread/internal/supervision/supervisionpage"
	"github.com/golden-thread/goldenthread/internal/thread/threadpage"
	"github.com/golden-thread/goldenthread/internal/web"
	"github.com/golden-thread/goldenthread/internal/workforce/workforcepage"
)

// build makes the sign-in service, parses every template and builds the handler.
func (a *App) build() error {
	a.Auth = auth.New(a.DB, a.Councils, auth.Options{Secure: a.cfg.SecureCookies, Logger: a.log, IdleTimeout: a.cfg.SessionIdleTimeout})
	a.Auth.SetNetworks(a.Networks.IsNetwork)
	var tmpl *web.Templates
	if a.cfg.Templates != nil {
		tmpl = a.cfg.Templates.Fresh(a.log)
	} else {
		var err error
		if tmpl, err = ParseTemplates(a.log); err != nil {
			return err
		}
	}
	a.Auth.SetPages(tmpl)
	// A record outside the member of staff's allocation opens only by break-glass: every page about a person
	// ({id} in its route) sends them to give a reason, rather than each page catching it.
	tmpl.RedirectOn(people.ErrBreakGlassNeeded, func(r *http.Request) string {
		if id := r.PathValue("id"); id != "" {
			return paths.BreakGlass.URL(id)
		}
		return ""
	})
	web.CheckAssets(a.log)
	a.Handler = a.routes(tmpl)
	return nil
}

// ParseTemplates parses and checks every page's templates, as the app does at start-up: an error in any page stops
// the app from starting rather than showing when someone opens the page.
func ParseTemplates(log *slog.Logger) (*web.Templates, error) {
	tmpl, err := web.NewTemplates(log,
		personpage.Templates(),
		accesslogpage.Templates(),
		authTemplates(),
		adminTemplates(),
		threadpage.Templates(),
		caseloadpage.Templates(),
		chronologypage.Templates(),
		strengthpage.Templates(),
		conversationpage.Templates(),
		outcomepage.Templates(),
		planpage.Templates(),
		servicepage.Templates(), financepage.Templates(),
		directorypage.Templates(),
		supportplanpage.Templates(), reviewpage.Templates(),
		frontdoorpage.Templates(),
		safeguardingpage.Templates(),
		// Mental capacity and advocacy.
		capacitypage.Templates(), advocacypage.Templates(),
		riskpage.Templates(), crisispage.Templates(), conferencepage.Templates(),
		auditpage.Templates(), supervisionpage.Templates(), cldpage.Templates(),
		insightpage.Templates(), feedbackpage.Templates(),
		learningpage.Templates(),
		workforcepage.Templates(),
		communitypage.Templates(),
		studypage.Templates(),
		modelpage.Templates(),
		programmepage.Templates(),
		kpipage.Templates(),
		boardpage.Templates(),
		discoverypage.Templates(),
		networkpage.Templates(),
	)
	if err != nil {
		return nil, fmt.Errorf("parse page templates: %w", err)
	}
	return tmpl, nil
}

// withBrokenGlass tells the people store which records the signed-in member of staff opened by break-glass this
// session.
func (a *App) withBrokenGlass(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := councils.StaffFrom(r.Context()); ok {
			if ids := a.Auth.BreakGlass(r.Context()); len(ids) > 0 {
				r = r.WithContext(people.WithBrokenGlass(r.Context(), ids))
			}
		}
		next.ServeHTTP(w, r)
	})
}

// healthTimeout bounds each health check's wait for the database, so that a check answers well within a load
// balancer's own timeout, and a database that hangs counts as unreachable.
const healthTimeout = 2 * time.Second

// healthz answers "ok" while the database answers, as it always has, for load balancers configured with it.
func (a *App) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	if err := a.DB.Ping(ctx); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

// health is the body of /healthz/live and /healthz/ready: "ok" or "unavailable", and for readiness the result of
// each check, so that whoever reads it sees which one failed.
type health struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks,omitempty"`
}

// live answers while the process can answer at all: a restart would not help with anything else, so an
// orchestrator's liveness probe must not fail because the database is away.
func live(w http.ResponseWriter, _ *http.Request) {
	writeHealth(w, http.StatusOK, health{Status: "ok"})
}

// ready answers 200 while this instance can serve: the database answers within healthTimeout and its schema is at
// this version's latest migration. Otherwise 503, naming the check that failed, so that a load balancer sends
// requests elsewhere and a deployment waits.
func (a *App) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	h := health{Status: "ok", Checks: map[string]string{"database": "ok", "migrations": "ok"}}
	applied, latest, err := a.DB.SchemaVersion(ctx)
	switch {
	case errors.Is(err, sqldb.ErrUnavailable), ctx.Err() != nil:
		h.Checks["database"] = "unreachable"
		h.Checks["migrations"] = "not checked"
	case err != nil:
		a.log.ErrorContext(r.Context(), "readiness: read the schema's version", "err", err)
		h.Checks["migrations"] = "cannot read the schema's version"
	case applied < latest:
		h.Checks["migrations"] = fmt.Sprintf("behind: the database is at migration %d, this version needs %d; run goldenthread migrate", applied, latest)
	case applied > latest:
		h.Checks["migrations"] = fmt.Sprintf("ahead: the database is at migration %d, from a newer version; this version knows up to %d", applied, latest)
	}
	status := http.StatusOK
	if h.Checks["database"] != "ok" || h.Checks["migrations"] != "ok" {
		h.Status, status = "unavailable", http.StatusServiceUnavailable
	}
	writeHealth(w, status, h)
}

func writeHealth(w http.ResponseWriter, status int, h health) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(h) // a probe that has gone away needs no answer
}

// home sends a signed-in member of staff to the page their work starts on (auth.Home), and anyone else to sign in.
func (a *App) home() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		to := paths.SignIn.URL()
		if st, ok := councils.StaffFrom(r.Context()); ok {
			to = auth.Home(st.Role)
			// A network's staff start on the network's home.
			if isNet, err := a.isNetworkStaff(r.Context(), st); err != nil {
				return err
			} else if isNet {
				to = paths.NetworkHome.URL()
			}
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return nil
	}
}

// apiRoutes mounts the JSON API, each route but the OpenAPI document behind a bearer token.
func (a *App) apiRoutes(mux *http.ServeMux) {
	api.New(a.People, a.log).WithThread(api.Thread{
		Conversations: a.Conversations, Sittings: a.Sittings, Strengths: a.Strengths, Outcomes: a.Outcomes, Solutions: a.Plans, Services: a.Services,
		Plans: a.SupportPlans, Reviews: a.Reviews,
	}).WithSafeguarding(a.Safeguarding).
		WithCapacity(a.Capacity, a.Advocacy). // mental capacity and advocacy
		WithRisks(api.Risks{Risks: a.Risks, Crisis: a.Crisis, Conferences: a.Conferences}).
		WithAudits(a.Audits).
		WithSupervision(a.Supervision).
		WithMeasures(a.Insight).
		WithReturns(cld.NewStore(a.DB)).
		WithWorkforce(a.Workforce).
		WithCommunity(a.Community).
		WithLearning(a.Learning).
		WithPracticeStudies(a.PracticeStudy).
		WithPracticeModels(a.PracticeModels).
		WithProgramme(a.Programme).
		WithKPIs(a.KPIs).
		WithDiscovery(a.Discovery).
		WithNetworks(a.Networks, a.NetworkComparer).
		WithNetworkWork(a.NetworkWork).
		Register(func(pattern string, h http.Handler) {
			a.staffRoutes = append(a.staffRoutes, pattern)
			mux.Handle(pattern, h)
		}, a.Auth.Bearer)
}

// StaffRoutes lists the pattern of every route that needs a signed-in member of staff: the pages and the JSON API.
func (a *App) StaffRoutes() []string { return slices.Clone(a.staffRoutes) }

func authTemplates() fs.FS { return authpage.Templates() }

// authRoutes mounts sign-in, two-factor and sign-out. They check for themselves who is part-way through signing in.
func (a *App) authRoutes(tmpl *web.Templates, public, page func(string, web.Handler)) {
	public(paths.SignIn.Route("GET"), authpage.SignIn(tmpl, a.Auth))
	public(paths.SignIn.Route("POST"), authpage.SignIn(tmpl, a.Auth))
	public(paths.SignOut.Route("POST"), authpage.SignOut(a.Auth))
	page(paths.KeepAlive.Route("GET"), func(w http.ResponseWriter, r *http.Request) error { auth.KeepAlive(w, r); return nil })
	public(paths.TwoFactor.Route("GET"), authpage.TwoFactor(tmpl, a.Auth))
	public(paths.TwoFactor.Route("POST"), authpage.TwoFactor(tmpl, a.Auth))
	public(paths.SetUpTwoFactor.Route("GET"), authpage.SetUpTwoFactor(tmpl, a.Auth))
	public(paths.SetUpTwoFactor.Route("POST"), authpage.SetUpTwoFactor(tmpl, a.Auth))
}

func adminTemplates() fs.FS { return councilpage.Templates() }

// adminRoutes mounts the council administrator's pages: staff, teams and settings.
func (a *App) adminRoutes(tmpl *web.Templates, admin func(string, web.Handler)) {
	p := councilpage.New(tmpl, a.Councils, a.Auth.Hasher(), a.Auth)
	admin(paths.StaffList.Route("GET"), p.StaffList())
	admin(paths.NewStaff.Route("GET"), p.NewStaff())
	admin(paths.NewStaff.Route("POST"), p.NewStaff())
	admin(paths.Staff.Route("GET"), p.EditStaff())
	admin(paths.Staff.Route("POST"), p.EditStaff())
	admin(paths.StaffPassword.Route("GET"), p.Password())
	admin(paths.StaffPassword.Route("POST"), p.Password())
	admin(paths.StaffTwoFactor.Route("POST"), p.RemoveTwoFactor())
	admin(paths.Teams.Route("GET"), p.Teams())
	admin(paths.Teams.Route("POST"), p.Teams())
	admin(paths.Settings.Route("GET"), p.Settings())
	admin(paths.Settings.Route("POST"), p.Settings())
}
