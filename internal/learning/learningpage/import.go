package learningpage

import (
	"errors"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type importData struct {
	web.Page
	Columns  []string
	File     string
	Problems learning.ImportProblems
}

// Import adds past attendance from another learning system's CSV export (GET and POST /learning/import): for the
// quality lead. Every line is checked first; with any problem nothing is saved and the page lists each problem with
// its line number.
func (o *Oversight) Import() web.Handler {
	return web.Requires(councils.Role.RunsLearning, func(w http.ResponseWriter, r *http.Request) error {
		data := importData{Page: web.NewPage(r, "Import past attendance"), Columns: learning.ImportColumns}
		data.Back = paths.LearningCoverage.URL()
		if r.Method != http.MethodPost {
			return o.tmpl.Render(w, r, http.StatusOK, "learning/import.html", data)
		}
		if err := r.ParseMultipartForm(64 << 10); err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				data.Errors.Add("file", "The file must be smaller than 1 MB. Split it, or send it to the API")
				return o.tmpl.Render(w, r, http.StatusRequestEntityTooLarge, "learning/import.html", data)
			}
			data.Errors.Add("file", "Select a CSV file of past attendance")
			return o.tmpl.Render(w, r, http.StatusUnprocessableEntity, "learning/import.html", data)
		}
		file, header, err := r.FormFile("file")
		if err != nil {
			data.Errors.Add("file", "Select a CSV file of past attendance")
			return o.tmpl.Render(w, r, http.StatusUnprocessableEntity, "learning/import.html", data)
		}
		defer file.Close()
		data.File = header.Filename
		got, err := o.store.ImportAttendance(web.Route(r), file)
		if ps, ok := errors.AsType[learning.ImportProblems](err); ok {
			data.Problems = ps
			data.Errors.Add("file", data.File+" has "+web.Plural(len(ps), "problem", "problems")+", listed below. Nothing was imported: correct the file and import it again")
			return o.tmpl.Render(w, r, http.StatusUnprocessableEntity, "learning/import.html", data)
		} else if err != nil {
			return err
		}
		msg := web.Plural(got.Completions, "completion", "completions") + " imported, on " + web.Plural(got.Sessions, "new session", "new sessions")
		if got.AlreadyRecorded > 0 {
			msg += "; " + web.Plural(got.AlreadyRecorded, "line was", "lines were") + " already recorded, and left as they were"
		}
		web.SetFlash(r, msg)
		http.Redirect(w, r, paths.LearningCoverage.URL(), http.StatusSeeOther)
		return nil
	})
}
