package plans

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// RecentAuthorisations is how many of the latest requests for authorisation the finance page lists.
const RecentAuthorisations = 50

// Spend is what finance may read of a council's council-funded support: the services in place (started and not
// ended) with their weekly costs, and the requests for a team manager's authorisation, as totals by team and a
// list of the latest requests. It names no one: a service is counted against the team of the person it is for.
// The figures stay inside the council, so no small number is hidden.
type Spend struct {
	Teams          []TeamSpend // by team name, people in no team last
	Total          TeamSpend   // every team together
	Recent         []SpendAuthorisation
	ThresholdPence int64 // the council's authorisation threshold; zero when it has set none
	At             time.Time
}

// TeamSpend is one team's figures.
type TeamSpend struct {
	TeamID, TeamName string // empty for people allocated to no team
	InPlace          int    // services in place
	WeeklyPence      int64  // their weekly cost, each worked out by Service.WeeklyCostPence
	Waiting          int    // requests for authorisation waiting for a decision
	WaitingPence     int64  // the weekly cost asked for in them
	Authorised       int    // requests authorised
	AuthorisedPence  int64  // the weekly cost authorised in them
	Declined         int    // requests declined
}

// SpendAuthorisation is one request for authorisation as finance reads it: what was asked for, by whom, for which
// team and at what weekly cost, and the decision, without the person's name.
type SpendAuthorisation struct {
	TeamName        string
	ServiceName     string
	WeeklyCostPence int64
	RequestedByName string
	RequestedAt     time.Time
	Decision        Decision
	DecidedByName   string
	DecidedAt       time.Time
}

// spendService is a service in place, as Spend adds it up.
type spendService struct {
	teamID, teamName string
	service          Service
}

// addUpSpend adds the services in place and the requests for authorisation up by team. Withdrawn requests lapsed
// without a decision and count for nothing.
func addUpSpend(services []spendService, requests []spendRequest) ([]TeamSpend, TeamSpend) {
	byTeam := map[string]*TeamSpend{}
	team := func(id, name string) *TeamSpend {
		if t, ok := byTeam[id]; ok {
			return t
		}
		byTeam[id] = &TeamSpend{TeamID: id, TeamName: name}
		return byTeam[id]
	}
	for _, s := range services {
		t := team(s.teamID, s.teamName)
		t.InPlace++
		t.WeeklyPence += s.service.WeeklyCostPence()
	}
	for _, r := range requests {
		t := team(r.teamID, r.TeamName)
		switch r.Decision {
		case Pending:
			t.Waiting++
			t.WaitingPence += r.WeeklyCostPence
		case DecideAuthorise:
			t.Authorised++
			t.AuthorisedPence += r.WeeklyCostPence
		case DecideDecline:
			t.Declined++
		}
	}
	var teams []TeamSpend
	var total TeamSpend
	for _, t := range byTeam {
		teams = append(teams, *t)
		total.InPlace += t.InPlace
		total.WeeklyPence += t.WeeklyPence
		total.Waiting += t.Waiting
		total.WaitingPence += t.WaitingPence
		total.Authorised += t.Authorised
		total.AuthorisedPence += t.AuthorisedPence
		total.Declined += t.Declined
	}
	slices.SortFunc(teams, func(a, b TeamSpend) int {
		if (a.TeamID == "") != (b.TeamID == "") {
			if a.TeamID == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.TeamName, b.TeamName), cmp.Compare(a.TeamID, b.TeamID))
	})
	return teams, total
}

// spendRequest is a request for authorisation with its team's ID, as Spend reads it.
type spendRequest struct {
	SpendAuthorisation
	teamID string
}

