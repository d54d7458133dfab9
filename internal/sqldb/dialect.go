package sqldb

// Dialect holds the few places where the two engines' SQL differs. Everything else is one SQL text.
type Dialect interface {
	// ForUpdate is appended to a SELECT that must lock the rows it reads until the transaction ends. SQLite
	// needs nothing: its write transactions already hold the database.
	ForUpdate() string
	// Engine names the engine, for a store whose query must differ more than a clause (the directory's full-text
	// search: FTS5 on SQLite, tsvector on PostgreSQL).
	Engine() Engine
}

type sqliteDialect struct{}

func (sqliteDialect) ForUpdate() string { return "" }
func (sqliteDialect) Engine() Engine    { return SQLite }

type postgresDialect struct{}

func (postgresDialect) ForUpdate() string { return " FOR UPDATE" }
func (postgresDialect) Engine() Engine    { return Postgres }

func dialectFor(e Engine) Dialect {
	if e == Postgres {
		return postgresDialect{}
	}
	return sqliteDialect{}
}
