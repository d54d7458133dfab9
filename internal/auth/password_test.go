package auth

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestHashParameters(t *testing.T) {
	t.Parallel()
	h := NewHasher(1)
	phc, err := h.Hash(context.Background(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not use argon2id v19 with m=19456, t=2, p=1", phc)
	}
	p, err := decodePHC(phc)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.salt) != 16 || len(p.key) != 32 {
		t.Errorf("salt %d bytes and key %d bytes, want 16 and 32", len(p.salt), len(p.key))
	}
	if strings.Count(phc, "=") != 4 { // v=, m=, t=, p= and no base64 padding
		t.Errorf("hash %q has base64 padding", phc)
	}
	other, err := h.Hash(context.Background(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if other == phc {
		t.Error("two hashes of one password are the same: the salt is not random")
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	h := NewHasher(2)
	ctx := context.Background()
	phc, err := h.Hash(ctx, "Tr0ub4dor&3-long")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		password string
		phc      string
		want     bool
		wantErr  error
	}{
		{"right password", "Tr0ub4dor&3-long", phc, true, nil},
		{"wrong password", "Tr0ub4dor&3-lonG", phc, false, nil},
		{"empty password", "", phc, false, nil},
		{"empty hash", "Tr0ub4dor&3-long", "", false, ErrMalformedHash},
		{"bcrypt hash", "Tr0ub4dor&3-long", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", false, ErrMalformedHash},
		{"argon2i", "x", strings.Replace(phc, "argon2id", "argon2i", 1), false, ErrMalformedHash},
		{"huge memory", "x", strings.Replace(phc, "m=19456", "m=99999999", 1), false, ErrMalformedHash},
		{"bad salt", "x", "$argon2id$v=19$m=19456,t=2,p=1$!!!$" + strings.Split(phc, "$")[5], false, ErrMalformedHash},
		{"other version", "x", strings.Replace(phc, "v=19", "v=16", 1), false, ErrMalformedHash},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := h.Verify(ctx, tt.password, tt.phc)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Verify = %v, want %v", got, tt.want)
			}
		})
	}
	if err := h.VerifyDummy(ctx, "anything"); err != nil {
		t.Errorf("VerifyDummy: %v", err)
	}
}

func TestHasherWaitsForASlot(t *testing.T) {
	t.Parallel()
	h := NewHasher(1)
	h.sem <- struct{}{} // the only slot is taken
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := h.Hash(ctx, "long enough password"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Hash with no free slot = %v, want the context's deadline", err)
	}
	<-h.sem
	if _, err := h.Hash(context.Background(), "long enough password"); err != nil {
		t.Errorf("Hash with a free slot: %v", err)
	}
}

func TestCheckNewPassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		password string
		ok       bool
	}{
		{"empty", "", false},
		{"eleven characters", "abcdefghijk", false},
		{"twelve characters", "abcdefghijkl", true},
		{"one character repeated", "aaaaaaaaaaaaaaaa", false},
		{"twelve multibyte characters", "ééééééééééén", true},
		{"eleven multibyte characters", "éééééééééén", false},
		{"passphrase", "correct horse battery staple", true},
		{"generated", GeneratePassword(), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckNewPassword(tt.password); (err == nil) != tt.ok {
				t.Errorf("CheckNewPassword(%q) = %v, want ok %v", tt.password, err, tt.ok)
			}
		})
	}
}

func TestGeneratePassword(t *testing.T) {
	t.Parallel()
	format := regexp.MustCompile(`^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$`)
	seen := map[string]bool{}
	for range 200 {
		p := GeneratePassword()
		if !format.MatchString(p) {
			t.Fatalf("GeneratePassword() = %q, want 4 groups of 4 readable characters", p)
		}
		if seen[p] {
			t.Fatalf("GeneratePassword() repeated %q", p)
		}
		seen[p] = true
	}
}
