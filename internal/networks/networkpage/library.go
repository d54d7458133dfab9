package networkpage

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// entry is a document as the library lists it.
type entry struct {
	networks.Document
	From      string // who shared it: a member council, or the network
	Kind      string // the file's kind as staff read it
	MayChange bool
}

type libraryData struct {
	web.Page
	NetworkID, Network string
	Docs               []entry
	Tags               []string
	Tag                string
	Shares             bool
}

// Library lists the network's shared documents (GET /networks/{network}/library, with ?tag= to keep those with a
// tag): for its own staff and member councils' quality leads, team managers and programme leads.
func (p *WorkPages) Library() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		net := r.PathValue("network")
		ctx := web.Route(r)
		name, err := p.store.NetworkName(ctx, net)
		if err != nil {
			return err
		}
		all, err := p.store.Library(ctx, net)
		if err != nil {
			return err
		}
		from, err := p.store.SharedFromNames(ctx, all)
		if err != nil {
			return err
		}
		st, _ := councils.StaffFrom(r.Context())
		own := st.CouncilID == net
		data := libraryData{Page: web.NewPage(r, "Shared library"), NetworkID: net, Network: name, Tags: networks.AllTags(all),
			Tag: r.URL.Query().Get("tag"), Shares: own || networks.SharesToLibrary(st.Role)}
		data.Back = paths.OurNetworks.URL()
		for _, d := range networks.Tagged(all, data.Tag) {
			e := entry{Document: d, From: "The network", Kind: learning.MaterialTypes[d.MediaType]}
			if d.SharedFrom != "" {
				e.From = from[d.SharedFrom]
			}
			e.MayChange = own || (d.SharedFrom == st.CouncilID && networks.SharesToLibrary(st.Role))
			data.Docs = append(data.Docs, e)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "networkwork/library.html", data)
	})
}

type shareForm struct {
	web.Page
	NetworkID                  string
	Title, Summary, Tags, Link string
	Allowed                    string
}

var shareOrder = []string{"title", "summary", "tags", "link", "file"}

// uploadSlack is what a multipart form carries beside the file itself: its boundaries and headers.
const uploadSlack = 64 << 10

// Share adds a document to the library (GET and POST /networks/{network}/library/new): a file, whose kind is found
// from its content, up to 10 MB, or a link; for the network's own staff and member councils' quality leads.
func (p *WorkPages) Share() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		net := r.PathValue("network")
		data := &shareForm{Page: web.NewPage(r, "Share a document"), NetworkID: net, Allowed: learning.AllowedMaterials()}
		data.Back = paths.NetworkLibrary.URL(net)
		if _, err := p.store.NetworkName(web.Route(r), net); err != nil {
			return err
		}
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "networkwork/share.html", data)
		}
		web.AllowBody(w, r, networks.MaxDocumentSize+uploadSlack)
		// A link alone may come as an ordinary form; a file comes as multipart.
		if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				data.Errors.Add("file", fmt.Sprintf("The selected file must be smaller than %d MB", networks.MaxDocumentSize>>20))
				return p.tmpl.Render(w, r, http.StatusRequestEntityTooLarge, "networkwork/share.html", data)
			}
			return web.BadRequest
		}
		if r.MultipartForm != nil {
			defer func() { _ = r.MultipartForm.RemoveAll() }()
		}
		get := r.PostFormValue
		data.Title, data.Summary, data.Tags, data.Link = get("title"), get("summary"), get("tags"), get("link")
		var content []byte
		var name string
		if file, fh, err := r.FormFile("file"); err == nil {
			defer file.Close()
			if content, err = io.ReadAll(io.LimitReader(file, networks.MaxDocumentSize+1)); err != nil {
				return fmt.Errorf("read the shared file: %w", err)
			}
			name = fh.Filename
		}
		d := networks.Document{Title: data.Title, Summary: data.Summary, Tags: strings.Split(data.Tags, ","), Link: data.Link}
		saved, err := p.store.Share(web.Route(r), net, d, name, content)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, shareOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "networkwork/share.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, saved.Title+" shared with the network")
		http.Redirect(w, r, paths.NetworkLibrary.URL(net), http.StatusSeeOther)
		return nil
	})
}

