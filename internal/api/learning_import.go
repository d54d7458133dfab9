package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/web"
)

// AttendanceImporter is what importing past attendance needs of learning.Store.
type AttendanceImporter interface {
	ImportAttendance(ctx context.Context, file io.Reader) (learning.Imported, error)
}

// LearningImported is what an import of past attendance added.
type LearningImported struct {
	Completions     int `json:"completions"`
	Sessions        int `json:"sessions"`
	AlreadyRecorded int `json:"already_recorded"`
}

// maxAttendanceFile is the largest file of past attendance the API takes at once: ten times a record's limit, as
// a council's history of tens of thousands of lines is.
const maxAttendanceFile = 10 * maxBody

// importAttendance adds past attendance from another learning system's CSV export (POST
// /api/v1/learning/attendance, text/csv): for the quality lead. Every line is checked first; when any has a problem
// nothing is saved, and the problem document lists each line's.
func (a *API) importAttendance(w http.ResponseWriter, r *http.Request) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "text/csv" {
		return &Problem{Status: http.StatusUnsupportedMediaType, Detail: "Send the file of past attendance as text/csv."}
	}
	web.AllowBody(w, r, maxAttendanceFile)
	got, err := a.learning.ImportAttendance(r.Context(), r.Body)
	if ps, ok := errors.AsType[learning.ImportProblems](err); ok {
		p := Problem{Type: TypeValidation, Title: "The file has problems", Status: http.StatusUnprocessableEntity,
			Detail: fmt.Sprintf("The file has %d problems: nothing was imported. Correct them and send it again.", len(ps))}
		if len(ps) == 1 {
			p.Detail = "The file has 1 problem: nothing was imported. Correct it and send it again."
		}
		for _, rp := range ps {
			p.Errors = append(p.Errors, FieldError{Field: fmt.Sprintf("line %d", rp.Line), Detail: rp.Message})
		}
		return &p
	}
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return &Problem{Status: http.StatusRequestEntityTooLarge, Detail: fmt.Sprintf("The file must be smaller than %d MB: split it.", maxAttendanceFile>>20)}
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, "application/json", LearningImported{Completions: got.Completions, Sessions: got.Sessions, AlreadyRecorded: got.AlreadyRecorded})
	return nil
}
