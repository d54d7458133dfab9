package learning_test

import (
	"archive/zip"
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

func TestPlacesGoInTheOrderBookingsWereMade(t *testing.T) {
	t.Parallel()
	b := func(cancelled ...bool) []learning.Booking {
		out := make([]learning.Booking, len(cancelled))
		for i, c := range cancelled {
			out[i].Cancelled = c
		}
		return out
	}
	const (
		B = learning.Booked
		W = learning.Waiting
		C = learning.Cancelled
	)
	cases := []struct {
		name     string
		capacity int
		bookings []learning.Booking
		want     []learning.Place
	}{
		{"none", 3, nil, []learning.Place{}},
		{"fewer than the places", 3, b(false, false), []learning.Place{B, B}},
		{"exactly full", 2, b(false, false), []learning.Place{B, B}},
		{"full, then waiting in order", 2, b(false, false, false, false), []learning.Place{B, B, W, W}},
		{"a cancellation gives its place to the first waiting", 2, b(false, true, false, false), []learning.Place{B, C, B, W}},
		{"every early booking cancelled", 1, b(true, true, false, false), []learning.Place{C, C, B, W}},
		{"no places", 0, b(false), []learning.Place{W}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := []learning.Place{}
			for _, x := range learning.Places(c.capacity, c.bookings) {
				got = append(got, x.Place)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("places = %v, want %v", got, c.want)
			}
		})
	}
}

func TestTheTrainerRule(t *testing.T) {
	t.Parallel()
	trained := map[string]bool{"ann": true, "bea": true}
	needs, open := learning.Course{NeedsTrainer: true}, learning.Course{}
	cases := []struct {
		name     string
		course   learning.Course
		trainers []string
		want     []string
	}{
		{"a trained trainer", needs, []string{"ann"}, nil},
		{"two trained trainers", needs, []string{"ann", "bea"}, nil},
		{"one trained, one not", needs, []string{"ann", "cal"}, []string{"cal"}},
		{"nobody trained", needs, []string{"cal", "dee"}, []string{"cal", "dee"}},
		{"a course that needs no trained trainer", open, []string{"cal"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := learning.Untrained(c.course, c.trainers, trained); !slices.Equal(got, c.want) {
				t.Errorf("untrained = %v, want %v", got, c.want)
			}
		})
	}
}

func TestSelfSufficiency(t *testing.T) {
	t.Parallel()
	day := func(d int) sqldb.Date { return sqldb.NewDate(time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC)) }
	from, to := day(1), day(31)
	trained := map[string]map[string]bool{"skills": {"ann": true}}
	staff := map[string]bool{"ann": true, "cal": true}
	skills := func(d int, trainers ...string) learning.Given {
		return learning.Given{CourseID: "skills", NeedsTrainer: true, HeldOn: day(d), TrainerIDs: trainers}
	}
	cases := []struct {
		name      string
		sessions  []learning.Given
		own, held int
	}{
		{"none", nil, 0, 0},
		{"given by a trained trainer", []learning.Given{skills(5, "ann")}, 1, 1},
		{"an untrained trainer beside a trained one", []learning.Given{skills(5, "ann", "cal")}, 0, 1},
		{"an outside trainer", []learning.Given{skills(5, "visitor")}, 0, 1},
		{"no trainer named", []learning.Given{skills(5)}, 0, 1},
		{"a course needing no trained trainer, given by staff", []learning.Given{{CourseID: "mca", HeldOn: day(9), TrainerIDs: []string{"cal"}}}, 1, 1},
		{"a course needing no trained trainer, given from outside", []learning.Given{{CourseID: "mca", HeldOn: day(9), TrainerIDs: []string{"visitor"}}}, 0, 1},
		{"cancelled and imported sessions are not counted", []learning.Given{
			{CourseID: "skills", NeedsTrainer: true, HeldOn: day(5), Cancelled: true, TrainerIDs: []string{"ann"}},
			{CourseID: "skills", NeedsTrainer: true, HeldOn: day(6), Imported: true, TrainerIDs: []string{"ann"}},
			skills(7, "ann"),
		}, 1, 1},
		{"outside the period", []learning.Given{skills(1, "ann"), skills(31, "ann"), {CourseID: "skills", NeedsTrainer: true,
			HeldOn: sqldb.NewDate(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)), TrainerIDs: []string{"ann"}}}, 2, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			own, held := learning.SelfSufficiency(c.sessions, from, to, trained, staff)
			if own != c.own || held != c.held {
				t.Errorf("own %d of %d, want %d of %d", own, held, c.own, c.held)
			}
		})
	}
}

// zipOf builds a zip holding the named parts.
func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte("<xml/>")); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestMaterialsAreCheckedByTheirContent(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		content []byte
		want    string // the type, or "" when refused
	}{
		{"a PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"), "application/pdf"},
		{"a Word document", zipOf(t, "[Content_Types].xml", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"a PowerPoint presentation", zipOf(t, "[Content_Types].xml", "ppt/presentation.xml"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
		{"an Excel workbook", zipOf(t, "xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"plain text", []byte("Bring a case you are proud of.\n"), "text/plain"},
		{"a PNG image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "image/png"},
		{"a zip pretending to be a Word document", zipOf(t, "payload/run.sh", "readme.txt"), ""},
		{"a program pretending to be a Word document", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 64)...), ""},
		{"a web page", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), ""},
		{"empty", nil, ""},
		{"too large", append([]byte("%PDF-1.7\n"), make([]byte, learning.MaxMaterialSize)...), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := learning.MaterialType(c.content)
			if got != c.want {
				t.Errorf("type = %q (%v), want %q", got, err, c.want)
			}
			if c.want == "" && err == nil {
				t.Error("refused without a reason")
			}
		})
	}
	if _, err := learning.MaterialType([]byte("MZ\x90\x00")); err == nil || !strings.Contains(err.Error(), "PDF") || !strings.Contains(err.Error(), "Word document") {
		t.Errorf("the refusal does not name what is allowed: %v", err)
	}
}
