package councilpage

import (
	"net/url"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/web"
)

// staffForm is what an administrator types about a member of staff, kept as typed.
type staffForm struct {
	Name     string
	Email    string
	Role     string
	TeamIDs  []string
	Status   string // "active" or "disabled"
	Version  int
	creating bool
}

func readStaffForm(form url.Values, creating bool) staffForm {
	f := staffForm{
		Name: strings.Join(strings.Fields(form.Get("name")), " "), Email: strings.TrimSpace(form.Get("email")),
		Role: form.Get("role"), TeamIDs: form["teams"], Status: form.Get("status"), creating: creating,
	}
	f.Version = web.FormVersion(form, "version") // a missing or altered version is refused as a conflict
	return f
}

func formOf(st councils.Staff) staffForm {
	return staffForm{Name: st.Name, Email: st.Email, Role: string(st.Role), TeamIDs: st.TeamIDs, Status: statusValue(st.Disabled()), Version: st.Version}
}

func statusValue(disabled bool) string {
	if disabled {
		return "disabled"
	}
	return "active"
}

// validate checks the form against the council's teams, in the order the fields appear.
func (f staffForm) validate(teams []councils.Team) web.Errors {
	var errs web.Errors
	if f.Name == "" {
		errs.Add("name", "Enter their full name")
	} else if len(f.Name) > 200 {
		errs.Add("name", "Name must be 200 characters or fewer")
	}
	if f.creating {
		switch {
		case f.Email == "":
			errs.Add("email", "Enter their work email address")
		case !looksLikeEmail(f.Email):
			errs.Add("email", "Enter an email address in the correct format, like name@example.gov.uk")
		}
	}
	if _, err := councils.ParseRole(f.Role); err != nil {
		errs.Add("role", "Select what they do")
	}
	for _, id := range f.TeamIDs {
		if !slices.ContainsFunc(teams, func(t councils.Team) bool { return t.ID == id }) {
			errs.Add("teams", "Select teams from the list")
		}
	}
	if !f.creating && f.Status != "active" && f.Status != "disabled" {
		errs.Add("status", "Select whether they can sign in")
	}
	return errs
}

// looksLikeEmail is a light check: one @ with something either side, a dot inside the domain, and no spaces.
func looksLikeEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && !strings.ContainsAny(s, " \t\r\n") && !strings.Contains(domain, "@") &&
		strings.Contains(strings.Trim(domain, "."), ".")
}
