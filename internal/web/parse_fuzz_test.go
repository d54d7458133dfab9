package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// FuzzParsePounds: an amount is refused, or read as pence that are never negative and that PoundsInput writes
// back as text reading the same amount.
func FuzzParsePounds(f *testing.F) {
	for _, s := range []string{"350", "350.50", "£1,350.5", " 0.99 ", ".50", "13,50", "-1", "1.234", "999999999", "1000000000", "£", "1e3", "٣٥٠", "0x10", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pence, ok := ParsePounds(s)
		if !ok {
			if pence != 0 {
				t.Fatalf("%q refused but gave %d pence", s, pence)
			}
			return
		}
		if pence < 0 {
			t.Fatalf("%q read as %d pence", s, pence)
		}
		shown := PoundsInput(pence)
		if again, ok := ParsePounds(shown); !ok || again != pence {
			t.Fatalf("%q read as %d pence, shown as %q, read again as %d (%v)", s, pence, shown, again, ok)
		}
	})
}

// FuzzParseDate: three boxes of a date input give an error naming the parts to fix, or a real date that, typed back
// in as numbers, reads as the same day.
func FuzzParseDate(f *testing.F) {
	for _, d := range [][3]string{{"1", "2", "2026"}, {"01", "02", "2026"}, {"1st", "jan", "2026"}, {"31", "february", "2026"}, {"29", "2", "2024"},
		{"29", "2", "2023"}, {"", "", ""}, {"1", "", "2026"}, {"1", "13", "2026"}, {"1", "1", "26"}, {"-1", "1", "2026"}, {"1", "1", "99999"}, {"0", "0", "0000"}, {"１", "１", "２０２６"}} {
		f.Add(d[0], d[1], d[2])
	}
	f.Fuzz(func(t *testing.T, day, month, year string) {
		got, derr := ParseDate("Date of birth", day, month, year)
		if derr != nil {
			if derr.Message == "" || len(derr.Parts) == 0 {
				t.Fatalf("%q/%q/%q: an error that names nothing: %+v", day, month, year, derr)
			}
			return
		}
		if got.IsZero() || got.Hour() != 0 || got.Location().String() != "UTC" {
			t.Fatalf("%q/%q/%q read as %v", day, month, year, got)
		}
		again, derr := ParseDate("Date of birth", strconv.Itoa(got.Day()), strconv.Itoa(int(got.Month())), strconv.Itoa(got.Year()))
		if derr != nil || !again.Equal(got) {
			t.Fatalf("%q/%q/%q read as %v, which typed back reads as %v (%v)", day, month, year, got, again, derr)
		}
	})
}

// FuzzParseForm: any body posted as a form is read or refused with an error, never a panic, and what is read
// holds exactly the values the body encodes.
func FuzzParseForm(f *testing.F) {
	for _, s := range []string{"a=1&b=2", "given_name=Ada&given_name=Bo", "%zz=1", "a=%", "=", "&&&", "a=" + strings.Repeat("x", 100), "date-day=1&date-month=2&date-year=2026", "a=\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "/people/new", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		err := ParseForm(r)
		want, werr := url.ParseQuery(body)
		if err != nil {
			return
		}
		if werr == nil && !reflect.DeepEqual(map[string][]string(r.PostForm), map[string][]string(want)) && len(want) > 0 {
			t.Fatalf("%q read as %v, but it encodes %v", body, r.PostForm, want)
		}
		_ = DateInputFrom(r.PostForm, "date")
	})
}
