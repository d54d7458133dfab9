// Dates of birth and ages. Dates are compared as calendar dates in each time's own location, so a caller passes
// today's date in the UK and the time of day never matters.

package people

import (
	"errors"
	"fmt"
	"time"
)

// MaxAge is the greatest age, in years, a date of birth may give.
const MaxAge = 130

// The errors ValidDateOfBirth returns for a missing or future date, worded for a GOV.UK error message. A date too
// far in the past gives a message that names the earliest year allowed.
var (
	ErrDateOfBirthMissing = errors.New("Enter the person's date of birth")
	ErrDateOfBirthFuture  = errors.New("Date of birth must be in the past")
)

// ValidDateOfBirth checks a date of birth against today's date. It must be in the past (today is refused too, as it
// is more often a form's default than a birthday), and after 1 January of the year MaxAge years before today's,
// which gives the message "Date of birth must be after 1 January 1896" when today is in 2026. That limit always
// accepts anyone up to MaxAge years old. A zero dob gives ErrDateOfBirthMissing.
func ValidDateOfBirth(dob, today time.Time) error {
	if dob.IsZero() {
		return ErrDateOfBirthMissing
	}
	born, now := civilDate(dob), civilDate(today)
	if !born.Before(now) {
		return ErrDateOfBirthFuture
	}
	earliest := time.Date(now.Year()-MaxAge, time.January, 1, 0, 0, 0, 0, time.UTC)
	if !born.After(earliest) {
		return fmt.Errorf("Date of birth must be after 1 January %d", earliest.Year())
	}
	return nil
}

// Age returns the person's age in whole years on today's date, or 0 if dob is after today. Someone born on
// 29 February turns a year older on 1 March in a year that is not a leap year.
func Age(dob, today time.Time) int {
	by, bm, bd := dob.Date()
	ty, tm, td := today.Date()
	age := ty - by
	if tm < bm || (tm == bm && td < bd) {
		age--
	}
	return max(age, 0)
}

// civilDate returns t's calendar date, in its own location, as midnight UTC.
func civilDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
