package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// DefaultDatabase is where Golden Thread keeps its SQLite file when nothing else is configured.
const DefaultDatabase = "data/goldenthread.db"

// flags makes a flag set for a command that reports mistakes as usage errors rather than exiting.
func (c *cli) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	return fs
}

// parse reads flags, refusing stray arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// databaseFlag adds --database, defaulting to GT_DATABASE_URL and then to the SQLite file under ./data.
func (c *cli) databaseFlag(fs *flag.FlagSet) *string {
	def := c.getenv("GT_DATABASE_URL")
	if def == "" {
		def = DefaultDatabase
	}
	return fs.String("database", def, "database: a file path or sqlite: URL, or a postgres:// URL (GT_DATABASE_URL)")
}

// open checks the database URL, then opens and migrates the database.
func (c *cli) open(ctx context.Context, rawURL string) (*sqldb.DB, error) {
	if _, _, err := sqldb.ParseURL(rawURL); err != nil {
		return nil, usagef("%v", err)
	}
	return sqldb.Open(ctx, rawURL, sqldb.Options{Logger: c.log})
}

func cmdServe(ctx context.Context, c *cli, args []string) error {
	fs := c.flags("serve")
	dbURL := c.databaseFlag(fs)
	addr := fs.String("addr", envOr(c.getenv, "GT_ADDR", "localhost:8080"), "address to listen on (GT_ADDR)")
	withDemo := fs.Bool("demo", false, "load the fictional demo council on first start and print its sign-in details")
	people := fs.Int("demo-people", demo.DefaultPeople, "how many people the demo council has, with --demo")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *people < 0 {
		return usagef("--demo-people must be 0 or more")
	}
	if _, _, err := sqldb.ParseURL(*dbURL); err != nil {
		return usagef("%v", err)
	}
	cfg := app.Config{DatabaseURL: *dbURL, Addr: *addr, Logger: c.log}
	if *withDemo {
		cfg.Demo = &demo.Options{People: *people, Seed: 1}
		cfg.DemoOut = c.stdout
	}
	return app.Serve(ctx, cfg)
}

func envOr(getenv env, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func cmdMigrate(ctx context.Context, c *cli, args []string) error {
	fs := c.flags("migrate")
	dbURL := c.databaseFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := c.open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(c.stdout, "The %s database is up to date.\n", db.Engine())
	return nil
}

func cmdDemo(ctx context.Context, c *cli, args []string) error {
	fs := c.flags("demo")
	dbURL := c.databaseFlag(fs)
	n := fs.Int("people", demo.DefaultPeople, "how many synthetic people the demo council has")
	seed := fs.Uint64("seed", 1, "seed: the same seed always makes the same council")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *n < 0 || *n > 1_000_000 {
		return usagef("--people must be between 0 and 1,000,000")
	}
	db, err := c.open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	hasher := auth.NewHasher(2)
	d, err := demo.Load(ctx, db, hasher.Hash, demo.Options{People: *n, Seed: *seed})
	if err != nil {
		return err
	}
	if !d.Created {
		fmt.Fprintf(c.stdout, "The demo council %s already exists; nothing was changed.\n", demo.Code)
	} else {
		fmt.Fprintf(c.stdout, "Loaded %s with %d people.\n", demo.Name, *n)
	}
	app.PrintDemoAccounts(c.stdout, d)
	return nil
}

func cmdCouncil(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return usagef("the only council command is: council add --name NAME --code ONS_CODE")
	}
	fs := c.flags("council add")
	dbURL := c.databaseFlag(fs)
	name := fs.String("name", "", "the council's name, such as \"Exampleshire County Council\"")
	code := fs.String("code", "", "the council's ONS (GSS) code, such as E10000099")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		return usagef("--name is required")
	}
	if err := councils.ValidCode(strings.ToUpper(strings.TrimSpace(*code))); err != nil {
		return usagef("--code: %v", err)
	}
	db, err := c.open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	council, err := councils.NewStore(db).CreateCouncil(ctx, *code, *name)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Added %s (%s).\n", council.Name, council.Code)
	return nil
}

