package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

const networkUsage = "the network commands are: network add --code CODE --name NAME [--purpose P] [--require-two-factor], and network staff add --network CODE --email E --name N [--password-stdin]"

// cmdNetwork adds a network of councils, or a member of its staff (a programme lead of the network, of no council).
func cmdNetwork(ctx context.Context, c *cli, args []string) error {
	switch {
	case len(args) > 0 && args[0] == "add":
		return networkAdd(ctx, c, args[1:])
	case len(args) > 1 && args[0] == "staff" && args[1] == "add":
		return networkStaffAdd(ctx, c, args[2:])
	}
	return usagef("%s", networkUsage)
}

func networkAdd(ctx context.Context, c *cli, args []string) error {
	fs := c.flags("network add")
	dbURL := c.databaseFlag(fs)
	code := fs.String("code", "", "the network's short code: capital letters, digits and hyphens, such as NORTH-SHIRES")
	name := fs.String("name", "", "the network's name, such as \"North Shires practice network\"")
	purpose := fs.String("purpose", "", "what the network is for, in a sentence")
	mfa := fs.Bool("require-two-factor", false, "require two-factor sign-in of all the network's staff")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		return usagef("--name is required")
	}
	if err := networks.ValidCode(networks.NormaliseCode(*code)); err != nil {
		return usagef("--code: %v", err)
	}
	db, err := c.open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := networks.NewStore(db).CreateNetwork(ctx, *code, *name, *purpose, *mfa)
	if errors.Is(err, sqldb.ErrConflict) {
		return fmt.Errorf("a network or council already has the code %s: choose another", networks.NormaliseCode(*code))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Added the network %s (%s).\nIts join code, for the councils you expect: %s\nAdd its staff with goldenthread network staff add --network %s.\n", n.Name, n.Code, n.JoinCode, n.Code)
	return nil
}

func networkStaffAdd(ctx context.Context, c *cli, args []string) error {
	fs := c.flags("network staff add")
	dbURL := c.databaseFlag(fs)
	code := fs.String("network", "", "the network's code")
	email := fs.String("email", "", "the member of staff's email address, used to sign in")
	name := fs.String("name", "", "their name")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input instead of printing a one-time password")
	if err := parse(fs, args); err != nil {
		return err
	}
	password, err := c.newAccount("network", *code, *email, *name, *fromStdin)
	if err != nil {
		return err
	}
	db, err := c.open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	hash, err := auth.NewHasher(1).Hash(ctx, password)
	if err != nil {
		return err
	}
	st, n, err := networks.NewStore(db).AddStaff(ctx, councils.NewStore(db), *code, councils.NewStaff{Email: *email, Name: *name, Role: councils.ProgrammeLead, PasswordHash: hash})
	if errors.Is(err, sqldb.ErrNotFound) {
		return fmt.Errorf("no network has the code %s: add it first with goldenthread network add", networks.NormaliseCode(*code))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Added %s <%s> to the network %s as its %s.\n", st.Name, st.Email, n.Name, strings.ToLower(councils.ProgrammeLead.Label()))
	c.printPassword(*fromStdin, password)
	return nil
}
