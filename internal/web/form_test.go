package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	all := []string{"day", "month", "year"}
	tests := []struct {
		name             string
		day, month, year string
		want             time.Time
		wantMsg          string
		wantParts        []string
	}{
		{"valid", "27", "3", "1948", date(1948, 3, 27), "", nil},
		{"leading zeros", "07", "03", "2007", date(2007, 3, 7), "", nil},
		{"spaces", " 7 ", " 3", "2007 ", date(2007, 3, 7), "", nil},
		{"ordinal day", "1st", "3", "2007", date(2007, 3, 1), "", nil},
		{"month name", "5", "January", "2020", date(2020, 1, 5), "", nil},
		{"short month name", "5", "sept", "2020", date(2020, 9, 5), "", nil},
		{"month name any case", "5", "DEC", "2020", date(2020, 12, 5), "", nil},
		{"leap day", "29", "2", "2024", date(2024, 2, 29), "", nil},
		{"nothing", "", "", "", time.Time{}, "Enter date of birth", all},
		{"missing day", "", "3", "1948", time.Time{}, "Date of birth must include a day", []string{"day"}},
		{"missing month", "27", "", "1948", time.Time{}, "Date of birth must include a month", []string{"month"}},
		{"missing year", "27", "3", "", time.Time{}, "Date of birth must include a year", []string{"year"}},
		{"missing day and month", "", "", "1948", time.Time{}, "Date of birth must include a day and month", all},
		{"missing month and year", "27", "", "", time.Time{}, "Date of birth must include a month and year", all},
		{"two-digit year", "27", "3", "48", time.Time{}, "Year must include 4 numbers", []string{"year"}},
		{"five-digit year", "27", "3", "19480", time.Time{}, "Year must include 4 numbers", []string{"year"}},
		{"month 13", "27", "13", "1948", time.Time{}, "Date of birth must be a real date", []string{"month"}},
		{"day 32", "32", "3", "1948", time.Time{}, "Date of birth must be a real date", []string{"day"}},
		{"day 0", "0", "3", "1948", time.Time{}, "Date of birth must be a real date", []string{"day"}},
		{"letters in day", "2x", "3", "1948", time.Time{}, "Date of birth must be a real date", []string{"day"}},
		{"letters in year", "27", "3", "19a8", time.Time{}, "Date of birth must be a real date", []string{"year"}},
		{"negative year", "27", "3", "-948", time.Time{}, "Date of birth must be a real date", []string{"year"}},
		{"31 April", "31", "4", "1948", time.Time{}, "Date of birth must be a real date", all},
		{"29 February in a common year", "29", "2", "2023", time.Time{}, "Date of birth must be a real date", all},
		{"day and month wrong", "40", "13", "1948", time.Time{}, "Date of birth must be a real date", all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, de := ParseDate("Date of birth", tt.day, tt.month, tt.year)
			if tt.wantMsg == "" {
				if de != nil {
					t.Fatalf("unexpected error %+v", de)
				}
				if !got.Equal(tt.want) || got.Location() != time.UTC {
					t.Errorf("got %v, want %v", got, tt.want)
				}
				return
			}
			if de == nil {
				t.Fatalf("got %v, want error %q", got, tt.wantMsg)
			}
			if de.Message != tt.wantMsg {
				t.Errorf("message = %q, want %q", de.Message, tt.wantMsg)
			}
			if diff := cmp.Diff(tt.wantParts, de.Parts); diff != "" {
				t.Errorf("parts (-want +got):\n%s", diff)
			}
		})
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseDateLabels(t *testing.T) {
	t.Parallel()
	tests := []struct{ label, want string }{
		{"Date of birth", "Enter date of birth"},
		{"NHS registration date", "Enter NHS registration date"},
		{"The date the review is due", "Enter the date the review is due"},
	}
	for _, tt := range tests {
		if _, de := ParseDate(tt.label, "", "", ""); de == nil || de.Message != tt.want {
			t.Errorf("ParseDate(%q) = %+v, want %q", tt.label, de, tt.want)
		}
	}
}

func TestDateInput(t *testing.T) {
	t.Parallel()
	form := url.Values{"dob-day": {" 27"}, "dob-month": {"3 "}, "dob-year": {"1948"}}
	d := DateInputFrom(form, "dob")
	if d != (DateInput{"27", "3", "1948"}) {
		t.Errorf("DateInputFrom = %+v", d)
	}
	if got, de := d.Parse("Date of birth"); de != nil || !got.Equal(date(1948, 3, 27)) {
		t.Errorf("Parse = %v, %+v", got, de)
	}
	if !(DateInput{}).IsEmpty() || d.IsEmpty() {
		t.Error("IsEmpty is wrong")
	}
	if got := DateInputOf(date(2007, 3, 7)); got != (DateInput{"7", "3", "2007"}) {
		t.Errorf("DateInputOf = %+v", got)
	}
	if got := DateInputOf(time.Time{}); got != (DateInput{}) {
		t.Errorf("DateInputOf(zero) = %+v", got)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	var errs Errors
	if errs.Any() {
		t.Error("empty Errors has errors")
	}
	errs.Add("given_name", "Enter a given name")
	errs.Add("given_name", "Given name must be 100 characters or fewer") // only the first is kept
	_, de := ParseDate("Date of birth", "27", "", "1948")
	errs.AddDate("dob", de)
	errs.AddDate("other", nil)

	want := Errors{
		{Field: "given_name", Message: "Enter a given name"},
		{Field: "dob", Message: "Date of birth must include a month", Parts: []string{"month"}},
	}
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("Errors (-want +got):\n%s", diff)
	}
	if !errs.Any() || !errs.Has("dob") || errs.Has("other") {
		t.Error("Any or Has is wrong")
	}
	if errs.Get("given_name") != "Enter a given name" || errs.Get("other") != "" {
		t.Error("Get is wrong")
	}
	if got := errs[0].Href(); got != "#f-given_name" {
		t.Errorf("Href = %q", got)
	}
	if got := errs[1].Href(); got != "#f-dob-month" {
		t.Errorf("date Href = %q", got)
	}
	if diff := cmp.Diff([]string{"month"}, errs.Parts("dob")); diff != "" {
		t.Error(diff)
	}
}

func TestParseForm(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("a=1&b=%zz"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if err := ParseForm(r); StatusOf(err) != http.StatusBadRequest {
		t.Errorf("bad encoding gave %v", err)
	}
	r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader("a=1"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if err := ParseForm(r); err != nil || r.PostForm.Get("a") != "1" {
		t.Errorf("ParseForm = %v, %v", err, r.PostForm)
	}
}

func TestFormVersionAndPageNumber(t *testing.T) {
	tests := []struct {
		value            string
		version, pageNum int
	}{
		{"3", 3, 3},
		{"1", 1, 1},
		{"", 0, 1},                     // missing
		{"0", 0, 1},                    // no record has version 0, and there is no page 0
		{"-2", 0, 1},                   // altered
		{"3a", 0, 1},                   // altered
		{" 3", 0, 1},                   // altered
		{"99999999999999999999", 0, 1}, // out of range
	}
	for _, tt := range tests {
		form := url.Values{"version": {tt.value}, "page": {tt.value}}
		if got := FormVersion(form, "version"); got != tt.version {
			t.Errorf("FormVersion(%q) = %d, want %d", tt.value, got, tt.version)
		}
		if got := PageNumber(form); got != tt.pageNum {
			t.Errorf("PageNumber(%q) = %d, want %d", tt.value, got, tt.pageNum)
		}
	}
}
