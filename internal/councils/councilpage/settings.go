package councilpage

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type settingsData struct {
	web.Page
	web.ConflictPanel
	Form    settingsForm
	Version int
	Roles   []web.Item // the roles that may be chosen to see safeguarding records
}

// settingsForm is the settings as typed, kept as text so that a mistake is shown back as it was typed.
type settingsForm struct {
	RequireMFA           string // "yes" or "no"
	Threshold            string // pounds a week; empty for no threshold
	FirstReviewWeeks     string
	RegularReviewMonths  string
	DirectoryCheckMonths string
	CheckInUrgent        string
	CheckInHigh          string
	CheckInRoutine       string
	SafeguardingRoles    []string
	Section42Days        string
	PractitionersLead    string // "yes" or "no"
	CrisisReviewHours    string
	AdvocacyDays         string
}

// setting is one of the council's settings as the conflict panel lists it.
type setting struct{ Label, Value string }

func settingsFormOf(c councils.Council) settingsForm {
	f := settingsForm{
		RequireMFA:           yesNo(c.MFARequired),
		FirstReviewWeeks:     strconv.Itoa(c.FirstReviewWeeks),
		RegularReviewMonths:  strconv.Itoa(c.RegularReviewMonths),
		DirectoryCheckMonths: strconv.Itoa(c.DirectoryCheckMonths),
		CheckInUrgent:        strconv.Itoa(c.CheckInUrgentDays),
		CheckInHigh:          strconv.Itoa(c.CheckInHighDays),
		CheckInRoutine:       strconv.Itoa(c.CheckInRoutineDays),
		Section42Days:        strconv.Itoa(c.Section42DecisionDays),
		PractitionersLead:    yesNo(c.PractitionersLeadEnquiries),
		CrisisReviewHours:    strconv.Itoa(c.CrisisReviewHours),
		AdvocacyDays:         strconv.Itoa(c.AdvocacyActionDays),
	}
	for _, r := range c.SafeguardingRoles.Roles() {
		f.SafeguardingRoles = append(f.SafeguardingRoles, string(r))
	}
	if c.AuthorisationThresholdPence > 0 {
		f.Threshold = web.PoundsInput(c.AuthorisationThresholdPence)
	}
	return f
}