func cmdStaff(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return usagef("the only staff command is: staff add --council CODE --email E --name N --role ROLE [--team T]")
	}
	fs := c.flags("staff add")
	dbURL := c.databaseFlag(fs)
	code := fs.String("council", "", "the council's ONS code")
	email := fs.String("email", "", "the member of staff's email address, used to sign in")
	name := fs.String("name", "", "their name")
	roleName := fs.String("role", "", "one of: practitioner, team_manager, quality_lead, directory_editor, finance, administrator")
	team := fs.String("team", "", "the team they belong to (created if the council has no team of that name)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input instead of printing a one-time password")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	role, err := councils.ParseRole(*roleName)
	if err != nil {
		return usagef("--role: %v", err)
	}
	password, err := c.newAccount("council", *code, *email, *name, *fromStdin)
	if err != nil {
		return err
	}
	db, err := c.open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	store := councils.NewStore(db)
	council, err := store.CouncilByCode(ctx, *code)
	if err != nil {
		return fmt.Errorf("no council has the code %s: add it first with goldenthread council add", *code)
	}
	if err := networks.NewStore(db).RefuseNetwork(ctx, council.ID); err != nil {
		return err
	}
	cctx := sqldb.WithCouncil(ctx, council.ID)
	var teams []string
	if *team != "" {
		t, err := store.TeamByName(cctx, *team)
		if err != nil {
			if t, err = store.CreateTeam(cctx, *team); err != nil {
				return err
			}
		}
		teams = append(teams, t.ID)
	}
	hash, err := auth.NewHasher(1).Hash(ctx, password)
	if err != nil {
		return err
	}
	st, err := store.CreateStaff(cctx, councils.NewStaff{Email: *email, Name: *name, Role: role, TeamIDs: teams, PasswordHash: hash})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Added %s <%s> to %s as %s.\n", st.Name, st.Email, council.Name, role.Label())
	c.printPassword(*fromStdin, password)
	return nil
}

// newAccount checks the flags every command that adds an account shares (where it goes, named by the flag called
// whereFlag, its email address and name), and returns its password (newPassword).
func (c *cli) newAccount(whereFlag, where, email, name string, fromStdin bool) (string, error) {
	switch {
	case where == "":
		return "", usagef("--%s is required", whereFlag)
	case !strings.Contains(email, "@"):
		return "", usagef("--email must be an email address")
	case strings.TrimSpace(name) == "":
		return "", usagef("--name is required")
	}
	return c.newPassword(fromStdin)
}

// newPassword is a new account's password: read from standard input (and checked) when fromStdin, otherwise a
// one-time password made up here.
func (c *cli) newPassword(fromStdin bool) (string, error) {
	if !fromStdin {
		return auth.GeneratePassword(), nil
	}
	line, err := bufio.NewReader(c.stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read the password from standard input: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	if err := auth.CheckNewPassword(password); err != nil {
		return "", usagef("password from standard input: %v", err)
	}
	return password, nil
}

// printPassword shows a one-time password made up by newPassword, once.
func (c *cli) printPassword(fromStdin bool, password string) {
	if !fromStdin {
		fmt.Fprintf(c.stdout, "One-time password: %s\nGive it to them privately; it is not shown again.\n", password)
	}
}

func cmdToken(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return usagef("the only token command is: token create --email E")
	}
	fs := c.flags("token create")
	dbURL := c.databaseFlag(fs)
	email := fs.String("email", "", "the member of staff the token acts as")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if !strings.Contains(*email, "@") {
		return usagef("--email must be an email address")
	}
	db, err := c.open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	staff, err := councils.NewStore(db).FindLogin(ctx, *email)
	if err != nil {
		return fmt.Errorf("no member of staff signs in with %s", *email)
	}
	if staff.Disabled() {
		return fmt.Errorf("the account %s is disabled", *email)
	}
	token, expires, err := auth.CreateToken(ctx, db, staff)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, token)
	fmt.Fprintf(c.stderr, "Bearer token for %s <%s>, valid until %s. Send it as: Authorization: Bearer <token>\n", staff.Name, staff.Email, expires.Format("2 January 2006"))
	return nil
}

