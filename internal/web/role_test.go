package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
)

// TestRequires holds the role wrappers to the 403 page for a role the page does not allow, before the handler
// runs, and to letting everyone read a page that only its changes require a role for.
func TestRequires(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		wrap    func(councils.Role) bool
		change  bool
		role    councils.Role
		method  string
		wantRan bool
	}{
		{"a role that changes people", councils.Role.ChangesPeople, false, councils.Practitioner, "GET", true},
		{"finance refused the form", councils.Role.ChangesPeople, false, councils.Finance, "GET", false},
		{"finance reads the page", councils.Role.ChangesPeople, true, councils.Finance, "GET", true},
		{"finance refused the change", councils.Role.ChangesPeople, true, councils.Finance, "POST", false},
		{"nobody signed in", councils.Role.ChangesPeople, false, "", "GET", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ran := false
			h := Handler(func(http.ResponseWriter, *http.Request) error { ran = true; return nil })
			if tt.change {
				h = RequiresToChange(tt.wrap, h)
			} else {
				h = Requires(tt.wrap, h)
			}
			r := httptest.NewRequest(tt.method, "/people/1", nil)
			if tt.role != "" {
				r = r.WithContext(councils.WithStaff(r.Context(), councils.Staff{ID: "s1", Role: tt.role}))
			}
			err := h(httptest.NewRecorder(), r)
			if ran != tt.wantRan {
				t.Errorf("handler ran = %v, want %v", ran, tt.wantRan)
			}
			if !tt.wantRan && StatusOf(err) != http.StatusForbidden {
				t.Errorf("status = %d, want 403", StatusOf(err))
			}
			if Can(r, tt.wrap) != (tt.role == councils.Practitioner) {
				t.Errorf("Can = %v for %q", Can(r, tt.wrap), tt.role)
			}
		})
	}
}