// read checks what was typed and returns the settings, or the problems in the order of the form.
func (f settingsForm) read() (bool, councils.Settings, web.Errors) {
	var errs web.Errors
	var set councils.Settings
	if f.RequireMFA != "yes" && f.RequireMFA != "no" {
		errs.Add("require_mfa", "Select yes if every member of staff must use two-factor sign-in")
	}
	if strings.TrimSpace(f.Threshold) != "" {
		pence, ok := web.ParsePounds(f.Threshold)
		if !ok {
			errs.Add("threshold", "Enter the weekly cost as an amount in pounds, like 350 or 350.50")
		}
		set.AuthorisationThresholdPence = pence
	}
	weeks, err := strconv.Atoi(strings.TrimSpace(f.FirstReviewWeeks))
	if err != nil || weeks < 1 || weeks > councils.MaxFirstReviewWeeks {
		errs.Add("first_review_weeks", fmt.Sprintf("Enter the number of weeks until the first review, from 1 to %d", councils.MaxFirstReviewWeeks))
	}
	months, err := strconv.Atoi(strings.TrimSpace(f.RegularReviewMonths))
	if err != nil || months < 1 || months > councils.MaxRegularReviewMonths {
		errs.Add("regular_review_months", fmt.Sprintf("Enter the number of months between reviews, from 1 to %d", councils.MaxRegularReviewMonths))
	}
	directory, err := strconv.Atoi(strings.TrimSpace(f.DirectoryCheckMonths))
	if err != nil || directory < 1 || directory > councils.MaxDirectoryCheckMonths {
		errs.Add("directory_check_months", fmt.Sprintf("Enter how many months may pass before a directory entry is checked again, from 1 to %d", councils.MaxDirectoryCheckMonths))
	}
	set.FirstReviewWeeks, set.RegularReviewMonths, set.DirectoryCheckMonths = weeks, months, directory
	days := func(field, typed, priority string) int {
		n, err := strconv.Atoi(strings.TrimSpace(typed))
		if err != nil || n < 1 || n > councils.MaxCheckInDays {
			errs.Add(field, fmt.Sprintf("Enter the days between check-ins for %s priority, from 1 to %d", priority, councils.MaxCheckInDays))
		}
		return n
	}
	set.CheckInUrgentDays = days("checkin_urgent_days", f.CheckInUrgent, "urgent")
	set.CheckInHighDays = days("checkin_high_days", f.CheckInHigh, "high")
	set.CheckInRoutineDays = days("checkin_routine_days", f.CheckInRoutine, "routine")
	var roles []councils.Role
	for _, name := range f.SafeguardingRoles {
		r, err := councils.ParseRole(name)
		if err != nil || !r.WorksWithPeople() {
			errs.Add("safeguarding_roles", "Choose roles from the list")
			break
		}
		roles = append(roles, r)
	}
	if len(f.SafeguardingRoles) == 0 {
		errs.Add("safeguarding_roles", "Choose at least one role that may see safeguarding records")
	}
	set.SafeguardingRoles = councils.NewRoleSet(roles...)
	number := func(field, typed string, most int, message string) int {
		n, err := strconv.Atoi(strings.TrimSpace(typed))
		if err != nil || n < 1 || n > most {
			errs.Add(field, fmt.Sprintf(message, most))
		}
		return n
	}
	set.Section42DecisionDays = number("section42_days", f.Section42Days, councils.MaxSection42Days, "Enter the days allowed for the section 42 decision, from 1 to %d")
	if f.PractitionersLead != "yes" && f.PractitionersLead != "no" {
		errs.Add("practitioners_lead", "Select yes if practitioners may lead safeguarding enquiries")
	}
	set.PractitionersLeadEnquiries = f.PractitionersLead == "yes"
	set.CrisisReviewHours = number("crisis_review_hours", f.CrisisReviewHours, councils.MaxCrisisReviewHours, "Enter the hours until a crisis is reviewed, from 1 to %d")
	set.AdvocacyActionDays = number("advocacy_days", f.AdvocacyDays, councils.MaxAdvocacyDays, "Enter the days allowed to arrange an advocate, from 1 to %d")
	return f.RequireMFA == "yes", set, errs
}

// describe is the council's settings as the conflict panel lists them.
func describe(c councils.Council) []setting {
	mfa := "Only administrators"
	if c.MFARequired {
		mfa = "Every member of staff"
	}
	threshold := "None set: no service needs authorising"
	if c.AuthorisationThresholdPence > 0 {
		threshold = "£" + web.PoundsInput(c.AuthorisationThresholdPence) + " a week"
	}
	return []setting{
		{"Two-factor sign-in", mfa},
		{"Weekly cost that needs a team manager’s authorisation", threshold},
		{"First review", strconv.Itoa(c.FirstReviewWeeks) + " weeks after a plan is agreed"},
		{"Later reviews", "Every " + strconv.Itoa(c.RegularReviewMonths) + " months"},
		{"Community directory entries checked", "Every " + strconv.Itoa(c.DirectoryCheckMonths) + " months"},
		{"Check-ins with people waiting", fmt.Sprintf("Urgent every %d days, high every %d days, routine every %d days", c.CheckInUrgentDays, c.CheckInHighDays, c.CheckInRoutineDays)},
		{"Who may see safeguarding records", roleLabels(c.SafeguardingRoles)},
		{"Section 42 decision", fmt.Sprintf("Within %d days of a concern", c.Section42DecisionDays)},
		{"Practitioners may lead enquiries", map[bool]string{true: "Yes", false: "No"}[c.PractitionersLeadEnquiries]},
		{"Crisis review", fmt.Sprintf("Within %d hours of marking a crisis", c.CrisisReviewHours)},
		{"Advocacy arranged", fmt.Sprintf("Within %d days of the need being recorded", c.AdvocacyActionDays)},
	}
}