func cmdAccessLog(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return usagef("the only accesslog command is: accesslog verify --council CODE")
	}
	fs := c.flags("accesslog verify")
	dbURL := c.databaseFlag(fs)
	code := fs.String("council", "", "the council's ONS code")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *code == "" {
		return usagef("--council is required")
	}
	db, err := c.open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	council, err := councils.NewStore(db).CouncilByCode(ctx, *code)
	if err != nil {
		return fmt.Errorf("no council has the code %s", *code)
	}
	log, ctx := accesslog.NewStore(db), sqldb.WithCouncil(ctx, council.ID)
	// Entries waiting to be sealed are sealed first, so that the check covers everything written until now.
	if _, err := log.Seal(ctx); err != nil {
		return err
	}
	r, err := log.Verify(ctx)
	if err != nil {
		return err
	}
	if r.Broken {
		return fmt.Errorf("the access log of %s is broken at entry %d: %s", council.Name, r.At, r.Problem)
	}
	fmt.Fprintf(c.stdout, "The access log of %s is intact: %d entries, every link verified.\n", council.Name, r.Entries)
	if r.Waiting > 0 {
		fmt.Fprintf(c.stdout, "%d entries written since are waiting to be sealed into the chain.\n", r.Waiting)
	}
	return nil
}

// Version is set at build time with -ldflags "-X main.Version=…"; otherwise the module's build information is used.
var Version = ""

func cmdVersion(_ context.Context, c *cli, args []string) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	v := Version
	if v == "" {
		v = "development"
		if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
	}
	fmt.Fprintf(c.stdout, "goldenthread %s\n", v)
	return nil
}

func cmdPostcodes(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		return usagef("the postcodes command is: postcodes import FILE, where FILE is the ONS Postcode Directory's CSV")
	}
	fs := c.flags("postcodes import")
	dbURL := c.databaseFlag(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usagef("%v", err)
	}
	if fs.NArg() != 1 {
		return usagef("give one CSV file of the ONS Postcode Directory to import")
	}
	path := fs.Arg(0)
	if _, err := os.Stat(path); err != nil {
		return usagef("cannot read %s: %v", path, errors.Unwrap(err))
	}
	db, err := c.open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := postcodes.NewStore(db).Import(ctx, func() (io.ReadCloser, error) { return os.Open(path) })
	if err != nil {
		return err
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(c.stdout, p)
	}
	if !rep.OK() {
		return fmt.Errorf("%d bad rows in %s: nothing imported", len(rep.Problems), path)
	}
	fmt.Fprintf(c.stdout, "Imported %d postcodes (%d without a position left out).\n", rep.Rows, rep.NoLocation)
	return nil
}

func cmdDirectory(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "export") {
		return usagef("the directory commands are: directory import --council CODE [--dry-run] FILE_OR_DIR, and directory export --council CODE --format json|csv --out DIR")
	}
	fs := c.flags("directory " + args[0])
	dbURL := c.databaseFlag(fs)
	code := fs.String("council", "", "the council's ONS code")
	var dryRun *bool
	var format, out *string
	if args[0] == "import" {
		dryRun = fs.Bool("dry-run", false, "check the files and print the report without saving anything")
	} else {
		format = fs.String("format", "", "json (the Open Referral UK API's shapes) or csv (the datapackage.json layout)")
		out = fs.String("out", "", "the folder to write the files into")
	}
	if err := fs.Parse(args[1:]); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usagef("%v", err)
	}
	if *code == "" {
		return usagef("--council is required")
	}
	var path string
	if args[0] == "import" {
		if fs.NArg() != 1 {
			return usagef("give one file, or one folder of .json and .csv files, to import")
		}
		path = fs.Arg(0)
		if _, err := os.Stat(path); err != nil {
			return usagef("cannot read %s: %v", path, errors.Unwrap(err))
		}
	} else {
		if fs.NArg() > 0 {
			return usagef("unexpected argument %q", fs.Arg(0))
		}
		if *format != "json" && *format != "csv" {
			return usagef("--format must be json or csv")
		}
		if *out == "" {
			return usagef("--out is required: the folder to write the files into")
		}
	}
	db, err := c.open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	council, err := councils.NewStore(db).CouncilByCode(ctx, *code)
	if err != nil {
		return fmt.Errorf("no council has the code %s", *code)
	}
	cctx := sqldb.WithCouncil(ctx, council.ID)
	store := directory.NewStore(db)
	if args[0] == "import" {
		files, err := directory.ReadFiles(path)
		if err != nil {
			return err
		}
		rep, err := store.Import(cctx, files, *dryRun)
		if err != nil {
			return err
		}
		rep.Write(c.stdout)
		if !rep.OK() {
			return fmt.Errorf("%s", rep.Summary())
		}
		return nil
	}
	d, err := store.Export(cctx)
	if err != nil {
		return err
	}
	var files []directory.File
	left := 0
	if *format == "csv" {
		files, err = d.CSVFiles()
	} else {
		files, left, err = d.JSONFiles()
	}
	if err != nil {
		return err
	}
	if err := directory.WriteFiles(*out, files); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Wrote the directory of %s to %s: %d files.\n", council.Name, *out, len(files))
	if left > 0 {
		fmt.Fprintf(c.stderr, "note: %d records that no organisation's services reach are not in the JSON shapes; export --format csv for a complete copy\n", left)
	}
	return nil
}

