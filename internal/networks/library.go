package networks

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Document is a document in a network's shared library: a file kept with it, or a link to one elsewhere, with its
// title, summary and tags. SharedFrom is the member council whose quality lead shared it, or "" for the network's
// staff.
type Document struct {
	ID, NetworkID  string
	Title, Summary string
	Tags           []string
	Link           string
	FileName       string
	MediaType      string
	Size           int
	SharedFrom     string
	SharedBy       string
	SharedAt       time.Time
	Version        int
}

// IsLink says whether the document is a link rather than a file kept here.
func (d Document) IsLink() bool { return d.Link != "" }

// TagText is the tags as the form shows them.
func (d Document) TagText() string { return strings.Join(d.Tags, ", ") }

// Normalise trims what was typed and reads the tags as the library of good practice reads them.
func (d *Document) Normalise() {
	d.Title, d.Summary, d.Link = strings.TrimSpace(d.Title), strings.TrimSpace(d.Summary), strings.TrimSpace(d.Link)
	d.Tags = community.NormaliseTags(strings.Join(d.Tags, ","))
}

// MaxDocumentSize is the largest file the library keeps, as a course's materials: 10 MB.
const MaxDocumentSize = learning.MaxMaterialSize

// DocumentType is the kind of a file by its content alone, as learning checks a course's materials.
func DocumentType(content []byte) (string, error) { return learning.MaterialType(content) }

// Validate checks a document: a title, a summary of reasonable length, and a link that is a web address, or a file
// (hasFile) — one or the other.
func (d Document) Validate(hasFile bool) validation.Problems {
	var ps validation.Problems
	switch {
	case d.Title == "":
		ps.Append("title", "Enter the document’s title")
	case len(d.Title) > 200:
		ps.Append("title", "The title must be 200 characters or fewer")
	}
	if len(d.Summary) > 2000 {
		ps.Append("summary", "The summary must be 2,000 characters or fewer")
	}
	if len(d.Tags) > 10 {
		ps.Append("tags", "Give 10 tags or fewer")
	}
	switch {
	case d.Link != "" && hasFile:
		ps.Append("link", "Give a link or choose a file, not both")
	case d.Link == "" && !hasFile:
		ps.Append("link", "Give a link to the document or choose a file to share")
	case d.Link != "" && !webAddress(d.Link):
		ps.Append("link", "Enter the link as a web address starting https:// or http://")
	}
	return ps
}

func webAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && len(s) <= 2000
}

// Tagged keeps the documents with tag (as NormaliseTags writes it), or all of them for no tag.
func Tagged(docs []Document, tag string) []Document {
	tag = community.NormaliseTag(tag)
	if tag == "" {
		return docs
	}
	var out []Document
	for _, d := range docs {
		if slices.Contains(d.Tags, tag) {
			out = append(out, d)
		}
	}
	return out
}

// AllTags is every tag of docs, sorted, each once.
func AllTags(docs []Document) []string {
	var out []string
	for _, d := range docs {
		for _, t := range d.Tags {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	slices.Sort(out)
	return out
}

// ReadsLibrary: in a member council, the quality lead, team managers and programme leads read the network's
// library.
func ReadsLibrary(r councils.Role) bool {
	return r == councils.QualityLead || r == councils.TeamManager || r == councils.ProgrammeLead
}

// SharesToLibrary: in a member council, the quality lead shares documents to the network's library.
func SharesToLibrary(r councils.Role) bool { return r == councils.QualityLead }
