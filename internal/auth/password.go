package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// The argon2id parameters: OWASP's recommended minimum (m=19 MiB, t=2, p=1), about 60 ms a hash on a small
// server. A stored hash carries its own parameters, so they can be raised later without breaking old hashes.
const (
	argonMemory  = 19456 // KiB
	argonTime    = 2
	argonThreads = 1
	saltLen      = 16
	keyLen       = 32
)

// MinPasswordLength is the shortest password accepted for a new password (NCSC and NIST both favour length over
// composition rules).
const MinPasswordLength = 12

var b64 = base64.RawStdEncoding

// ErrMalformedHash is returned when a stored hash is not an argon2id PHC string this package can read.
var ErrMalformedHash = errors.New("password hash is not an argon2id PHC string")

// Hasher hashes and checks passwords with argon2id. Each hash takes about 19 MiB of memory, so a semaphore bounds
// how many run at once: a burst of sign-ins queues rather than exhausting memory.
type Hasher struct {
	sem chan struct{}
	// dummy is a hash of a random password, checked when an account is unknown so that the answer takes as long
	// as it would for a real account.
	dummy string
}

// NewHasher returns a Hasher that runs at most concurrent hashes at once (at least 1). Two suits a two-core
// machine.
func NewHasher(concurrent int) *Hasher {
	if concurrent < 1 {
		concurrent = 1
	}
	h := &Hasher{sem: make(chan struct{}, concurrent)}
	h.dummy = encodePHC(randomBytes(saltLen), argon2.IDKey(randomBytes(16), randomBytes(saltLen), argonTime, argonMemory, argonThreads, keyLen))
	return h
}

// acquire waits for a free hashing slot, or for ctx to end.
func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait to hash a password: %w", ctx.Err())
	}
}

func (h *Hasher) release() { <-h.sem }

// Hash returns the PHC string for password: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	salt := randomBytes(saltLen)
	return encodePHC(salt, argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, keyLen)), nil
}

// Verify reports whether password matches the stored PHC string. A malformed hash is an error, never a match.
func (h *Hasher) Verify(ctx context.Context, password, phc string) (bool, error) {
	p, err := decodePHC(phc)
	if err != nil {
		return false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	got := argon2.IDKey([]byte(password), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(got, p.key) == 1, nil
}

// VerifyDummy spends the time of one Verify against a hash that matches nothing. Sign-in calls it when the
// account is unknown, so the time taken does not tell anyone whether an email address has an account.
func (h *Hasher) VerifyDummy(ctx context.Context, password string) error {
	_, err := h.Verify(ctx, password, h.dummy)
	return err
}

type phcParams struct {
	memory  uint32
	time    uint32
	threads uint8
	salt    []byte
	key     []byte
}

func encodePHC(salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

func decodePHC(phc string) (phcParams, error) {
	var p phcParams
	parts := strings.Split(phc, "$")
	// "", "argon2id", "v=19", "m=…,t=…,p=…", salt, hash
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, ErrMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, ErrMalformedHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, ErrMalformedHash
	}
	// Refuse parameters that would let a tampered row exhaust memory or time.
	if p.memory < 1024 || p.memory > 1<<20 || p.time < 1 || p.time > 16 || p.threads < 1 || p.threads > 16 {
		return p, ErrMalformedHash
	}
	var err error
	if p.salt, err = b64.DecodeString(parts[4]); err != nil || len(p.salt) < 8 {
		return p, ErrMalformedHash
	}
	if p.key, err = b64.DecodeString(parts[5]); err != nil || len(p.key) < 16 || len(p.key) > 64 {
		return p, ErrMalformedHash
	}
	return p, nil
}

// CheckNewPassword says what is wrong with a password someone has chosen, or returns nil. It asks for length
// only (at least 12 characters) and refuses a password that is one character repeated.
func CheckNewPassword(password string) error {
	n := utf8.RuneCountInString(password)
	if n < MinPasswordLength {
		return fmt.Errorf("password must be %d characters or more", MinPasswordLength)
	}
	first, _ := utf8.DecodeRuneInString(password)
	if strings.Count(password, string(first)) == n {
		return errors.New("password must not be one character repeated")
	}
	return nil
}

// passwordAlphabet leaves out characters that are easily confused when read aloud or copied by hand: 0 O 1 l I.
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random one-time password of 4 groups of 4 readable characters, such as
// "k7Pq-x3Mz-Hr9t-a2Wn": 16 characters from 56, about 93 bits.
func GeneratePassword() string {
	var b strings.Builder
	for i := range 16 {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(passwordAlphabet[randomIndex(len(passwordAlphabet))])
	}
	return b.String()
}

// randomIndex returns a uniform random number in [0, n) by rejection sampling, so no character is more likely.
func randomIndex(n int) int {
	limit := 256 - 256%n
	var buf [1]byte
	for {
		if _, err := rand.Read(buf[:]); err != nil {
			panic(err) // crypto/rand.Read never fails on supported platforms
		}
		if int(buf[0]) < limit {
			return int(buf[0]) % n
		}
	}
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand.Read never fails on supported platforms
	}
	return b
}
