// Package app wires Golden Thread together: it opens the database, builds the stores, the pages and the API,
// lists every route in routes.go, and runs the server. It holds no domain rules of its own.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"text/tabwriter"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/board"
	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/caseloads"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/crisis"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/pdf"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sittings"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/thread"
	"github.com/golden-thread/goldenthread/internal/web"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

// Config is everything Golden Thread needs to start, filled from flags and the environment by the command.
type Config struct {
	DatabaseURL   string
	Addr          string
	Logger        *slog.Logger
	Clock         sqldb.Clock
	SecureCookies bool // send the session cookie over HTTPS only; on unless serving plain localhost
	// SessionIdleTimeout signs staff out after this long without a request; zero is auth.SessionIdleTimeout (an
	// hour). Tests shorten it to see the timeout warning.
	SessionIdleTimeout time.Duration
	// Demo, when set, loads the demo council on first start and prints its sign-in details to DemoOut.
	Demo    *demo.Options
	DemoOut io.Writer
	// Load bounds the requests handled at once and those waiting; past it the server answers 503 at once. Zero
	// means DefaultLoad.
	Load web.Load
	// Templates, when set, are the pages as ParseTemplates parsed them already, for tests that start many apps in
	// one process; nil parses them at start-up.
	Templates *web.Templates
}

// DefaultLoad is the bound on work a server takes on: four requests at once per core (a request spends much of its
// time waiting on the database), sixteen waiting per core, each for at most a second. Past that a request would
// wait longer than a page should take, so it is refused with 503 and Retry-After instead.
func DefaultLoad() web.Load {
	n := runtime.GOMAXPROCS(0)
	return web.Load{Working: 4 * n, Queue: 16 * n, Wait: time.Second}
}

// App is a running Golden Thread: its database, stores and HTTP handler.
type App struct {
	cfg     Config
	log     *slog.Logger
	DB      *sqldb.DB
	Auth    *auth.Auth
	Handler http.Handler
	// staffRoutes are the patterns of the routes that need a signed-in member of staff (pages and the API).
	staffRoutes []string

	// The stores, one per domain.
	Councils       *councils.Store
	People         *people.Store
	Log            *accesslog.Store
	Conversations  *conversations.Store      // contacts, episodes, conversations, eligibility
	Sittings       *sittings.Store           // a conversation and what came up in it, recorded together
	Strengths      *strengths.Store          // strengths and the network (ecomap)
	Outcomes       *outcomes.Store           // aspirations and SMART outcomes
	Plans          *plans.Store              // solutions on the ladder
	Services       *plans.ServiceStore       // council-funded services and their authorisation
	DirectPayments *plans.DirectPaymentStore // direct payment agreements and their monitoring
	Thread         *thread.Store             // the golden thread view, read-only
	Caseload       *caseloads.Store          // caseloads, read-only
	SupportPlans   *plans.PlanStore          // versioned support plans
	Reviews        *reviews.Store            // reviews: ratings, service decisions, the next review
	PDF            *pdf.Printer              // My plan as a PDF, where Chromium is installed
	Chronology     *chronology.Store         // each person's timeline
	Directory      *directory.Store          // the community directory (Open Referral UK)
	Postcodes      *postcodes.Store          // the ONS Postcode Directory, national, for distances
	FrontDoor      *frontdoor.Store          // triage, the waiting list, check-ins, signposts and their follow-up
	// Safeguarding: concerns, section 42 decisions, enquiries with Making Safeguarding Personal.
	Safeguarding *safeguarding.Store
	Duties       *duties.Store // required actions, read for the person's page
	// Mental capacity and advocacy.
	Capacity *capacity.Store // capacity assessments, best-interests decisions, the IMCA action
	Advocacy *advocacy.Store // advocacy needs, referrals, the advocacy actions
	// Risk enablement, crisis and family group conferences.
	Risks       *risks.Store       // risks, positive risk-taking decisions and their reviews
	Crisis      *crisis.Store      // episodes marked as crisis, holding support, early reviews
	Conferences *conferences.Store // family group conferences and the family's plan
	// Quality assurance.
	Audits      *audits.Store      // audit tools, rounds, audits, reflections and findings
	Supervision *supervision.Store // the supervision policy, sessions and who is overdue
	Feedback    *feedback.Store    // surveys, one-time codes, people's and staff's answers
	// The learning programme: courses, sessions, bookings, evaluations, coverage and induction.
	Learning *learning.Store
	// The community of practice: network events and the library of good practice.
	Community *community.Store
	// The implementation programme: phases, workstreams, milestones, actions, risks, decisions (internal/programme).
	Programme *programme.Store
	// Insight: the measures of the council's practice.
	Insight *insight.Store
	// A network of councils' shared work: its staff survey, peer challenges and library.
	NetworkWork *networks.Work
	// Staff resources: scenarios and the staff each team needs (internal/workforce).
	Workforce *workforce.Store
	// The practice study and its case for change.
	PracticeStudy *practicestudy.Store
	// The council's practice models: the headings and prompts conversations are recorded under.
	PracticeModels *practicemodels.Store
	// The implementation programme's KPIs, each bound to a measure of the catalogue (internal/kpis).
	KPIs *kpis.Store
	// The Programme Board report, generated from the programme and its KPIs, and the reports issued (internal/board).
	Board *board.Store
	// What the implementation programme found and dreamed: findings, vision, cultural web and stakeholders.
	Discovery *discovery.Store
	// Networks of councils: membership, decisions, invitations and the comparison (internal/networks).
	Networks *networks.Store
	// NetworkModels says which practice model each council has chosen, for the network's comparison by model;
	// NetworkProgrammes reads the programme milestones and KPIs a member council shares. Nil until the packages
	// that keep them are wired: the comparison then puts every council under "No practice model recorded", and a
	// member council's page says that programme records are not kept yet.
	NetworkModels     networks.Models
	NetworkProgrammes networks.Programmes
	// NetworkComparer is the networks' comparison, one for the pages and the API, so that both answer what it keeps;
	// the server keeps each network's own comparison worked out (Run).
	NetworkComparer *networks.Comparer
}

