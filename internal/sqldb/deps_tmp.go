package sqldb

import (
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/pressly/goose/v3"
	_ "modernc.org/sqlite"
	_ "github.com/alexedwards/scs/v2"
	_ "github.com/alexedwards/scs/pgxstore"
	_ "github.com/alexedwards/scs/sqlite3store"
	_ "golang.org/x/crypto/argon2"
	_ "github.com/pquerna/otp/totp"
	_ "golang.org/x/time/rate"
	_ "github.com/chromedp/chromedp"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/tsenart/vegeta/v12/lib"
	_ "github.com/google/uuid"
)
