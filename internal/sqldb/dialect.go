package sqldb

// Dialect holds the few places where the two engines' SQL differs. Everything else is one SQL text.
type Dialect interface {
	// ForUpdate is appended to a SELECT that must lock the rows it reads until the transaction ends. SQLite
	// needs nothing: its write transactions already hold the database.
	ForUpdate() string
}

type sqliteDialect struct{}

func (sqliteDialect) ForUpdate() string { return "" }

type postgresDialect struct{}

func (postgresDialect) ForUpdate() string { return " FOR UPDATE" }

func dialectFor(e Engine) Dialect {
	if e == Postgres {
		return postgresDialect{}
	}
	return sqliteDialect{}
}
