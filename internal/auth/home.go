package auth

import (
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
)

// Home is the page a member of staff's work starts on, where signing in and the start page ("/") take them:
//
//   - practitioners and team managers: the caseload (a team manager's opens on their team's);
//   - the quality lead: the reviews due across the council's teams, the first sign of practice slipping;
//   - information and advice staff: the front door's contacts waiting to be triaged;
//   - administrators: the council's staff;
//   - finance: spend, the services in place and the authorisations, which is all that role reads;
//   - the programme lead: the implementation programme, which is what that role is for (it opens no person).
//
// A role not listed (none today) lands on finding a person if it works with people, and on sign-in otherwise.
func Home(role councils.Role) string {
	switch role {
	case councils.Practitioner, councils.TeamManager:
		return paths.Caseload.URL()
	case councils.QualityLead:
		return paths.ReviewsDue.URL()
	case councils.DirectoryEditor:
		return paths.FrontDoor.URL()
	case councils.Administrator:
		return paths.StaffList.URL()
	case councils.Finance:
		return paths.Finance.URL()
	case councils.ProgrammeLead:
		return paths.Programme.URL()
	}
	if role.WorksWithPeople() {
		return paths.People.URL()
	}
	return paths.SignIn.URL()
}
