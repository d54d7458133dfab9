package workforce

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The record has no function that counts its work by team and day (insight's measures count shares and waits, not
// volumes), so these queries are written once here. Each counts by team and day, which both engines group alike;
// the months are made from the days in Go. A contact and the work of an episode belong to the episode's team; a
// safeguarding concern to the team of the person it is about. New contacts are first contacts, not the check-ins
// with people waiting that the front door records as contacts too.
var volumeQueries = []struct {
	name  string
	query string
	count func(v *Volumes, n int, extra string)
}{
	{"new contacts", `SELECT e.team_id, c.contacted_on, '', count(DISTINCT c.id) FROM contact c
		LEFT JOIN episode e ON e.council_id = c.council_id AND e.contact_id = c.id
		WHERE c.council_id = $1 AND c.kind = 'contact' AND c.contacted_on >= $2 AND c.contacted_on <= $3 GROUP BY e.team_id, c.contacted_on`,
		func(v *Volumes, n int, _ string) { v.Counts[Contact] += n }},
	{"episodes begun", `SELECT team_id, opened_on, '', count(*) FROM episode
		WHERE council_id = $1 AND opened_on >= $2 AND opened_on <= $3 GROUP BY team_id, opened_on`,
		func(v *Volumes, n int, _ string) { v.EpisodesBegun += n }},
	{"episodes ended", `SELECT team_id, ended_on, result, count(*) FROM episode
		WHERE council_id = $1 AND ended_on >= $2 AND ended_on <= $3 GROUP BY team_id, ended_on, result`,
		func(v *Volumes, n int, result string) {
			switch result {
			case codelists.EventOutcomeReablement:
				v.ShortTerm += n
			case codelists.EventOutcomeSupportPlanning:
				v.LongTerm += n
			}
		}},
	{"conversations", `SELECT e.team_id, c.held_on, '', count(*) FROM conversation c
		JOIN episode e ON e.council_id = c.council_id AND e.id = c.episode_id
		WHERE c.council_id = $1 AND c.held_on >= $2 AND c.held_on <= $3 GROUP BY e.team_id, c.held_on`,
		func(v *Volumes, n int, _ string) { v.Counts[Conversation] += n }},
	{"plans agreed", `SELECT e.team_id, p.agreed_on, '', count(*) FROM support_plan p
		JOIN episode e ON e.council_id = p.council_id AND e.id = p.episode_id
		WHERE p.council_id = $1 AND p.agreed_on >= $2 AND p.agreed_on <= $3 GROUP BY e.team_id, p.agreed_on`,
		func(v *Volumes, n int, _ string) { v.Counts[Plan] += n }},
	{"reviews due", `SELECT e.team_id, r.due_on, '', count(*) FROM review r
		JOIN episode e ON e.council_id = r.council_id AND e.id = r.episode_id
		WHERE r.council_id = $1 AND r.due_on >= $2 AND r.due_on <= $3 GROUP BY e.team_id, r.due_on`,
		func(v *Volumes, n int, _ string) { v.Counts[Review] += n }},
}

// readVolumes counts each team's work in each month of the period: the teams in the council's order, then work the
// record gives no team (only when there is some).
func readVolumes(ctx context.Context, tx *sqldb.Tx, teams []councils.Team, p Period) ([]TeamVolumes, error) {
	months := p.Months()
	byTeam := map[string][]MonthVolumes{}
	cell := func(team string, day time.Time) *Volumes {
		rows, ok := byTeam[team]
		if !ok {
			rows = make([]MonthVolumes, len(months))
			for i, m := range months {
				rows[i] = MonthVolumes{Month: m, Volumes: Volumes{Counts: map[Activity]int{}}}
			}
			byTeam[team] = rows
		}
		i := slices.IndexFunc(months, func(m time.Time) bool { return m.Year() == day.Year() && m.Month() == day.Month() })
		if i < 0 {
			return &Volumes{Counts: map[Activity]int{}}
		}
		return &rows[i].Volumes
	}
	args := []any{tx.Council(), p.From, p.To}
	for _, q := range volumeQueries {
		err := sqldb.Each(ctx, tx, q.query, args, func(rows *sql.Rows) error {
			var team sql.NullString
			var day sqldb.Date
			var extra string
			var n int
			if err := rows.Scan(&team, &day, &extra, &n); err != nil {
				return err
			}
			q.count(cell(team.String, day.Time), n, extra)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("count the %s: %w", q.name, err)
		}
	}
	// A concern is received at a moment: its UK day decides its month, so it is read a day either side and placed
	// here.
	err := sqldb.Each(ctx, tx, `SELECT p.team_id, s.received_at FROM safeguarding_concern s
		JOIN person p ON p.council_id = s.council_id AND p.id = s.person_id
		WHERE s.council_id = $1 AND s.received_at >= $2 AND s.received_at < $3`,
		[]any{tx.Council(), p.From.AddDate(0, 0, -1), p.To.AddDate(0, 0, 2)}, func(rows *sql.Rows) error {
			var team sql.NullString
			var at time.Time
			if err := rows.Scan(&team, &at); err != nil {
				return err
			}
			if day := sqldb.UKDate(at); !day.Before(p.From.Time) && !day.After(p.To.Time) {
				cell(team.String, day.Time).Counts[Safeguarding]++
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("count the safeguarding concerns: %w", err)
	}
	var out []TeamVolumes
	for _, t := range append(teams, councils.Team{Name: NoTeam}) {
		rows, ok := byTeam[t.ID]
		if !ok && t.ID == "" {
			continue
		}
		if !ok {
			cell(t.ID, time.Time{})
			rows = byTeam[t.ID]
		}
		out = append(out, TeamVolumes{TeamID: t.ID, TeamName: t.Name, Months: rows})
	}
	return out, nil
}

// NoTeam names the work the record gives no team.
const NoTeam = "No team recorded"
