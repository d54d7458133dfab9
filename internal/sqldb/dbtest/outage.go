package dbtest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// TerminateBackends ends every PostgreSQL connection of db's test database from an administrator's connection, as an
// administrator's pg_terminate_backend or a failover would, and reports how many it ended. Only this test's
// connections are ended: each test database names its connections after itself (application_name), and other
// tests share the server and the role.
func TerminateBackends(t testing.TB, db *sqldb.DB) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// The name is asked of db's own pool, whose idle connections this may have ended the last time it was called:
	// a connection found ended answers once with the server's FATAL and is then dropped, so ask again.
	var name string
	var err error
	for range 3 {
		if err = db.SQL().QueryRowContext(ctx, `SELECT current_setting('application_name')`).Scan(&name); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("name the test's connections: %v", err)
	}
	if name == "" {
		t.Fatal("the test database's connections have no application_name to find them by")
	}
	admin, err := pgx.Connect(ctx, PostgresURL())
	if err != nil {
		t.Fatalf("connect as the administrator: %v", err)
	}
	defer admin.Close(ctx)
	var n int
	if err := admin.QueryRow(ctx, `SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE application_name = $1 AND pid <> pg_backend_pid()) AS ended`, name).Scan(&n); err != nil {
		t.Fatalf("terminate the test's connections: %v", err)
	}
	return n
}

// OpenBehindRelay returns a fresh, migrated PostgreSQL database whose connections pass through a relay the test
// controls, and the relay: cutting it is the database going away (a restart, a network fault), restoring it the
// database coming back.
func OpenBehindRelay(t testing.TB, opts ...Options) (*sqldb.DB, *Relay) {
	t.Helper()
	rawURL := postgresDatabase(t)
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	target := u.Host
	if u.Port() == "" {
		target = net.JoinHostPort(u.Hostname(), "5432")
	}
	r := newRelay(t, target)
	u.Host = r.addr
	return openURL(t, sqldb.Postgres, u.String(), opts), r
}

// Relay passes TCP connections to PostgreSQL through, until it is cut.
type Relay struct {
	t      testing.TB
	target string
	addr   string

	mu    sync.Mutex
	ln    net.Listener // nil while cut
	conns map[net.Conn]bool
	wg    sync.WaitGroup
}

func newRelay(t testing.TB, target string) *Relay {
	t.Helper()
	r := &Relay{t: t, target: target, conns: map[net.Conn]bool{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("start the relay to PostgreSQL: %v", err)
	}
	r.addr = ln.Addr().String()
	r.serve(ln)
	t.Cleanup(func() {
		r.Cut()
		r.wg.Wait()
	})
	return r
}

// Cut closes every connection through the relay and stops listening, so new connections are refused, as when
// PostgreSQL stops or the network between goes down.
func (r *Relay) Cut() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ln != nil {
		r.ln.Close()
		r.ln = nil
	}
	for c := range r.conns {
		c.Close()
	}
	clear(r.conns)
}

// Restore listens again on the same address, as when PostgreSQL is back.
func (r *Relay) Restore() {
	r.t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ln != nil {
		return
	}
	ln, err := net.Listen("tcp", r.addr)
	if err != nil {
		r.t.Fatalf("restore the relay on %s: %v", r.addr, err)
	}
	r.serve(ln)
}

// serve accepts connections on ln until it is closed. The caller holds mu, or is starting the relay.
func (r *Relay) serve(ln net.Listener) {
	r.ln = ln
	r.wg.Go(func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return // the listener was closed: the relay is cut
			}
			r.wg.Go(func() { r.pass(client) })
		}
	})
}

// pass joins one client to PostgreSQL until either side, or Cut, closes the connection.
func (r *Relay) pass(client net.Conn) {
	server, err := net.DialTimeout("tcp", r.target, 5*time.Second)
	if err != nil {
		client.Close()
		return
	}
	r.mu.Lock()
	if r.ln == nil { // cut while dialling
		r.mu.Unlock()
		client.Close()
		server.Close()
		return
	}
	r.conns[client], r.conns[server] = true, true
	r.mu.Unlock()
	done := make(chan struct{}, 2)
	copyAndClose := func(dst, src net.Conn) {
		_, _ = io.Copy(dst, src) // ends when either side closes, or Cut closes both
		dst.Close()
		src.Close()
		done <- struct{}{}
	}
	go copyAndClose(server, client)
	go copyAndClose(client, server)
	<-done
	<-done
	r.mu.Lock()
	delete(r.conns, client)
	delete(r.conns, server)
	r.mu.Unlock()
}

// Logs keeps the records logged through its Logger, for tests of what the log says (and how often).
type Logs struct {
	mu      sync.Mutex
	records []slog.Record
}

// Logger logs to l, at every level.
func (l *Logs) Logger() *slog.Logger { return slog.New(l) }

// Count is how many records have the message msg.
func (l *Logs) Count(msg string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, r := range l.records {
		if r.Message == msg {
			n++
		}
	}
	return n
}

// String lists the records, one a line, for a failing test's message.
func (l *Logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	for _, r := range l.records {
		fmt.Fprintf(&b, "%s %s", r.Level, r.Message)
		r.Attrs(func(a slog.Attr) bool {
			fmt.Fprintf(&b, " %s", a)
			return true
		})
		b.WriteByte('\n')
	}
	return b.String()
}

// Enabled, Handle, WithAttrs and WithGroup make Logs a slog.Handler. Attributes added by WithAttrs are not kept.
func (l *Logs) Enabled(context.Context, slog.Level) bool { return true }

func (l *Logs) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.records = append(l.records, r.Clone())
	return nil
}

func (l *Logs) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *Logs) WithGroup(string) slog.Handler      { return l }
