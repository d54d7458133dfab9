package apptest

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/councils"
)

// Token is a new API bearer token for staff, as `goldenthread token create` makes one.
func (s *Site) Token(tb testing.TB, staff councils.Staff) string {
	tb.Helper()
	token, _, err := auth.CreateToken(context.Background(), s.App.DB, staff)
	if err != nil {
		tb.Fatal(err)
	}
	return token
}

// Tokens gives each member of staff one API bearer token, made the first time it is asked for them, for an API
// scenario table that acts as several people.
func (s *Site) Tokens(tb testing.TB) func(councils.Staff) string {
	tokens := map[string]string{}
	return func(staff councils.Staff) string {
		tb.Helper()
		if token, ok := tokens[staff.ID]; ok {
			return token
		}
		tokens[staff.ID] = s.Token(tb, staff)
		return tokens[staff.ID]
	}
}

// API sends one request to the JSON API with a bearer token, as a council's own system would: body, when there is
// one, as JSON, and any further headers as name, value pairs. It returns the answer and its body.
func (s *Site) API(tb testing.TB, token, method, path, body string, header ...string) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest(method, s.Server.URL+path, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	return res, readBody(tb, res)
}
