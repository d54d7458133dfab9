package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
)

// Printer prints a self-contained page to PDF (pdf.Printer, with Chromium, where it is installed).
type Printer interface {
	Available() bool
	Print(ctx context.Context, html []byte) ([]byte, error)
}

// CanPrint says whether printer can make PDFs here: it may be nil, or unavailable where Chromium is not installed.
func CanPrint(printer Printer) bool { return printer != nil && printer.Available() }

// ErrCannotPrint: there is no printer here, so no PDF; the page says so and offers the page to print from the
// browser instead.
var ErrCannotPrint = errors.New("no PDF printer here")

// RenderPDF renders a page with the named template and data, as Render would, and answers with it printed to a
// tagged A4 PDF as an attachment called filename. The page is printed as it stands alone (SelfContained), without
// the success banner or back link, which the caller clears. It is ErrCannotPrint, with nothing written, where
// printing cannot be done or fails; the caller answers that.
func (t *Templates) RenderPDF(w http.ResponseWriter, r *http.Request, printer Printer, name string, data any, filename string) error {
	if !CanPrint(printer) {
		return ErrCannotPrint
	}
	var page capture
	if err := t.Render(&page, r, http.StatusOK, name, data); err != nil {
		return err
	}
	pdf, err := printer.Print(r.Context(), SelfContained(page.body.Bytes()))
	if err != nil {
		return errors.Join(ErrCannotPrint, err)
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	_, err = w.Write(pdf)
	return err
}

// capture is a ResponseWriter that keeps a rendered page, to print it.
type capture struct {
	header http.Header
	body   bytes.Buffer
}

func (c *capture) Header() http.Header {
	if c.header == nil {
		c.header = http.Header{}
	}
	return c.header
}
func (c *capture) Write(b []byte) (int, error) { return c.body.Write(b) }
func (c *capture) WriteHeader(int)             {}
