// Package conversationstest records contacts and opens episodes of work for tests in other packages.
package conversationstest

import (
	"context"

	"testing"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Contact returns a valid synthetic contact about the person, made today by the database's clock, changed by the
// options given.
func Contact(db *sqldb.DB, personID string, opts ...func(*conversations.Contact)) conversations.Contact {
	c := conversations.Contact{
		PersonID: personID, ContactedOn: db.Today(),
		RouteOfAccess: codelists.RouteOfAccessDefault, Channel: "Phone", ContactBy: conversations.ByFamily, ContactName: "Cara Testperson",
		Reason: "Struggling with the stairs since a fall", WhatMatters: "Staying at home with the cat",
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// MustOpenEpisode records a contact about the person as staff and opens an episode of work, failing the test on
// error. Its access-log entry (a create) and chronology events are written as the page would write them.
func MustOpenEpisode(tb testing.TB, db *sqldb.DB, staff councils.Staff, personID string) conversations.Episode {
	tb.Helper()
	_, ep, err := conversations.NewStore(db).RecordContact(peopletest.As(staff), Contact(db, personID), nil)
	if err != nil {
		tb.Fatalf("open an episode: %v", err)
	}
	return ep
}

// InsertEpisode adds an open episode of work for a person straight into the table, writing no access-log entry and
// no chronology event, for the store tests that count exactly the entries their own store writes.
func InsertEpisode(tb testing.TB, db *sqldb.DB, councilID, personID string) string {
	tb.Helper()
	id := sqldb.NewID()
	err := db.InTx(sqldb.WithCouncil(context.Background(), councilID), func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(context.Background(), `INSERT INTO episode (council_id, id, person_id, opened_on, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5)`, councilID, id, personID, sqldb.NewDate(tx.Now()), tx.Now())
		return err
	})
	if err != nil {
		tb.Fatalf("open episode: %v", err)
	}
	return id
}
