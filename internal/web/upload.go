package web

import (
	"context"
	"io"
	"net/http"
)

type rawBodyKey struct{}

// withRawBody keeps the request's body as it came, before LimitBody caps it, so that AllowBody can lift the cap for
// one route.
func withRawBody(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), rawBodyKey{}, r.Body))
}

// AllowBody lifts the request's body limit from MaxBodyBytes to n bytes, for the few forms that upload a file
// larger than any form needs (a course's slides). Call it before anything reads the body. Reading past n fails with
// *http.MaxBytesError, as reading past the usual limit does.
func AllowBody(w http.ResponseWriter, r *http.Request, n int64) {
	if raw, ok := r.Context().Value(rawBodyKey{}).(io.ReadCloser); ok {
		r.Body = http.MaxBytesReader(w, raw, n)
	}
}
