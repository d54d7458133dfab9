package auth

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"time"
	"unicode"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// TOTPIssuer is the name authenticator apps show beside the code.
const TOTPIssuer = "Golden Thread"

// totpPeriod is the length of one time step; codes from one step either side are accepted, so a phone's clock
// may be about 30 seconds out.
const totpPeriod = 30

// ErrBadCode: the two-factor code was not correct, was for another time, or had been used already.
var ErrBadCode = errors.New("two-factor code not correct")

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// TOTPSetup is a new two-factor secret being set up in an authenticator app.
type TOTPSetup struct {
	Secret string // base32
	URL    string // otpauth:// URL, which the QR code holds
}

// SecretGroups is the secret in groups of four characters, for typing into an app by hand.
func (s TOTPSetup) SecretGroups() string {
	var b strings.Builder
	for i, c := range s.Secret {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// QRDataURL is the otpauth:// URL as a QR code, a PNG image in a data: URL (the content security policy allows
// images from data: URLs).
func (s TOTPSetup) QRDataURL() (string, error) {
	key, err := otp.NewKeyFromURL(s.URL)
	if err != nil {
		return "", err
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return "", fmt.Errorf("draw QR code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", fmt.Errorf("encode QR code: %w", err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

// BeginTOTP starts setting up an authenticator app for staff. The new secret is kept in the session until a code
// confirms it, so the page shows the same secret until then.
func (a *Auth) BeginTOTP(ctx context.Context, staff councils.Staff) (TOTPSetup, error) {
	if secret := a.sessions.pendingTOTP(ctx); secret != "" {
		return totpSetup(staff, secret), nil
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: staff.Email, Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return TOTPSetup{}, fmt.Errorf("make two-factor secret: %w", err)
	}
	a.sessions.putPendingTOTP(ctx, key.Secret())
	return TOTPSetup{Secret: key.Secret(), URL: key.URL()}, nil
}

func totpSetup(staff councils.Staff, secret string) TOTPSetup {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: staff.Email, Period: totpPeriod,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1, Secret: decodeSecret(secret)})
	if err != nil {
		return TOTPSetup{Secret: secret}
	}
	return TOTPSetup{Secret: secret, URL: key.URL()}
}

var base32NoPad = base32.StdEncoding.WithPadding(base32.NoPadding)

func decodeSecret(secret string) []byte {
	b, err := base32NoPad.DecodeString(strings.ToUpper(secret))
	if err != nil {
		return nil
	}
	return b
}

// ConfirmTOTP checks a code from the authenticator app against the new secret and, when it is right, stores the
// secret for staff, with the code's time step as used so that the same code cannot then sign anyone in.
func (a *Auth) ConfirmTOTP(ctx context.Context, staff councils.Staff, secret, code string) error {
	key := totpThrottleKey(staff)
	if !a.throttle.allowedKey(key) {
		return ErrThrottled
	}
	step, ok := matchStep(secret, code, a.clock())
	if !ok {
		a.throttle.failedKey(key)
		return ErrBadCode
	}
	if err := a.store.SetTOTP(sqldb.WithCouncil(ctx, staff.CouncilID), staff.ID, secret, step); err != nil {
		return fmt.Errorf("store two-factor secret: %w", err)
	}
	return nil
}

// CheckTOTP checks a two-factor code at sign-in. Each code is accepted once only: the store records its time step
// and refuses that step or an earlier one, even for two requests at once. Repeated wrong codes are throttled.
func (a *Auth) CheckTOTP(ctx context.Context, staff councils.Staff, code string) error {
	key := totpThrottleKey(staff)
	if !a.throttle.allowedKey(key) {
		return ErrThrottled
	}
	step, ok := matchStep(staff.TOTPSecret, code, a.clock())
	if !ok || step <= staff.TOTPLastStep {
		a.throttle.failedKey(key)
		return ErrBadCode
	}
	err := a.store.AcceptTOTPStep(sqldb.WithCouncil(ctx, staff.CouncilID), staff.ID, step)
	if errors.Is(err, sqldb.ErrConflict) {
		a.throttle.failedKey(key)
		return ErrBadCode
	}
	if err != nil {
		return fmt.Errorf("check two-factor code: %w", err)
	}
	return nil
}

func totpThrottleKey(staff councils.Staff) string {
	return "\x00totp:" + staff.CouncilID + ":" + staff.ID
}

// NormaliseCode removes the spaces (of any kind, no-break ones too) and dashes people type inside or around a code.
// It goes rune by rune and removes every space, not only those at the ends, so that normalising twice changes nothing
// (the fuzzer found "0\t-", whose tab was left at the end once the dash had gone).
func NormaliseCode(code string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' {
			return -1
		}
		return r
	}, code)
}

// ValidCodeFormat reports whether code (normalised) is 6 digits.
func ValidCodeFormat(code string) bool {
	code = NormaliseCode(code)
	if len(code) != 6 {
		return false
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// matchStep finds the time step, within one step of now, whose code for secret is code.
func matchStep(secret, code string, now time.Time) (int64, bool) {
	code = NormaliseCode(code)
	if secret == "" || !ValidCodeFormat(code) {
		return 0, false
	}
	found, step := false, int64(0)
	for skew := int64(-1); skew <= 1; skew++ {
		t := now.Add(time.Duration(skew*totpPeriod) * time.Second)
		want, err := totp.GenerateCodeCustom(secret, t, totpOpts)
		if err != nil {
			return 0, false
		}
		// Compare every candidate, in constant time, so the time taken says nothing about which matched.
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			found, step = true, t.Unix()/totpPeriod
		}
	}
	return step, found
}
