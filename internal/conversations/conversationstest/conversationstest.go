// Package conversationstest records contacts and opens episodes of work for tests in other packages.
package conversationstest

import (
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
		PersonID: personID, ContactedOn: sqldb.NewDate(conversations.NewStore(db).Today()),
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
