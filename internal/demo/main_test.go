package demo

import (
	"os"
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestMain lets the tests that only read a loaded history share one on each engine (dbtest.Shared).
func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }
