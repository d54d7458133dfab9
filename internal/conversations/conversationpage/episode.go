package conversationpage

import (
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/web"
)

// stepView is one step of the task list with the records in it and the links to record them.
type stepView struct {
	conversations.StepRecord
	Name          string
	Href          string // change the step's status
	Conversations []web.Action
	Links         []web.Action
}

// Tag is the GOV.UK tag class for the step's status.
func (s stepView) Tag() string {
	switch s.Status {
	case conversations.InProgress:
		return "govuk-tag--light-blue"
	case conversations.Completed:
		return ""
	case conversations.NotNeeded:
		return "govuk-tag--grey"
	}
	return "govuk-tag--blue"
}

type episodeData struct {
	web.Page
	Record         conversations.EpisodeRecord
	Steps          []stepView
	Contact        []web.SummaryRow
	Ending         []web.SummaryRow
	CanChange      bool
	Base           string
	Determinations []conversations.Determination
	Crisis         *crisisView // the episode is in crisis
}

// Episode is an episode of work: the contact that opened it, the four steps as a task list with what was recorded
// in each, eligibility determinations, and the result once it has ended. Opening it is logged.
func (p *Pages) Episode() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		rec, err := p.store.Episode(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		ep := rec.Episode
		base := paths.Episode.URL(id, epID)
		data := episodeData{
			Page: web.NewPage(r, "Episode of work"), Record: rec, CanChange: staff(r).Role.ChangesPeople(), Base: base,
			Determinations: rec.Determinations,
		}
		data.Back = paths.Person.URL(id)
		if p.crisis != nil && !ep.Ended() {
			c, ok, err := p.crisis.Banner(web.Route(r), id, epID)
			if err != nil {
				return err
			}
			if ok {
				data.Crisis = &crisisView{Crisis: c, Now: p.crisis.Now(), Href: paths.Crisis.URL(id, epID), CanChange: data.CanChange}
			}
		}
		for _, st := range ep.Steps {
			v := stepView{StepRecord: st, Name: fmt.Sprintf("Step %d: %s", st.Step, st.Step.Label()), Href: StepPath(id, epID, st.Step)}
			for _, c := range rec.Conversations {
				if c.Step == st.Step {
					v.Conversations = append(v.Conversations, web.Action{Href: paths.Conversation.URL(id, epID, c.ID), Text: conversationName(c)})
				}
			}
			newConversation := web.Action{Href: fmt.Sprintf("%s?step=%d", paths.NewConversation.URL(id, epID), st.Step), Text: "Record a conversation", VisuallyHiddenText: fmt.Sprintf(" in step %d", st.Step)}
			switch st.Step {
			case conversations.Step1:
				v.Links = []web.Action{newConversation,
					{Href: paths.Strengths.URL(id) + "?episode=" + epID, Text: "Strengths"},
					{Href: paths.Ecomap.URL(id), Text: "Network and ecomap"},
					{Href: paths.NewDetermination.URL(id, epID), Text: "Record a Care Act eligibility determination"}}
			case conversations.Step2:
				v.Links = []web.Action{newConversation, {Href: paths.Outcomes.URL(id, epID), Text: "Aspirations and outcomes"}}
			case conversations.Step3:
				v.Links = []web.Action{newConversation, {Href: paths.Outcomes.URL(id, epID), Text: "Outcomes"}, {Href: paths.Solutions.URL(id, epID), Text: "Solutions"},
					{Href: paths.Services.URL(id, epID), Text: "Council-funded services"}, {Href: paths.SupportPlans.URL(id, epID), Text: "Support plan"},
					{Href: paths.Thread.URL(id, epID), Text: "The golden thread"}}
			case conversations.Step4:
				v.Links = []web.Action{newConversation, {Href: paths.Reviews.URL(id, epID), Text: "Reviews"}, {Href: paths.Thread.URL(id, epID), Text: "The golden thread"}}
			}
			data.Steps = append(data.Steps, v)
		}
		c := ep.Contact
		data.Contact = []web.SummaryRow{
			{Key: "Date", Value: c.ContactedOn.Format("2 January 2006")},
			{Key: "How they got in touch", Value: c.ChannelLabel()},
			{Key: "Who got in touch", Value: joinNonEmpty(c.ContactBy.Label(), c.ContactName)},
			{Key: "Route of access", Value: c.RouteOfAccess},
			{Key: "Why", Value: c.Reason},
			{Key: "What matters now", Value: orNotRecorded(c.WhatMatters)},
			{Key: "Named worker", Value: orNotRecorded(ep.WorkerName)},
		}
		if ep.Ended() {
			data.Ending = []web.SummaryRow{
				{Key: "Result", Value: resultLabel(ep.Result)},
				{Key: "Ended", Value: fmt.Sprintf("%s, at step %d: %s", ep.EndedOn.Format("2 January 2006"), ep.EndedStep, ep.EndedStep.Label())},
				{Key: "Note", Value: orNotRecorded(ep.EndNote)},
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "conversations/episode.html", data)
	}
}

// conversationName is a conversation as a link names it: when, how and where.
func conversationName(c conversations.Conversation) string {
	s := "Conversation on " + c.HeldOn.Format("2 January 2006") + ", " + strings.ToLower(c.Method.Label())
	if c.Place != "" {
		s += ", " + strings.ToLower(c.Place.Label()[:1]) + c.Place.Label()[1:]
	}
	return s
}

func orNotRecorded(s string) string {
	if s == "" {
		return "Not recorded"
	}
	return s
}

func joinNonEmpty(a, b string) string {
	if b == "" {
		return a
	}
	return a + ": " + b
}
