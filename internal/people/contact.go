// Telephone numbers and email addresses, checked the way the GOV.UK Design System's telephone number and email
// address patterns describe. The example numbers in the messages are Ofcom's drama numbers, which are never
// allocated.

package people

import (
	"errors"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The errors ValidPhone and ValidEmail return, worded for a GOV.UK error message.
var (
	ErrPhoneMissing = errors.New("Enter a telephone number")
	ErrPhoneFormat  = errors.New("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
	ErrEmailMissing = errors.New("Enter an email address")
	ErrEmailFormat  = errors.New("Enter an email address in the correct format, like name@example.com")
	ErrEmailLength  = errors.New("Email address must be 254 characters or less")
)

// NormalisePhone returns a UK telephone number as its digits alone in national form: spaces, hyphens, full stops and
// brackets are removed, and +44 or 0044 becomes 0 (with or without a "(0)" after it). So "+44 (0)1632 960 001" and
// "01632-960001" both become "01632960001". Input holding anything else, such as letters or a number from another
// country, is only trimmed, for ValidPhone to reject.
func NormalisePhone(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0:
			b.WriteRune(r)
		case unicode.IsSpace(r), r == '(', r == ')', r == '.', isHyphenLike(r):
		default:
			return s
		}
	}
	n := b.String()
	for _, prefix := range []string{"+44", "0044"} {
		if rest, ok := strings.CutPrefix(n, prefix); ok {
			if !strings.HasPrefix(rest, "0") {
				rest = "0" + rest
			}
			return rest
		}
	}
	if strings.HasPrefix(n, "+") {
		return s
	}
	return n
}

// ValidPhone reports whether s is a UK telephone number: once normalised, 10 or 11 digits starting with 0. Digits,
// spaces, hyphens, brackets and a leading +44 may be typed. An empty s gives ErrPhoneMissing; a form where the
// number is optional should check for that first.
func ValidPhone(s string) error {
	if strings.TrimSpace(s) == "" {
		return ErrPhoneMissing
	}
	n := NormalisePhone(s)
	if !allDigits(n) || !strings.HasPrefix(n, "0") || len(n) < 10 || len(n) > 11 {
		return ErrPhoneFormat
	}
	return nil
}

// NormaliseEmail trims an email address and puts its domain in lower case, which does not change where mail goes.
// The part before the @ is kept as typed.
func NormaliseEmail(s string) string {
	s = strings.TrimSpace(s)
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return s
	}
	return s[:at+1] + strings.ToLower(s[at+1:])
}

// ValidEmail reports whether s, trimmed, is a plain email address such as name@example.com: one that net/mail can
// parse, with nothing around it (no display name, angle brackets or comments), and a domain with a dot and no empty
// parts. It cannot tell whether the address receives mail. An empty s gives ErrEmailMissing; a form where the
// address is optional should check for that first.
func ValidEmail(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return ErrEmailMissing
	}
	if utf8.RuneCountInString(s) > 254 {
		return ErrEmailLength
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s {
		return ErrEmailFormat
	}
	at := strings.LastIndexByte(s, '@')
	local, domain := s[:at], s[at+1:]
	if local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(domain, "[]") {
		return ErrEmailFormat
	}
	for _, label := range strings.Split(domain, ".") {
		if label == "" || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return ErrEmailFormat
		}
	}
	return nil
}
