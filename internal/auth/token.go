package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// TokenLifetime is how long an API bearer token works.
const TokenLifetime = 90 * 24 * time.Hour

// tokenLen is the length of a token: 32 random bytes in unpadded base64url.
var tokenLen = base64.RawURLEncoding.EncodedLen(32)

// CreateToken makes a bearer token for the JSON API that acts as staff until it expires, 90 days on. Only the
// token's SHA-256 hash is stored, so the token itself is shown once and a copy of the database cannot be used to
// call the API.
func CreateToken(ctx context.Context, db *sqldb.DB, staff councils.Staff) (string, time.Time, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", time.Time{}, err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	var expires time.Time
	err := db.InTx(sqldb.WithCouncil(ctx, staff.CouncilID), func(tx *sqldb.Tx) error {
		expires = tx.Now().Add(TokenLifetime)
		_, err := tx.ExecContext(ctx, `INSERT INTO api_token (token_hash, council_id, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
			hashToken(token), staff.CouncilID, staff.ID, tx.Now(), expires)
		return sqldb.Normalise(err)
	})
	if err != nil {
		return "", time.Time{}, fmt.Errorf("create API token: %w", err)
	}
	return token, expires, nil
}

// CreateToken makes a bearer token for the JSON API that acts as staff for 90 days.
func (a *Auth) CreateToken(ctx context.Context, staff councils.Staff) (string, error) {
	token, _, err := CreateToken(ctx, a.db, staff)
	return token, err
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// errBadToken covers every reason a token is refused; the answer does not say which.
var errBadToken = errors.New("bearer token not valid")

// StaffForToken finds the member of staff a bearer token acts as. An unknown or expired token, or one for a
// disabled account, is refused.
func (a *Auth) StaffForToken(ctx context.Context, token string) (councils.Staff, error) {
	if len(token) != tokenLen {
		return councils.Staff{}, errBadToken
	}
	var council, staffID string
	var expires time.Time
	// api_token is found before the council is known, like staff_login; it is not a tenant table.
	err := a.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.Normalise(tx.QueryRowContext(ctx, `SELECT council_id, staff_id, expires_at FROM api_token WHERE token_hash = $1`, hashToken(token)).
			Scan(&council, &staffID, &expires))
	})
	if errors.Is(err, sqldb.ErrNotFound) {
		return councils.Staff{}, errBadToken
	}
	if err != nil {
		return councils.Staff{}, fmt.Errorf("find API token: %w", err)
	}
	if !a.clock().Before(expires) {
		return councils.Staff{}, errBadToken
	}
	st, err := a.store.StaffByID(sqldb.WithCouncil(ctx, council), staffID)
	if errors.Is(err, sqldb.ErrNotFound) || err == nil && st.Disabled() {
		return councils.Staff{}, errBadToken
	}
	if err != nil {
		return councils.Staff{}, err
	}
	return st, nil
}

// Bearer guards the JSON API: it reads "Authorization: Bearer <token>", and puts the member of staff the token
// acts as in the context (councils.WithStaff). A missing or invalid token gets a 401 problem document.
func (a *Auth) Bearer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			unauthorised(w, "")
			return
		}
		st, err := a.StaffForToken(r.Context(), strings.TrimSpace(token))
		if errors.Is(err, errBadToken) {
			unauthorised(w, `, error="invalid_token"`)
			return
		}
		if errors.Is(err, sqldb.ErrUnavailable) {
			// The database logs once that it cannot be reached; each request need not.
			w.Header().Set("Retry-After", strconv.Itoa(int(sqldb.ErrUnavailable.RetryAfter().Seconds())))
			writeProblem(w, http.StatusServiceUnavailable, "Service Unavailable", "Golden Thread cannot reach its database at the moment. Try again shortly.")
			return
		}
		if err != nil {
			a.log.ErrorContext(r.Context(), "bearer token", "route", r.Pattern, "err", err)
			writeProblem(w, http.StatusInternalServerError, "Internal Server Error", "Sorry, there is a problem with the service. Try again later.")
			return
		}
		next.ServeHTTP(w, r.WithContext(councils.WithStaff(r.Context(), st)))
	})
}

// problem is an RFC 9457 problem document.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

func unauthorised(w http.ResponseWriter, params string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="Golden Thread API"`+params)
	writeProblem(w, http.StatusUnauthorized, "Unauthorised",
		"Send a valid bearer token in the Authorization header, as: Authorization: Bearer <token>. An administrator can create one with: goldenthread token create --email <your email>.")
}

func writeProblem(w http.ResponseWriter, status int, title, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(problem{Type: "about:blank", Title: title, Status: status, Detail: detail})
}
