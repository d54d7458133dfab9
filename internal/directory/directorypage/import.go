package directorypage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"io"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/web"
)

type importData struct {
	web.Page
	Report    *directory.Report
	Files     []string
	CheckOnly string // "yes" when the editor asked for a check without saving
}

// Import loads an Open Referral UK feed from files an editor uploads (GET and POST /directory/import): JSON in the
// API's shapes, or the CSV tables of the standard's layout. Everything is checked first; with any problem nothing
// is saved and the page lists every problem with its file, row or place and field. "Check only" shows the report
// without saving.
func (p *Pages) Import() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !canEdit(r) {
			return web.Forbidden
		}
		data := importData{Page: web.NewPage(r, "Import an Open Referral UK file")}
		data.Back = paths.Directory.URL()
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "directory/import.html", data)
		}
		if err := r.ParseMultipartForm(uploadInMemory); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				data.Errors.Add("files", "The files must be smaller than 1 MB altogether. Import larger feeds with the goldenthread directory import command")
				return p.tmpl.Render(w, r, http.StatusRequestEntityTooLarge, "directory/import.html", data)
			}
			data.Errors.Add("files", "Select one or more JSON or CSV files")
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "directory/import.html", data)
		}
		data.CheckOnly = r.PostForm.Get("check_only")
		var files []directory.File
		// Each file is read from the form as the server keeps it (in memory up to a small size, otherwise spooled to
		// a temporary file it removes after the request), opened afresh for each reading: never copied whole.
		for _, fh := range r.MultipartForm.File["files"] {
			files = append(files, directory.File{Name: fh.Filename, Open: func() (io.ReadCloser, error) { return fh.Open() }})
			data.Files = append(data.Files, fh.Filename)
		}
		if len(files) == 0 {
			data.Errors.Add("files", "Select one or more JSON or CSV files")
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "directory/import.html", data)
		}
		rep, err := p.store.Import(r.Context(), files, data.CheckOnly == "yes")
		if err != nil {
			return err
		}
		data.Report = &rep
		status := http.StatusOK
		if !rep.OK() {
			status = http.StatusUnprocessableEntity
			data.Errors.Add("files", rep.Summary()+". Correct the files and import them again")
		}
		return p.tmpl.Render(w, r, status, "directory/import.html", data)
	}
}

// uploadInMemory is how much of an upload's files the server keeps in memory; the rest it spools to a temporary
// file, which an import reads from.
const uploadInMemory = 64 << 10
