package auditpage

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type newRoundData struct {
	web.Page
	web.ConflictPanel
	Tools                                              []web.Item
	Strata                                             []web.Item
	Name, ToolID, PerTeam, SharePercent, Stratify      string
	ExcludeMonths, ModerationPercent, Seed, NotOwnTeam string
	StartsOn, EndsOn                                   web.DateInput
}

var newRoundOrder = []string{"name", "tool_id", "starts_on", "ends_on", "per_team", "share_percent", "stratify", "exclude_months",
	"not_own_team", "moderation_percent", "seed"}

// whole reads a whole number typed in a form, adding a problem when it is not one; empty is 0.
func whole(errs *web.Errors, s, field, message string) int {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		errs.Add(field, message)
		return 0
	}
	return n
}

// NewRound creates an audit round with its sample (GET and POST /quality/rounds/new): for the quality lead.
func (p *Pages) NewRound() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		data := &newRoundData{Page: web.NewPage(r, "Create an audit round"), Strata: strata()}
		data.Back = paths.Quality.URL()
		var caseFileTool string
		return web.Edit(p.tmpl, w, r, data, web.EditForm[audits.NewRound]{
			Template: "quality/new_round.html",
			Order:    newRoundOrder,
			Load: func() (audits.NewRound, error) {
				tools, err := p.store.Tools(web.Route(r))
				data.Tools = nil
				caseFileTool = ""
				for _, t := range tools {
					data.Tools = append(data.Tools, web.Item{Value: t.ID, Text: fmt.Sprintf("%s (version %d)", t.Name, t.Version)})
					if t.Kind == audits.CaseFile && caseFileTool == "" {
						caseFileTool = t.ID
					}
				}
				return audits.NewRound{}, err
			},
			Fill: func(audits.NewRound) {
				today := web.Today(r).Time
				data.StartsOn, data.EndsOn = web.DateInputOf(today), web.DateInputOf(today.AddDate(0, 0, 13))
				data.PerTeam, data.ExcludeMonths, data.ModerationPercent = "5", "6", "10"
				data.Seed = strconv.FormatInt(audits.NewSeed(), 10)
				data.ToolID = caseFileTool // the usual round; a supervision round is chosen
			},
			Read: func(f url.Values, errs *web.Errors) audits.NewRound {
				data.Name, data.ToolID, data.PerTeam, data.SharePercent = f.Get("name"), f.Get("tool_id"), f.Get("per_team"), f.Get("share_percent")
				data.Stratify, data.ExcludeMonths, data.ModerationPercent = f.Get("stratify"), f.Get("exclude_months"), f.Get("moderation_percent")
				data.Seed, data.NotOwnTeam = f.Get("seed"), f.Get("not_own_team")
				data.StartsOn, data.EndsOn = web.DateInputFrom(f, "starts_on"), web.DateInputFrom(f, "ends_on")
				n := audits.NewRound{Name: data.Name, ToolID: data.ToolID, Stratify: audits.Stratum(data.Stratify), NotOwnTeam: data.NotOwnTeam == "yes",
					StartsOn:      web.ReadDate(errs, data.StartsOn, "starts_on", "Date the round starts"),
					EndsOn:        web.ReadDate(errs, data.EndsOn, "ends_on", "Date audits are due"),
					PerTeam:       whole(errs, data.PerTeam, "per_team", "Number for each team must be a whole number, like 5"),
					SharePercent:  whole(errs, data.SharePercent, "share_percent", "Share for each team must be a whole number, like 5"),
					ExcludeMonths: whole(errs, data.ExcludeMonths, "exclude_months", "Months must be a whole number, like 6"),
					ModerationPercent: whole(errs, data.ModerationPercent, "moderation_percent",
						"Share moderated must be a whole number, like 10"),
					Seed: int64(whole(errs, data.Seed, "seed", "Sampling number must be a whole number, like 4071")),
				}
				// A field whose typing could not be read keeps that message: the first for a field stands.
				web.AddProblems(errs, n.Validate(), newRoundOrder)
				return n
			},
			Save: func(n audits.NewRound) (audits.NewRound, error) {
				round, sampled, err := p.store.CreateRound(web.Route(r), n)
				if err == nil {
					web.SetFlash(r, fmt.Sprintf("%s created: %s sampled and allocated", round.Name, round.Sampled(sampled)))
					data.Back = paths.AuditRound.URL(round.ID)
				}
				return n, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(audits.NewRound) error {
				http.Redirect(w, r, data.Back, http.StatusSeeOther)
				return nil
			},
		})
	})
}

func strata() []web.Item {
	var out []web.Item
	for _, s := range audits.Strata() {
		out = append(out, web.Item{Value: string(s), Text: s.Label()})
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
