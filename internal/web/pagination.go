package web

// Pagination is the data of govuk/pagination.
type Pagination struct {
	Previous      *PageLink
	Next          *PageLink
	Items         []PageItem
	LandmarkLabel string
	Classes       string
	Attributes    map[string]string
}

// PageLink is the Previous or Next link of a pagination.
type PageLink struct {
	Href string
	// Text replaces "Previous page" or "Next page".
	Text string
	// LabelText names the page linked to, in the block style.
	LabelText string
}

// PageItem is one numbered page, or an ellipsis, in a pagination.
type PageItem struct {
	Number             int
	Href               string
	Current            bool
	Ellipsis           bool
	VisuallyHiddenText string
}

// NewPagination builds a pagination for page current of total (counting
// from 1), as GOV.UK recommends: the first, last, current and adjacent pages,
// with ellipses for the gaps. href gives each page's URL. With one page or
// fewer there is nothing to show, and the zero Pagination is returned.
func NewPagination(current, total int, href func(page int) string) Pagination {
	if total <= 1 {
		return Pagination{}
	}
	current = max(1, min(current, total))
	var p Pagination
	if current > 1 {
		p.Previous = &PageLink{Href: href(current - 1)}
	}
	if current < total {
		p.Next = &PageLink{Href: href(current + 1)}
	}
	gap := false
	for n := 1; n <= total; n++ {
		if n == 1 || n == total || n >= current-1 && n <= current+1 {
			p.Items = append(p.Items, PageItem{Number: n, Href: href(n), Current: n == current})
			gap = false
			continue
		}
		if !gap {
			p.Items = append(p.Items, PageItem{Ellipsis: true})
			gap = true
		}
	}
	return p
}
