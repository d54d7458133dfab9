package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestMarkNav(t *testing.T) {
	t.Parallel()
	nav := []NavItem{{Text: "Home", Href: "/"}, {Text: "People", Href: "/people"}, {Text: "Admin", Href: "/people/admin"}}
	tests := []struct {
		path            string
		current, active string
	}{
		{"/", "Home", ""},
		{"/people", "People", ""},
		{"/people/42", "", "People"},
		{"/people/admin/users", "", "Admin"},
		{"/peoplex", "", ""},
		{"/reviews", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var current, active string
			for _, item := range markNav(nav, tt.path) {
				if item.Current {
					current += item.Text
				}
				if item.Active {
					active += item.Text
				}
			}
			if current != tt.current || active != tt.active {
				t.Errorf("current %q active %q, want %q %q", current, active, tt.current, tt.active)
			}
		})
	}
	if nav[1].Current || nav[1].Active {
		t.Error("markNav changed the navigation in the context")
	}
}

type memFlash struct{ msg string }

func (f *memFlash) PutFlash(_ context.Context, m string) { f.msg = m }
func (f *memFlash) PopFlash(context.Context) string {
	m := f.msg
	f.msg = ""
	return m
}

func TestNewPage(t *testing.T) {
	t.Parallel()
	store := &memFlash{}
	v := &Viewer{StaffID: "s1", Name: "Sam Patel", CouncilName: "Barsetshire County Council"}
	ctx := WithViewer(context.Background(), v)
	ctx = WithNav(ctx, []NavItem{{Text: "People", Href: "/people"}})
	ctx = WithRequestID(ctx, "req-12345678")
	ctx = WithFlashStore(ctx, store)
	r := httptest.NewRequest(http.MethodGet, "/people", nil).WithContext(ctx)

	SetFlash(r, "Outcome saved")
	p := NewPage(r, "People")
	want := Page{
		Title:     "People",
		Viewer:    v,
		Nav:       []NavItem{{Text: "People", Href: "/people", Current: true}},
		RequestID: "req-12345678",
		Flash:     "Outcome saved",
	}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("NewPage (-want +got):\n%s", diff)
	}
	if NewPage(r, "People").Flash != "" {
		t.Error("the flash message was shown twice")
	}

	// Without anything in the context (before sign-in), nothing breaks.
	bare := NewPage(httptest.NewRequest(http.MethodGet, "/sign-in", nil), "Sign in")
	SetFlash(httptest.NewRequest(http.MethodGet, "/", nil), "ignored")
	if bare.Viewer != nil || bare.Nav != nil || bare.Flash != "" {
		t.Errorf("bare page = %+v", bare)
	}
}

func TestNewPagination(t *testing.T) {
	t.Parallel()
	href := func(n int) string { return "/p/" + string(rune('0'+n)) }
	numbers := func(p Pagination) []int {
		var out []int
		for _, it := range p.Items {
			if it.Ellipsis {
				out = append(out, 0)
			} else {
				out = append(out, it.Number)
			}
		}
		return out
	}
	tests := []struct {
		current, total int
		want           []int // 0 is an ellipsis
		prev, next     bool
	}{
		{1, 1, nil, false, false},
		{1, 3, []int{1, 2, 3}, false, true},
		{5, 9, []int{1, 0, 4, 5, 6, 0, 9}, true, true},
		{9, 9, []int{1, 0, 8, 9}, true, false},
		{3, 9, []int{1, 2, 3, 4, 0, 9}, true, true},
		{12, 5, []int{1, 0, 4, 5}, true, false}, // out of range: the last page
	}
	for _, tt := range tests {
		p := NewPagination(tt.current, tt.total, href)
		if diff := cmp.Diff(tt.want, numbers(p)); diff != "" {
			t.Errorf("%d of %d (-want +got):\n%s", tt.current, tt.total, diff)
		}
		if (p.Previous != nil) != tt.prev || (p.Next != nil) != tt.next {
			t.Errorf("%d of %d: previous %v next %v", tt.current, tt.total, p.Previous, p.Next)
		}
	}
}

func TestFormatting(t *testing.T) {
	t.Parallel()
	summer := time.Date(2025, 7, 1, 14, 5, 0, 0, time.UTC) // 3:05pm in London (BST)
	winter := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	noon := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"date", formatDate(summer), "1 July 2025"},
		{"date pointer", formatDate(&summer), "1 July 2025"},
		{"zero date", formatDate(time.Time{}), ""},
		{"nil date", formatDate((*time.Time)(nil)), ""},
		{"datetime in BST", formatDateTime(summer), "1 July 2025 at 3:05pm"},
		{"midnight", formatDateTime(winter), "1 January 2025 at midnight"},
		{"midday", formatTime(noon), "midday"},
		{"plural one", Plural(1, "person", "people"), "1 person"},
		{"plural many", Plural(0, "person", "people"), "0 people"},
		{"join", join(", ", []string{"a", "b"}), "a, b"},
		{"join ints", join("/", []int{1, 2}), "1/2"},
		{"words", words("a", "", nil, false, " b "), "a b"},
		{"itemID first", itemID("f-x", 0), "f-x"},
		{"itemID third", itemID("f-x", 2), "f-x-3"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
