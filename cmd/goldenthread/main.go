// Command goldenthread runs Golden Thread and looks after its data: it serves the pages and the API, applies
// migrations, loads the demo council, adds councils and staff, issues API tokens and verifies the access log.
//
// Run `goldenthread help` for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError is a mistake in how a command was called: it is shown with the command's usage and exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// env reads the environment; tests pass their own.
type env func(string) string

// command is one sub-command.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, c *cli, args []string) error
}

// cli is what every command shares: where it writes, what it reads, and the environment.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         env
	log            *slog.Logger
}

var commands []command

func init() {
	commands = []command{
		{"serve", "run Golden Thread's pages and JSON API", cmdServe},
		{"migrate", "apply every pending database migration", cmdMigrate},
		{"demo", "load the fictional demo council (--people N --seed S)", cmdDemo},
		{"council", "council add --name NAME --code ONS_CODE", cmdCouncil},
		{"staff", "staff add --council CODE --email E --name N --role ROLE [--team T]", cmdStaff},
		{"network", "network add --code CODE --name NAME [--purpose P] [--require-two-factor] | network staff add --network CODE --email E --name N", cmdNetwork},
		{"token", "token create --email E: print a bearer token for the JSON API", cmdToken},
		{"accesslog", "accesslog verify --council CODE: check the access log's chain", cmdAccessLog},
		{"cld", "cld export --council CODE --quarter 2026-Q3 --out FILE [--allow-rejects]: the Client Level Data return, validated first", cmdCLD},
		{"directory", "directory import --council CODE [--dry-run] FILE_OR_DIR | directory export --council CODE --format json|csv --out DIR", cmdDirectory},
		{"postcodes", "postcodes import FILE: load the ONS Postcode Directory's CSV (pcds, lat, long) for distances", cmdPostcodes},
		{"version", "print the version", cmdVersion},
	}
}

func run(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, log: newLogger(stderr, getenv("GT_LOG_FORMAT"))}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, cmd := range commands {
		if cmd.name != args[0] {
			continue
		}
		err := cmd.run(ctx, c, args[1:])
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "goldenthread %s: %s\n", cmd.name, ue.msg)
			fmt.Fprintf(stderr, "usage: goldenthread %s\n", cmd.summary)
			return 2
		default:
			fmt.Fprintf(stderr, "goldenthread %s: %v\n", cmd.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "goldenthread: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Golden Thread: strengths-based case recording for adult social care.")
	fmt.Fprintln(w, "\nUsage: goldenthread COMMAND [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nConfiguration (flags override the environment):")
	fmt.Fprintln(w, "  GT_DATABASE_URL  a file path or sqlite: URL for SQLite (default data/goldenthread.db), or a postgres:// URL")
	fmt.Fprintln(w, "  GT_ADDR          where serve listens (default localhost:8080)")
	fmt.Fprintln(w, "  GT_LOG_FORMAT    text (default) or json")
}

func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}
