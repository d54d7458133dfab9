package learning

import (
	"archive/zip"
	"bytes"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// officeParts are, for each Office format, the part its zip must hold: a zip is only a Word document when it holds
// word/document.xml, whatever its name says.
var officeParts = map[string]string{
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   "word/document.xml",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": "ppt/presentation.xml",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         "xl/workbook.xml",
}

// AllowedMaterials is the list of kinds of file a course may hold, as an error message names them.
func AllowedMaterials() string {
	names := slices.Sorted(maps.Values(MaterialTypes))
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// MaterialType says what kind of file content is, by its content alone: the file's name and the type the browser
// claimed are never trusted. It is an error when the content is not one of MaterialTypes.
func MaterialType(content []byte) (string, error) {
	if len(content) == 0 {
		return "", fmt.Errorf("The selected file is empty")
	}
	if len(content) > MaxMaterialSize {
		return "", fmt.Errorf("The selected file must be smaller than %d MB", MaxMaterialSize>>20)
	}
	refuse := fmt.Errorf("The selected file must be one of these: %s", AllowedMaterials())
	detected, _, _ := strings.Cut(http.DetectContentType(content), ";")
	switch detected {
	case "application/pdf", "image/png", "image/jpeg":
		return detected, nil
	case "text/plain":
		return detected, nil
	case "application/zip":
		zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
		if err != nil {
			return "", refuse
		}
		for _, f := range zr.File {
			for typ, part := range officeParts {
				if f.Name == part {
					return typ, nil
				}
			}
		}
	}
	return "", refuse
}

// clock is a time of day as a session's form takes it: "09:30".
var clock = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// MaxCapacity is the most places a session may have.
const MaxCapacity = 200

// Normalise trims what was typed and drops repeated trainers.
func (s *Session) Normalise() {
	s.StartsAt, s.EndsAt, s.Place = strings.TrimSpace(s.StartsAt), strings.TrimSpace(s.EndsAt), strings.TrimSpace(s.Place)
	s.TrainerIDs = slices.Compact(slices.Sorted(slices.Values(slices.DeleteFunc(trimAll(s.TrainerIDs), func(id string) bool { return id == "" }))))
}

// Validate says what is wrong with a session as planned, by form field. The trainer rule needs the database and is
// the store's.
func (s Session) Validate() validation.Problems {
	var ps validation.Problems
	if s.HeldOn.IsZero() {
		ps.Append("held_on", "Enter the date of the session")
	}
	if !clock.MatchString(s.StartsAt) {
		ps.Append("starts_at", "Enter the start time as hours and minutes, like 09:30")
	}
	if !clock.MatchString(s.EndsAt) {
		ps.Append("ends_at", "Enter the end time as hours and minutes, like 16:30")
	} else if clock.MatchString(s.StartsAt) && s.EndsAt <= s.StartsAt {
		ps.Append("ends_at", "The end time must be after the start time")
	}
	if !s.Online && s.Place == "" {
		ps.Append("place", "Enter where the session is held, or select online")
	}
	if s.Capacity < 1 || s.Capacity > MaxCapacity {
		ps.Append("capacity", fmt.Sprintf("Places must be a whole number from 1 to %d", MaxCapacity))
	}
	if len(s.TrainerIDs) == 0 && !s.Imported {
		ps.Append("trainers", "Select who gives the session")
	}
	return ps
}

// Untrained is the trainer rule: of the trainers named for a session of a course, those who may not give it — none
// when the course needs no trained trainer, otherwise everyone not among trained (who completed train-the-trainer
// for the course).
func Untrained(c Course, trainerIDs []string, trained map[string]bool) []string {
	if !c.NeedsTrainer {
		return nil
	}
	var out []string
	for _, id := range trainerIDs {
		if !trained[id] {
			out = append(out, id)
		}
	}
	return out
}

// Given is a session as self-sufficiency counts it.
type Given struct {
	CourseID     string
	NeedsTrainer bool
	HeldOn       sqldb.Date
	Cancelled    bool
	Imported     bool
	TrainerIDs   []string
}

// SelfSufficiency counts, of the sessions held from from to to (inclusive; not cancelled, not imported from another
// system), those given by the council's own trainers: every trainer named is a trained trainer of the course
// (trained, by course) or, for a course that needs no trained trainer, a member of the council's staff. A session
// with no trainer named is not counted as given by the council's own.
func SelfSufficiency(sessions []Given, from, to sqldb.Date, trained map[string]map[string]bool, staff map[string]bool) (own, held int) {
	for _, s := range sessions {
		if s.Cancelled || s.Imported || s.HeldOn.Before(from.Time) || s.HeldOn.After(to.Time) {
			continue
		}
		held++
		if len(s.TrainerIDs) == 0 {
			continue
		}
		ours := true
		for _, id := range s.TrainerIDs {
			if s.NeedsTrainer && !trained[s.CourseID][id] || !s.NeedsTrainer && !staff[id] {
				ours = false
			}
		}
		if ours {
			own++
		}
	}
	return own, held
}

// Mark is what a trainer marks for one booking: whether the learner attended and completed, or nothing yet.
type Mark string

// The marks.
const (
	Unmarked  Mark = ""
	Absent    Mark = "absent"    // did not attend
	Attended  Mark = "attended"  // attended but did not complete
	Completed Mark = "completed" // attended and completed
)

// Marks are the marks a trainer chooses from, in order.
func Marks() []Mark { return []Mark{Unmarked, Completed, Attended, Absent} }

// Label is the mark as staff read it.
func (m Mark) Label() string {
	switch m {
	case Absent:
		return "Did not attend"
	case Attended:
		return "Attended, not completed"
	case Completed:
		return "Attended and completed"
	}
	return "Not marked yet"
}

// MarkOf is the mark a booking carries.
func MarkOf(b Booking) Mark {
	switch {
	case b.Attended == nil:
		return Unmarked
	case !*b.Attended:
		return Absent
	case b.Completed != nil && *b.Completed:
		return Completed
	}
	return Attended
}

// values are the columns a mark sets: attended and completed, NULL when unmarked.
func (m Mark) values() (attended, completed *bool) {
	yes, no := true, false
	switch m {
	case Absent:
		return &no, &no
	case Attended:
		return &yes, &no
	case Completed:
		return &yes, &yes
	}
	return nil, nil
}

// ParseMark reads a mark from a form or the API.
func ParseMark(s string) (Mark, bool) {
	m := Mark(s)
	return m, slices.Contains(Marks(), m)
}

// Evaluation is a learner's evaluation of a session they attended: their confidence in each learning outcome
// before and after, and what they will do differently.
type Evaluation struct {
	Confidence  []Confidence
	Differently string
	Version     int // the booking's version when they read it
}

// Validate says what is wrong with an evaluation of a course with outcomes learning outcomes, by form field.
func (e Evaluation) Validate(outcomes int) validation.Problems {
	var ps validation.Problems
	rated := map[int]bool{}
	for _, c := range e.Confidence {
		if c.Outcome < 0 || c.Outcome >= outcomes {
			continue
		}
		rated[c.Outcome] = true
		if c.Before < 1 || c.Before > 5 {
			ps.Append(ConfidenceField(c.Outcome, "before"), fmt.Sprintf("Select how confident you were in outcome %d before the session", c.Outcome+1))
		}
		if c.After < 1 || c.After > 5 {
			ps.Append(ConfidenceField(c.Outcome, "after"), fmt.Sprintf("Select how confident you are in outcome %d now", c.Outcome+1))
		}
	}
	for i := range outcomes {
		if !rated[i] {
			ps.Append(ConfidenceField(i, "before"), fmt.Sprintf("Select how confident you were in outcome %d before the session", i+1))
		}
	}
	if strings.TrimSpace(e.Differently) == "" {
		ps.Append("differently", "Say what you will do differently after the session")
	} else if len(e.Differently) > 2000 {
		ps.Append("differently", "What you will do differently must be 2,000 characters or fewer")
	}
	return ps
}

// ConfidenceField names the form field of an outcome's confidence, before or after: "outcome_1_before".
func ConfidenceField(outcome int, when string) string {
	return fmt.Sprintf("outcome_%d_%s", outcome+1, when)
}