// Settings changes the council's settings (GET and POST /admin/settings): whether every member of staff must use
// two-factor sign-in (administrators always must), the weekly cost of a service above which a team manager must
// authorise it, when reviews fall due, and how often community directory entries must be checked.
func (p *Pages) Settings() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		me, err := admin(r)
		if err != nil {
			return err
		}
		council, err := p.store.CouncilByID(r.Context(), me.CouncilID)
		if err != nil {
			return err
		}
		data := &settingsData{Page: web.NewPage(r, "Council settings"), Roles: safeguardingChoices()}
		data.Back = paths.StaffList.URL()
		// No Order: read gives the problems in the order of the form.
		return web.Edit(p.tmpl, w, r, data, web.EditForm[councils.Council]{
			Template: "councils/settings.html",
			Conflict: "Someone else changed these settings while you were editing. Check what they saved, then save again to keep your choices",
			Heading:  "What the settings say now",
			// Load is the council read above: after a refused save, what someone else saved.
			Load: func() (councils.Council, error) { return council, nil },
			Fill: func(c councils.Council) { data.Form, data.Version = settingsFormOf(c), c.Version },
			Read: func(form url.Values, errs *web.Errors) councils.Council {
				data.Form = settingsForm{
					RequireMFA:           form.Get("require_mfa"),
					Threshold:            form.Get("threshold"),
					FirstReviewWeeks:     form.Get("first_review_weeks"),
					RegularReviewMonths:  form.Get("regular_review_months"),
					DirectoryCheckMonths: form.Get("directory_check_months"),
					CheckInUrgent:        form.Get("checkin_urgent_days"),
					CheckInHigh:          form.Get("checkin_high_days"),
					CheckInRoutine:       form.Get("checkin_routine_days"),
					SafeguardingRoles:    form["safeguarding_roles"],
					Section42Days:        form.Get("section42_days"),
					PractitionersLead:    form.Get("practitioners_lead"),
					CrisisReviewHours:    form.Get("crisis_review_hours"),
					AdvocacyDays:         form.Get("advocacy_days"),
				}
				data.Version = web.FormVersion(form, "version") // a missing or altered version is refused as a conflict
				mfa, set, problems := data.Form.read()
				*errs = problems
				return councils.Council{MFARequired: mfa, Settings: set, Version: data.Version}
			},
			Save: func(c councils.Council) (councils.Council, error) {
				return c, p.store.UpdateSettings(r.Context(), c.MFARequired, c.Settings, c.Version)
			},
			Compare: func(saved, typed councils.Council) []web.Difference {
				data.Version = saved.Version
				theirs, yours := describe(saved), describe(typed)
				rows := make([][3]string, len(theirs))
				for i := range theirs {
					rows[i] = [3]string{theirs[i].Label, theirs[i].Value, yours[i].Value}
				}
				return web.Differences(rows...)
			},
			Done: func(councils.Council) error {
				web.SetFlash(r, "Settings saved")
				http.Redirect(w, r, paths.Settings.URL(), http.StatusSeeOther)
				return nil
			},
		})
	}
}

// safeguardingChoices are the roles that may be chosen to see safeguarding records: those that open people's records.
func safeguardingChoices() []web.Item {
	var out []web.Item
	for _, r := range councils.Roles {
		if r.WorksWithPeople() {
			out = append(out, web.Item{Value: string(r), Text: r.Label()})
		}
	}
	return out
}

func roleLabels(set councils.RoleSet) string {
	var labels []string
	for _, r := range set.Roles() {
		labels = append(labels, r.Label())
	}
	return strings.Join(labels, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