func cmdCLD(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 || args[0] != "export" {
		return usagef("the only cld command is: cld export --council CODE --quarter 2026-Q3 --out FILE [--allow-rejects]")
	}
	fs := c.flags("cld export")
	dbURL := c.databaseFlag(fs)
	code := fs.String("council", "", "the council's ONS code")
	quarter := fs.String("quarter", "", "the quarter the rolling 12 months end with, such as 2026-Q3 (to 30 September 2026)")
	out := fs.String("out", "", "the CSV file to write")
	allow := fs.Bool("allow-rejects", false, "write the file even when DHSC would reject some of its rows")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	switch {
	case *code == "":
		return usagef("--council is required")
	case *quarter == "":
		return usagef("--quarter is required, such as 2026-Q3")
	case *out == "":
		return usagef("--out is required: the CSV file to write")
	}
	period, err := cld.ParseQuarter(*quarter)
	if err != nil {
		return usagef("--quarter: %v", err)
	}
	if info, err := os.Stat(filepath.Dir(*out)); err != nil || !info.IsDir() {
		return usagef("--out: the folder %s does not exist", filepath.Dir(*out))
	}
	db, err := c.open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	council, err := councils.NewStore(db).CouncilByCode(ctx, *code)
	if err != nil {
		return fmt.Errorf("no council has the code %s", *code)
	}
	ctx = accesslog.WithCommand(sqldb.WithCouncil(ctx, council.ID), "goldenthread cld export")
	store := cld.NewStore(db)
	// Everything is checked before anything is written.
	rep, err := store.Check(ctx, period)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Client Level Data return of %s for %s: %s.\n", council.Name, period.Label(), rep.Size())
	for _, rj := range rep.Problems {
		fmt.Fprintf(c.stdout, "reject: %s %s of person %s: %s: %s = %q; fix it at %s\n", rj.EventType, rj.EventReference, rj.PersonID, rj.Rule, rj.Field, rj.Value, rj.Path)
	}
	if left := rep.Rejected - len(rep.Problems); left > 0 {
		fmt.Fprintf(c.stdout, "… and %d more rejections not listed.\n", left)
	}
	if !rep.OK() && !*allow {
		return fmt.Errorf("DHSC would reject %s in the return: nothing was written (fix the records listed, or give --allow-rejects)", rep.Rejections())
	}
	if err := writeAtomically(*out, func(w io.Writer) error {
		_, err := store.Write(ctx, period, w, *allow)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Wrote the return to %s.\n", *out)
	if !rep.OK() {
		fmt.Fprintf(c.stdout, "Written with --allow-rejects: DHSC would reject %s in it.\n", rep.Rejections())
	}
	return nil
}

// writeAtomically writes a file through a temporary file beside it, renamed into place only when the whole file
// is written, so that a failure part-way leaves no file, and no half of one, under the name asked for.
func writeAtomically(path string, write func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