// Spend reads the council's spend for finance. Only roles that read spend (councils.Role.ReadsSpend) may; others
// get sqldb.ErrForbidden. It opens no one's record and names no one, so it writes nothing to the access log.
func (s *ServiceStore) Spend(ctx context.Context) (Spend, error) {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return Spend{}, err
	}
	if !staff.Role.ReadsSpend() {
		return Spend{}, fmt.Errorf("read spend as %s: %w", staff.Role, sqldb.ErrForbidden)
	}
	var out Spend
	var services []spendService
	var requests []spendRequest
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		out.At = tx.Now()
		var err error
		if out.ThresholdPence, err = threshold(ctx, tx); err != nil {
			return err
		}
		if services, err = servicesInPlace(ctx, tx, council); err != nil {
			return err
		}
		requests, err = spendRequests(ctx, tx, council)
		return err
	})
	if err != nil {
		return Spend{}, fmt.Errorf("read spend: %w", err)
	}
	out.Teams, out.Total = addUpSpend(services, requests)
	for i, r := range requests {
		if i == RecentAuthorisations {
			break
		}
		out.Recent = append(out.Recent, r.SpendAuthorisation)
	}
	return out, nil
}

const spendTeam = ` JOIN person p ON p.council_id = s.council_id AND p.id = s.person_id
	LEFT JOIN team t ON t.council_id = p.council_id AND t.id = p.team_id`

// servicesInPlace reads the services started and not ended, with the team of the person each is for.
func servicesInPlace(ctx context.Context, tx *sqldb.Tx, council string) ([]spendService, error) {
	rows, err := tx.QueryContext(ctx, `SELECT COALESCE(t.id, ''), COALESCE(t.name, ''), s.service_type, s.component, s.provider,
			s.unit_cost_pence, s.cost_frequency, s.units_hundredths
		FROM service s`+spendTeam+`
		WHERE s.council_id = $1 AND s.status = $2`, council, string(ServiceActive))
	if err != nil {
		return nil, fmt.Errorf("read services in place: %w", err)
	}
	defer rows.Close()
	var out []spendService
	for rows.Next() {
		var s spendService
		var units int64
		if err := rows.Scan(&s.teamID, &s.teamName, &s.service.ServiceType, &s.service.Component, &s.service.Provider,
			&s.service.UnitCostPence, &s.service.Frequency, &units); err != nil {
			return nil, err
		}
		s.service.Units = float64(units) / 100
		out = append(out, s)
	}
	return out, rows.Err()
}

// spendRequests reads every request for authorisation but the withdrawn, newest first.
func spendRequests(ctx context.Context, tx *sqldb.Tx, council string) ([]spendRequest, error) {
	rows, err := tx.QueryContext(ctx, `SELECT COALESCE(t.id, ''), COALESCE(t.name, ''), s.service_type, s.component, s.provider,
			a.weekly_cost_pence, COALESCE(rq.name, ''), a.requested_at, a.decision, COALESCE(dc.name, ''), a.decided_at
		FROM authorisation a
		JOIN service s ON s.council_id = a.council_id AND s.id = a.service_id`+spendTeam+`
		LEFT JOIN staff rq ON rq.council_id = a.council_id AND rq.id = a.requested_by
		LEFT JOIN staff dc ON dc.council_id = a.council_id AND dc.id = a.decided_by
		WHERE a.council_id = $1 AND a.decision <> $2
		ORDER BY a.requested_at DESC, a.id DESC`, council, string(Withdrawn))
	if err != nil {
		return nil, fmt.Errorf("read requests for authorisation: %w", err)
	}
	defer rows.Close()
	var out []spendRequest
	for rows.Next() {
		var r spendRequest
		var svc Service
		var decision string
		var decided *time.Time
		if err := rows.Scan(&r.teamID, &r.TeamName, &svc.ServiceType, &svc.Component, &svc.Provider, &r.WeeklyCostPence,
			&r.RequestedByName, &r.RequestedAt, &decision, &r.DecidedByName, &decided); err != nil {
			return nil, err
		}
		r.ServiceName, r.Decision, r.RequestedAt = ServiceName(svc), Decision(decision), r.RequestedAt.UTC()
		if decided != nil {
			r.DecidedAt = decided.UTC()
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
