package capacitypage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type assessmentViewData struct {
	web.Page
	PersonID, EpisodeID string
	View                capacity.AssessmentPage
	AdvocacyPath        string
	OutcomeText         map[string]string
}

// Assessment shows one assessment, its IMCA duty and its best-interests decisions (GET .../capacity/{assessment}).
func (p *Pages) Assessment() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID, aID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("assessment")
		v, err := p.store.Assessment(web.Route(r), id, epID, aID)
		if err != nil {
			return err
		}
		data := assessmentViewData{Page: web.NewPage(r, "Capacity assessment"), PersonID: id, EpisodeID: epID, View: v,
			AdvocacyPath: paths.Advocacy.URL(id, epID), OutcomeText: map[string]string{}}
		for _, o := range v.Outcomes {
			data.OutcomeText[o.ID] = o.Different
		}
		data.Back = paths.Capacity.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "capacity/assessment.html", data)
	}
}
