package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

const testSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

func codeAt(t testing.TB, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(secret, at, totpOpts)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestMatchStep(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 9, 0, 10, 0, time.UTC)
	step := now.Unix() / 30
	tests := []struct {
		name     string
		code     string
		wantStep int64
		ok       bool
	}{
		{"this step", codeAt(t, testSecret, now), step, true},
		{"with a space", codeAt(t, testSecret, now)[:3] + " " + codeAt(t, testSecret, now)[3:], step, true},
		{"one step early", codeAt(t, testSecret, now.Add(-30*time.Second)), step - 1, true},
		{"one step late", codeAt(t, testSecret, now.Add(30*time.Second)), step + 1, true},
		{"two steps early", codeAt(t, testSecret, now.Add(-60*time.Second)), 0, false},
		{"two steps late", codeAt(t, testSecret, now.Add(60*time.Second)), 0, false},
		{"too short", "12345", 0, false},
		{"letters", "12a456", 0, false},
		{"empty", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := matchStep(testSecret, tt.code, now)
			if ok != tt.ok || got != tt.wantStep {
				t.Errorf("matchStep(%q) = %d, %v; want %d, %v", tt.code, got, ok, tt.wantStep, tt.ok)
			}
		})
	}
	if _, ok := matchStep("", "123456", now); ok {
		t.Error("a code matched an empty secret")
	}
}

func TestTOTPSetup(t *testing.T) {
	t.Parallel()
	s := totpSetup(councils.Staff{Email: "ann@example.org"}, testSecret)
	if got, want := s.SecretGroups(), "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP"; got != want {
		t.Errorf("SecretGroups = %q, want %q", got, want)
	}
	if !strings.HasPrefix(s.URL, "otpauth://totp/Golden%20Thread:ann@example.org?") || !strings.Contains(s.URL, "secret="+testSecret) {
		t.Errorf("URL = %q", s.URL)
	}
	img, err := s.QRDataURL()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(img, "data:image/png;base64,iVBORw0KGgo") {
		t.Errorf("QR code is not a PNG data: URL: %.40s…", img)
	}
}

// TestCheckTOTPReplay: a code is accepted once only, and an earlier step is never accepted after a later one.
func TestCheckTOTPReplay(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		clock := newFakeClock()
		env := newEnv(t, db, clock)
		a := env.auth
		st := env.staff(t, "practitioner@example.org", councils.Practitioner, "")
		ctx := context.Background()

		if err := a.ConfirmTOTP(ctx, st, testSecret, "000000"); !errors.Is(err, ErrBadCode) {
			t.Fatalf("ConfirmTOTP with a wrong code = %v, want ErrBadCode", err)
		}
		setupCode := codeAt(t, testSecret, clock.Now())
		if err := a.ConfirmTOTP(ctx, st, testSecret, setupCode); err != nil {
			t.Fatalf("ConfirmTOTP: %v", err)
		}
		st = env.reload(t, st)
		if st.TOTPSecret != testSecret {
			t.Fatalf("secret not stored")
		}
		if err := a.CheckTOTP(ctx, st, setupCode); !errors.Is(err, ErrBadCode) {
			t.Errorf("the code that confirmed set-up signed in: %v", err)
		}

		clock.Advance(30 * time.Second)
		code := codeAt(t, testSecret, clock.Now())
		steps := []struct {
			name string
			code string
			want error
		}{
			{"fresh code", code, nil},
			{"same code again", code, ErrBadCode},
			{"earlier step's code", codeAt(t, testSecret, clock.Now().Add(-30*time.Second)), ErrBadCode},
			{"next step's code", codeAt(t, testSecret, clock.Now().Add(30*time.Second)), nil},
			{"this step's code after the next one's", code, ErrBadCode},
		}
		for _, s := range steps {
			// The member of staff as loaded for this request may be stale; the store still refuses a replay.
			err := a.CheckTOTP(ctx, st, s.code)
			if !errors.Is(err, s.want) {
				t.Errorf("%s: CheckTOTP = %v, want %v", s.name, err, s.want)
			}
		}
	})
}

func TestCheckTOTPThrottled(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		clock := newFakeClock()
		env := newEnv(t, db, clock)
		st := env.staff(t, "manager@example.org", councils.TeamManager, "")
		ctx := context.Background()
		if err := env.auth.ConfirmTOTP(ctx, st, testSecret, codeAt(t, testSecret, clock.Now())); err != nil {
			t.Fatal(err)
		}
		st = env.reload(t, st)
		for i := range DefaultThrottleLimits.AccountBurst {
			if err := env.auth.CheckTOTP(ctx, st, "000000"); !errors.Is(err, ErrBadCode) {
				t.Fatalf("wrong code %d: %v", i+1, err)
			}
		}
		clock.Advance(30 * time.Second)
		if err := env.auth.CheckTOTP(ctx, st, codeAt(t, testSecret, clock.Now())); err != nil {
			t.Fatalf("right code after one interval: %v", err)
		}
		for range DefaultThrottleLimits.AccountBurst {
			_ = env.auth.CheckTOTP(ctx, st, "000000")
		}
		if err := env.auth.CheckTOTP(ctx, st, "000000"); !errors.Is(err, ErrThrottled) {
			t.Errorf("after many wrong codes: %v, want ErrThrottled", err)
		}
	})
}
