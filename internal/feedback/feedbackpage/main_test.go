package feedbackpage_test

import (
	"os"
	"testing"

	"github.com/golden-thread/goldenthread/internal/browsertest"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