// New opens the database, applies migrations and builds the handler.
func New(ctx context.Context, cfg Config) (*App, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	db, err := sqldb.Open(ctx, cfg.DatabaseURL, sqldb.Options{Clock: cfg.Clock, Logger: cfg.Logger})
	if err != nil {
		return nil, err
	}
	a, err := Build(db, cfg)
	if err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

// Build makes the app over a database that is already open and migrated, as the tests and benchmarks do.
func Build(db *sqldb.DB, cfg Config) (*App, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Load == (web.Load{}) {
		cfg.Load = DefaultLoad()
	}
	a := &App{
		cfg: cfg, log: slog.New(web.LogHandler(cfg.Logger.Handler())), DB: db,
		Councils:       councils.NewStore(db),
		People:         people.NewStore(db),
		Log:            accesslog.NewStore(db),
		Conversations:  conversations.NewStore(db),
		Sittings:       sittings.NewStore(db),
		Strengths:      strengths.NewStore(db),
		Outcomes:       outcomes.NewStore(db),
		Plans:          plans.NewStore(db),
		Services:       plans.NewServiceStore(db),
		DirectPayments: plans.NewDirectPaymentStore(db),
		Thread:         thread.NewStore(db),
		Caseload:       caseloads.NewStore(db),
		SupportPlans:   plans.NewPlanStore(db),
		Reviews:        reviews.NewStore(db),
		PDF:            pdf.New(),
		Chronology:     chronology.NewStore(db),
		Directory:      directory.NewStore(db),
		Postcodes:      postcodes.NewStore(db),
		FrontDoor:      frontdoor.NewStore(db),
		Safeguarding:   safeguarding.NewStore(db),
		Duties:         duties.NewStore(db),
		Capacity:       capacity.NewStore(db), // mental capacity and advocacy
		Advocacy:       advocacy.NewStore(db),
		Risks:          risks.NewStore(db),
		Crisis:         crisis.NewStore(db),
		Conferences:    conferences.NewStore(db),
		Audits:         audits.NewStore(db),
		Supervision:    supervision.NewStore(db),
		Feedback:       feedback.NewStore(db),
		Learning:       learning.NewStore(db),
		Community:      community.NewStore(db),
		Programme:      programme.NewStore(db),
		Insight:        insight.NewStore(db),
		PracticeModels: practicemodels.NewStore(db),
		KPIs:           kpis.NewStore(db),
		Discovery:      discovery.NewStore(db),
		Networks:       networks.NewStore(db),
	}
	// The board report reads the programme and the KPIs: programme records and aggregates, never a person's record.
	a.Board = board.NewStore(db, a.Programme, a.KPIs)
	// A network compares its members by the practice model each has chosen, and reads the programme records a
	// member shares, each inside that council's own tenancy (networks.go).
	a.NetworkModels = networkModels{a.PracticeModels}
	a.NetworkProgrammes = sharedProgrammes{db}
	a.NetworkComparer = networks.NewComparer(a.Networks, lateModels{a})
	a.NetworkWork = networks.NewWork(db, a.Networks)
	a.PracticeStudy = practicestudy.NewStore(db, a.Audits) // reads the audits' findings for practice insight
	// Staff resources take each team's share of time with people from a practice study's diaries, where one kept them.
	a.Workforce = workforce.NewStore(db, studyObservations{a.PracticeStudy})
	if err := a.build(); err != nil {
		return nil, err
	}
	return a, nil
}

// Close releases the database.
func (a *App) Close() error {
	if a.Auth != nil {
		a.Auth.Close()
	}
	return a.DB.Close()
}

// Serve runs Golden Thread until ctx ends.
func Serve(ctx context.Context, cfg Config) error {
	if cfg.Addr == "" {
		cfg.Addr = "localhost:8080"
	}
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", cfg.Addr, err)
	}
	cfg.SecureCookies = cfg.SecureCookies || !(host == "localhost" || host == "127.0.0.1" || host == "::1")
	a, err := New(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if cfg.Demo != nil {
		d, err := demo.Load(ctx, a.DB, a.Auth.Hasher().Hash, *cfg.Demo)
		if err != nil {
			return fmt.Errorf("load the demo council: %w", err)
		}
		if cfg.DemoOut != nil {
			if d.Created {
				fmt.Fprintf(cfg.DemoOut, "\nLoaded the fictional demo council, %s, with %d people.\n", demo.Name, cfg.Demo.People)
			}
			PrintDemoAccounts(cfg.DemoOut, d)
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler: a.Handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, ErrorLog: slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	a.log.Info("Golden Thread is running", "url", "http://"+ln.Addr().String(), "engine", a.DB.Engine())
	if cfg.DemoOut != nil {
		fmt.Fprintf(cfg.DemoOut, "\nGolden Thread is running at http://%s — press Ctrl+C to stop.\n", ln.Addr())
	}
	// The sealer links the access log's waiting entries into each council's chain; it stops after the server,
	// sealing once more what the last requests wrote.
	sealing, stopSealing := context.WithCancel(context.WithoutCancel(ctx))
	sealed := make(chan struct{})
	go func() { a.Log.Sealer(sealing, SealInterval, a.log); close(sealed) }()
	defer func() { stopSealing(); <-sealed }()
	// Each network's comparison is worked out at start and every few minutes after, so that no one who opens it
	// waits for every member council's records to be read.
	warming, stopWarming := context.WithCancel(context.WithoutCancel(ctx))
	warmed := make(chan struct{})
	go func() { a.NetworkComparer.KeepWarm(warming, a.DB.Today, a.log); close(warmed) }()
	defer func() { stopWarming(); <-warmed }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// SealInterval is how often the sealer links the access log's waiting entries into the chain: the longest an
// entry waits, give or take one sealing transaction, and short enough that the log's page is never behind.
const SealInterval = 250 * time.Millisecond

// PrintDemoAccounts prints how to sign in to the demo council, one account per role.
func PrintDemoAccounts(w io.Writer, d demo.Council) {
	fmt.Fprintf(w, "\nSign in to the demo council (%s) with any of these accounts. The password for each is: %s\n", d.Council.Name, demo.Password)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  Role\tEmail\tName")
	for _, acc := range d.Accounts {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", acc.Role.Label(), acc.Email, acc.Name)
	}
	tw.Flush()
	fmt.Fprintln(w, "  (The administrator sets up two-factor sign-in with an authenticator app on first sign-in.)")
	fmt.Fprintf(w, "\nThe demo network (%s) compares Exampleshire with two more fictional councils. Its accounts, with the same password:\n", demo.NetworkName)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, acc := range d.Network {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", acc.Role.Label(), acc.Email, acc.Name)
	}
	tw.Flush()
	fmt.Fprintln(w, "  Everyone in the demo council is fictional. Never record real people in it.")
}
