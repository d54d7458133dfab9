package caseloads

import "github.com/golden-thread/goldenthread/internal/councils"

// Opening is the caseload a member of staff sees when they ask for none in particular: a team manager's first
// team, since their work is their team's people rather than their own; everyone else their own people.
func Opening(st councils.Staff, page int) Filter {
	if st.Role == councils.TeamManager && len(st.TeamIDs) > 0 {
		return Filter{TeamID: st.TeamIDs[0], Page: page}
	}
	return Filter{WorkerID: st.ID, Page: page}
}
