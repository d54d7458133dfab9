package api

import (
	"context"
	"net/http"
	"time"

	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Practice studies: a council's studies and each one's results, for a council that reads them into its own reports.
// The store applies who sees what: the quality lead every study, others those of their teams, another council none
// (404). Results are added up by team and, as an export, every count is made safe (disclosure.Safe), and a team's
// shares are given only where enough of its staff kept a diary that they are no one person's. No one's own diary is
// given here.

// PracticeStudyStore is what the API needs of practicestudy.Store.
type PracticeStudyStore interface {
	Studies(ctx context.Context) ([]practicestudy.Study, error)
	Study(ctx context.Context, id string) (practicestudy.Study, error)
	TimeByTeam(ctx context.Context, studyID string) ([]practicestudy.TeamTime, error)
	Engagements(ctx context.Context, studyID string) ([]practicestudy.Engagement, error)
	Case(ctx context.Context, studyID string) (practicestudy.Case, error)
}

// WithPracticeStudies adds the practice study store to the API. Its routes are always listed (Routes), so that the
// OpenAPI document is checked against them.
func (a *API) WithPracticeStudies(s PracticeStudyStore) *API {
	a.practiceStudies = s
	return a
}

// PracticeStudiesPath is where the API's practice studies live.
const PracticeStudiesPath = QualityPath + "/practice-studies"

func (a *API) practiceStudyRoutes() []Route {
	return []Route{
		a.staffRoute("GET "+PracticeStudiesPath, a.listPracticeStudies),
		a.staffRoute("GET "+PracticeStudiesPath+"/{study}", a.getPracticeStudy),
	}
}

// PracticeStudy is a practice study: its name, period, teams and state (worked out from its dates and whether its
// case for change is agreed).
type PracticeStudy struct {
	ID                 string     `json:"id"`
	Name               string     `json:"name"`
	StartsOn           *string    `json:"starts_on"`
	EndsOn             *string    `json:"ends_on"`
	TeamIDs            []string   `json:"team_ids"`
	ManagersSeeDiaries bool       `json:"managers_see_diaries"`
	State              string     `json:"state"`
	AgreedAt           *time.Time `json:"agreed_at"`
	Version            int        `json:"version"`
}

// PracticeStudyResults is a study with what it found: the day in the life by team and for all its teams, the themes
// people with lived experience raised, and the case for change.
type PracticeStudyResults struct {
	Study         PracticeStudy   `json:"study"`
	Teams         []StudyTeamTime `json:"teams"`
	All           StudyTeamTime   `json:"all"`
	Themes        []StudyTheme    `json:"themes"`
	CaseForChange StudyCase       `json:"case_for_change"`
}

// StudyTeamTime is where a team's recorded time went.
type StudyTeamTime struct {
	TeamID            string       `json:"team_id"` // empty for all the study's teams
	TeamName          string       `json:"team_name"`
	Diarists          *int         `json:"diarists"` // rounded to 5; null when from 1 to 5
	Days              *int         `json:"days"`     // rounded to 5; null when from 1 to 5
	WithPeoplePercent *int         `json:"with_people_percent"`
	Shares            []StudyShare `json:"shares"` // empty when too few kept a diary
}

// StudyShare is one kind of activity's part of a team's recorded time.
type StudyShare struct {
	Kind    string `json:"kind"`
	Label   string `json:"label"`
	Minutes int    `json:"minutes"`
	Percent int    `json:"percent"`
}

// StudyTheme is a theme people with lived experience raised, with how many engagements raised it.
type StudyTheme struct {
	Theme       string `json:"theme"`
	Engagements int    `json:"engagements"`
}

// StudyCase is a study's case for change.
type StudyCase struct {
	Summary  string       `json:"summary"`
	AgreedAt *time.Time   `json:"agreed_at"`
	Points   []StudyPoint `json:"points"`
}

// StudyPoint is a finding or recommendation under one of the four headings.
type StudyPoint struct {
	Heading  string `json:"heading"`
	Kind     string `json:"kind"`
	Text     string `json:"text"`
	Evidence string `json:"evidence"`
}

func practiceStudyOf(s practicestudy.Study, today sqldb.Date) PracticeStudy {
	ids := s.TeamIDs
	if ids == nil {
		ids = []string{}
	}
	return PracticeStudy{ID: s.ID, Name: s.Name, StartsOn: dateOrNull(s.From), EndsOn: dateOrNull(s.To), TeamIDs: ids,
		ManagersSeeDiaries: s.ManagersSeeDiaries, State: string(s.StateOn(today)), AgreedAt: timeOrNull(s.AgreedAt), Version: s.Version}
}

func studyTeamTimeOf(t practicestudy.TeamTime) StudyTeamTime {
	out := StudyTeamTime{TeamID: t.TeamID, TeamName: t.TeamName, Diarists: safeCount(disclosure.Safe(t.Diarists)), Days: safeCount(disclosure.Safe(t.Days)),
		Shares: []StudyShare{}}
	shares, shown := t.Shares()
	if !shown || t.Total() == 0 {
		return out
	}
	pc := t.WithPeoplePercent()
	out.WithPeoplePercent = &pc
	out.Shares = listOf(shares, func(s practicestudy.Share) StudyShare {
		return StudyShare{Kind: string(s.Kind), Label: s.Kind.Label(), Minutes: s.Minutes, Percent: s.Percent}
	})
	return out
}

// listPracticeStudies is GET /api/v1/quality/practice-studies: the studies the signed-in member of staff may see,
// newest first.
func (a *API) listPracticeStudies(w http.ResponseWriter, r *http.Request) error {
	ss, err := a.practiceStudies.Studies(r.Context())
	if err != nil {
		return err
	}
	today := sqldb.TodayIn(r.Context())
	sendList(w, listOf(ss, func(s practicestudy.Study) PracticeStudy { return practiceStudyOf(s, today) }))
	return nil
}

// getPracticeStudy is GET /api/v1/quality/practice-studies/{study}: the study with its results.
func (a *API) getPracticeStudy(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) {
		ctx, id := r.Context(), r.PathValue("study")
		s, err := a.practiceStudies.Study(ctx, id)
		if err != nil {
			return 0, nil, err
		}
		teams, err := a.practiceStudies.TimeByTeam(ctx, id)
		if err != nil {
			return 0, nil, err
		}
		es, err := a.practiceStudies.Engagements(ctx, id)
		if err != nil {
			return 0, nil, err
		}
		c, err := a.practiceStudies.Case(ctx, id)
		if err != nil {
			return 0, nil, err
		}
		out := PracticeStudyResults{Study: practiceStudyOf(s, sqldb.TodayIn(ctx)), Teams: listOf(teams, studyTeamTimeOf),
			All: studyTeamTimeOf(practicestudy.Combined(teams)),
			Themes: listOf(practicestudy.CountThemes(es), func(t practicestudy.ThemeCount) StudyTheme {
				return StudyTheme{Theme: t.Theme, Engagements: t.Count}
			}),
			CaseForChange: StudyCase{Summary: c.Summary, AgreedAt: timeOrNull(s.AgreedAt), Points: listOf(c.Points, func(p practicestudy.Point) StudyPoint {
				return StudyPoint{Heading: string(p.Heading), Kind: string(p.Kind), Text: p.Text, Evidence: p.Evidence}
			})}}
		return s.Version, out, nil
	})
}
