package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// The plumbing every record's handlers share: versions as ETags, If-Match on every change, the answer to a change
// someone else made first, and the problems only the API can see (dates that are not dates).

// etag is the entity tag of a version of a record.
func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// ifMatch reads the version a change was made from: If-Match is required (428 without it) and must be one ETag
// this API sent (400 otherwise). what names the record for the client, such as "the episode".
func ifMatch(r *http.Request, what string) (int, error) {
	v := strings.TrimSpace(r.Header.Get("If-Match"))
	if v == "" || v == "*" {
		return 0, &Problem{
			Status: http.StatusPreconditionRequired,
			Detail: fmt.Sprintf(`Send If-Match with the ETag of the version you changed, such as If-Match: "3". Get %s to find it.`, what),
		}
	}
	m := strongETag.FindStringSubmatch(v)
	if m == nil {
		return 0, badRequest(`If-Match must be one ETag from this API, as it was sent, such as "3".`)
	}
	version, err := strconv.Atoi(m[1])
	if err != nil {
		return 0, badRequest(`If-Match must be one ETag from this API, as it was sent, such as "3".`)
	}
	return version, nil
}

// changedFirst is the answer to a change made from version sent of a record someone else has since changed to
// version now. Nothing was saved.
func changedFirst(what string, sent, now int) *Problem {
	return &Problem{
		Type: TypeChanged, Title: "Someone else changed this record", Status: http.StatusPreconditionFailed,
		Detail: fmt.Sprintf("Someone else changed this record after version %d, which you sent in If-Match. "+
			"Nothing was saved. Get %s again to see their changes, then send yours with If-Match: %s.", sent, what, etag(now)),
		ETag: etag(now),
	}
}

// sendRecord answers with a record and its ETag.
func sendRecord(w http.ResponseWriter, status, version int, v any) {
	w.Header().Set("ETag", etag(version))
	writeJSON(w, status, "application/json", v)
}

// sendCreated answers with a record just created: 201, its address in Location and its ETag.
func sendCreated(w http.ResponseWriter, location string, version int, v any) {
	w.Header().Set("Location", location)
	sendRecord(w, http.StatusCreated, version, v)
}

// List is the answer to a request for a list of records.
type List[T any] struct {
	Items []T `json:"items"`
}

// sendList answers with a list, empty rather than null when there is nothing in it.
func sendList[T any](w http.ResponseWriter, items []T) {
	if items == nil {
		items = []T{}
	}
	writeJSON(w, http.StatusOK, "application/json", List[T]{Items: items})
}

// listOf turns each of a store's records into what the API sends.
func listOf[S, T any](in []S, conv func(S) T) []T {
	out := make([]T, len(in))
	for i, s := range in {
		out[i] = conv(s)
	}
	return out
}

// change is the shape of every change to a versioned record: the version from If-Match, then the body decoded
// into T, then save. When save finds the record changed since that version (sqldb.ErrConflict), read tells the
// client which version it is at now; otherwise read sends the record back as saved. Reading is a view of the
// person's record, which the store logs.
func change[T any](w http.ResponseWriter, r *http.Request, what string, save func(in T, version int) error, read func() (version int, body any, err error)) error {
	return act(w, r, what, func(version int) error {
		var in T
		if err := decode(w, r, &in); err != nil {
			return err
		}
		return save(in, version)
	}, read)
}

// act is change for a change that needs no body, such as closing a round: the version from If-Match, then do.
func act(w http.ResponseWriter, r *http.Request, what string, do func(version int) error, read func() (version int, body any, err error)) error {
	if err := atVersion(r, what, do, read); err != nil {
		return err
	}
	return sendRead(w, read)
}

// remove is the shape of every DELETE: the version from If-Match, then do, answered 204 No Content. A record
// changed since is refused as a stale change is, with its version now.
func remove(w http.ResponseWriter, r *http.Request, what string, do func(version int) error, read func() (version int, body any, err error)) error {
	if err := atVersion(r, what, do, read); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// atVersion does do at the version If-Match names; when the record has changed since, it is the problem
// changedFirst makes, with the version read now.
func atVersion(r *http.Request, what string, do func(version int) error, read func() (version int, body any, err error)) error {
	version, err := ifMatch(r, what)
	if err != nil {
		return err
	}
	if err := do(version); errors.Is(err, sqldb.ErrConflict) {
		now, _, readErr := read()
		if readErr != nil {
			return readErr
		}
		return changedFirst(what, version, now)
	} else if err != nil {
		return err
	}
	return nil
}

// sendRead answers with a record as read finds it now, and its ETag: a GET of one record, and the answer to a
// change once it is saved.
func sendRead(w http.ResponseWriter, read func() (version int, body any, err error)) error {
	version, body, err := read()
	if err != nil {
		return err
	}
	sendRecord(w, http.StatusOK, version, body)
	return nil
}

// create is the shape of every POST that adds a record: the body decoded into T, then add, which returns the new
// record's address, version and body.
func create[T any](w http.ResponseWriter, r *http.Request, add func(in T) (location string, version int, body any, err error)) error {
	var in T
	if err := decode(w, r, &in); err != nil {
		return err
	}
	location, version, body, err := add(in)
	if err != nil {
		return err
	}
	sendCreated(w, location, version, body)
	return nil
}

// fields collects the problems only the API can see while a request is turned into a record.
type fields struct{ problems validation.Problems }

// date reads a YYYY-MM-DD date; null or an empty string is no date.
func (f *fields) date(field, label string, s *string) sqldb.Date {
	if s == nil || strings.TrimSpace(*s) == "" {
		return sqldb.Date{}
	}
	d, err := sqldb.ParseDate(strings.TrimSpace(*s))
	if err != nil {
		f.add(field, label+" must be a real date, written as YYYY-MM-DD, such as 2025-03-01")
	}
	return d
}

func (f *fields) add(field, message string) {
	f.problems = append(f.problems, validation.Problem{Field: field, Message: message})
}

// check reports the API's problems, if there are any, with the record's own rules for the fields they left alone,
// so that every problem is reported at once. With none it is nil, and the store applies the rules.
func (f *fields) check(rules validation.Problems) error {
	if len(f.problems) == 0 {
		return nil
	}
	ps := f.problems
	for _, rule := range rules {
		if !hasField(ps, rule.Field) {
			ps = append(ps, rule)
		}
	}
	return ps
}

// renamed gives the fields of a record's problems in err the names the API's JSON gives them.
func renamed(err error, name func(string) string) error {
	ps, ok := validation.AsProblems(err)
	if !ok {
		return err
	}
	out := make(validation.Problems, len(ps))
	for i, p := range ps {
		p.Field = name(p.Field)
		out[i] = p
	}
	return out
}

func hasField(ps validation.Problems, field string) bool {
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}