// Download gives a shared file (GET /networks/{network}/library/{document}/file) as an attachment of the kind its
// content was found to be, to those who read the library; a link's address is sent on to.
func (p *WorkPages) Download() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		d, content, err := p.store.Document(web.Route(r), r.PathValue("network"), r.PathValue("document"))
		if err != nil {
			return err
		}
		if d.IsLink() {
			http.Redirect(w, r, d.Link, http.StatusSeeOther)
			return nil
		}
		h := w.Header()
		h.Set("Content-Type", d.MediaType)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.FileName}))
		h.Set("Content-Length", strconv.Itoa(len(content)))
		h.Set("X-Content-Type-Options", "nosniff")
		_, err = w.Write(content)
		return err
	})
}

type documentForm struct {
	web.Page
	web.ConflictPanel
	NetworkID, ID              string
	IsLink                     bool
	FileName                   string
	Title, Summary, Tags, Link string
	Version                    int
}

var documentOrder = []string{"version", "title", "summary", "tags", "link"}

// EditDocument changes a shared document's title, summary, tags and, for a link, its address, or removes it (GET
// and POST /networks/{network}/library/{document}/edit): for the network's own staff and the quality lead of the
// council that shared it.
func (p *WorkPages) EditDocument() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		net, id := r.PathValue("network"), r.PathValue("document")
		data := &documentForm{Page: web.NewPage(r, "Change a shared document"), NetworkID: net, ID: id}
		data.Back = paths.NetworkLibrary.URL(net)
		load := func() (networks.Document, error) {
			d, _, err := p.store.Document(web.Route(r), net, id)
			data.IsLink, data.FileName = d.IsLink(), d.FileName
			return d, err
		}
		// Whether it is a link or a file is read before the form, which is checked accordingly.
		if _, err := load(); err != nil {
			return err
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[networks.Document]{
			Template:       "networkwork/document-form.html",
			Order:          documentOrder,
			Conflict:       "Someone else changed this document while you were editing it. Check their changes, then save again",
			RemoveConflict: "Someone else changed this document while you were editing it. Check their changes, then remove it again",
			Load:           load,
			Fill: func(d networks.Document) {
				data.Title, data.Summary, data.Tags, data.Link, data.Version = d.Title, d.Summary, d.TagText(), d.Link, d.Version
			},
			Read: func(f url.Values, errs *web.Errors) networks.Document {
				data.Title, data.Summary, data.Tags, data.Link = f.Get("title"), f.Get("summary"), f.Get("tags"), f.Get("link")
				data.Version = web.FormVersion(f, "version")
				d := networks.Document{ID: id, Title: data.Title, Summary: data.Summary, Tags: strings.Split(data.Tags, ","), Link: data.Link, Version: data.Version}
				check := d
				check.Normalise()
				if !data.IsLink {
					check.Link = ""
				}
				web.AddProblems(errs, check.Validate(!data.IsLink), documentOrder)
				return d
			},
			Save: func(d networks.Document) (networks.Document, error) {
				return p.store.ChangeDocument(web.Route(r), net, d)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed networks.Document) []web.Difference {
				data.Version = saved.Version
				typed.Normalise()
				return web.Differences(
					[3]string{"Title", saved.Title, typed.Title},
					[3]string{"Summary", saved.Summary, typed.Summary},
					[3]string{"Tags", saved.TagText(), typed.TagText()},
					[3]string{"Link", saved.Link, typed.Link},
				)
			},
			Done: func(d networks.Document) error {
				web.SetFlash(r, d.Title+" changed")
				http.Redirect(w, r, paths.NetworkLibrary.URL(net), http.StatusSeeOther)
				return nil
			},
			Remove: func(d networks.Document) error { return p.store.RemoveDocument(web.Route(r), net, id, d.Version) },
			Removed: func() error {
				web.SetFlash(r, "Document removed from the library")
				http.Redirect(w, r, paths.NetworkLibrary.URL(net), http.StatusSeeOther)
				return nil
			},
		})
	})
}
