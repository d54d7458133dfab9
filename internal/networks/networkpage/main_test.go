package networkpage_test

import (
	"os"
	"testing"

	"github.com/golden-thread/goldenthread/internal/browsertest"
)

// TestMain gives the package's browser tests one Chromium to share, a tab and its own cookies each.
func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
