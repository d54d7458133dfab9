// Package pdf prints an HTML page to a tagged, A4 PDF with a headless Chromium, where Chromium is installed. It
// starts a fresh Chromium for each print, with no network: the page comes in as HTML with its stylesheet inside
// it, so nothing is fetched.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ErrUnavailable: Chromium is not installed, so no PDF can be printed.
var ErrUnavailable = errors.New("PDFs cannot be made here: Chromium is not installed")

// Timeout bounds one print, from starting Chromium to the last byte of the PDF.
const Timeout = 30 * time.Second

// Printer prints HTML to PDF with the Chromium it found when it was made.
type Printer struct {
	chromium string
	slots    chan struct{} // bounds how many Chromiums print at once: each takes a few hundred MB
}

// Concurrent is how many PDFs print at once; more wait their turn, within the request's own deadline.
const Concurrent = 2

// New finds chromium or chromium-browser on PATH. The Printer it returns says whether it found one.
func New() *Printer {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return &Printer{chromium: p, slots: make(chan struct{}, Concurrent)}
		}
	}
	return &Printer{}
}

// Available reports whether a PDF can be printed.
func (p *Printer) Available() bool { return p != nil && p.chromium != "" }

// Print renders the HTML document and prints it on A4 to a tagged PDF with an outline of its headings, with the
// document's print styles. The document must carry its own styles: nothing is fetched.
func (p *Printer) Print(ctx context.Context, html []byte) ([]byte, error) {
	if !p.Available() {
		return nil, ErrUnavailable
	}
	select {
	case p.slots <- struct{}{}:
		defer func() { <-p.slots }()
	case <-ctx.Done():
		return nil, fmt.Errorf("print PDF: waiting for a free printer: %w", ctx.Err())
	}
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	userData, err := os.MkdirTemp("", "goldenthread-pdf-")
	if err != nil {
		return nil, fmt.Errorf("print PDF: %w", err)
	}
	defer os.RemoveAll(userData)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(p.chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(userData),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		// No network: the document brings everything it needs.
		chromedp.ProxyServer("127.0.0.1:9"),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(ctx, opts...)
	defer allocCancel()
	browserCtx, browserCancel := chromedp.NewContext(allocCtx)
	defer browserCancel()
	var out []byte
	err = chromedp.Do(browserCtx,
		chromedp.Navigate("about:blank"),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
			if err != nil {
				return err
			}
			_, err = chromedp.Call(ctx, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: string(html)})
			return err
		}),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			var err error
			out, err = chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground(), chromedp.PDFOutlineAndTagged(),
				chromedp.PDFMargin(0.6))(ctx, t)
			return err
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("print PDF with %s: %w", p.chromium, err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		return nil, errors.New("print PDF: Chromium did not return a PDF")
	}
	return out, nil
}
