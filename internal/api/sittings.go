package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/sittings"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// ConversationSitting is a conversation sent with the records that came up in it, so that
// POST .../episodes/{episode}/conversations adds them all in one transaction, as the conversation page does: every
// field of a conversation, and the person's new strengths, people who matter, hopes (aspirations), outcomes (each
// with the solutions found for it) and solutions for outcomes the episode already had. Each list may be left out.
// The answer is the same, with every record as added. A problem with a nested record names it by its place, such
// as "outcomes[1].by_when" (pointer "#/outcomes/1/by_when"), and adds nothing.
type ConversationSitting struct {
	Conversation
	Strengths   []Strength       `json:"strengths"`
	Network     []NetworkMember  `json:"network"`
	Aspirations []Aspiration     `json:"aspirations"`
	Outcomes    []SittingOutcome `json:"outcomes"`
	Solutions   []Solution       `json:"solutions"` // each serves outcomes the episode already had (outcome_ids)
}

// SittingOutcome is an outcome sent with a conversation, with the solutions found for it (their outcome_ids are
// left out: they serve this outcome). It serves one of the person's hopes already recorded (aspiration_id), or one
// sent with it: Aspiration is that hope's place in the conversation's aspirations, from 0.
type SittingOutcome struct {
	Outcome
	Aspiration *int       `json:"aspiration"`
	Solutions  []Solution `json:"solutions"`
}

// sittingLists pairs each list of a sitting, as its problems name it, with its name in the JSON.
var sittingLists = []struct{ store, json string }{
	{sittings.StrengthField, "strengths"}, {sittings.NetworkField, "network"}, {sittings.HopeField, "aspirations"},
	{sittings.OutcomeField, "outcomes"}, {sittings.SolutionField, "solutions"},
}

// sittingField names a sitting's field as the JSON does: "outcome_1_solution_0_rung" is
// "outcomes[1].solutions[0].rung", and the conversation's own fields are named as conversationField names them.
func sittingField(field string) string {
	for _, l := range sittingLists {
		rest, ok := strings.CutPrefix(field, l.store+"_")
		if !ok {
			continue
		}
		n, inner, ok := strings.Cut(rest, "_")
		if _, err := strconv.Atoi(n); !ok || err != nil {
			continue
		}
		if l.store == sittings.OutcomeField && strings.HasPrefix(inner, sittings.SolutionField+"_") {
			inner = sittingField(inner)
		}
		if l.store == sittings.OutcomeField && inner == "aspiration_id" {
			inner = "aspiration"
		}
		return l.json + "[" + n + "]." + inner
	}
	return conversationField(field)
}

// record turns the request into the sitting it adds, with the problems only the API finds named as the store
// names them.
func (in ConversationSitting) record(f *fields, personID, episodeID string) sittings.Sitting {
	s := sittings.Sitting{Conversation: in.Conversation.record(f, personID, episodeID)}
	for _, st := range in.Strengths {
		s.Strengths = append(s.Strengths, st.record(personID))
	}
	for _, m := range in.Network {
		s.Network = append(s.Network, m.record())
	}
	for _, a := range in.Aspirations {
		s.Hopes = append(s.Hopes, a.record(personID))
	}
	for i, o := range in.Outcomes {
		var nested fields
		out := sittings.Outcome{Outcome: o.Outcome.record(&nested, personID, episodeID)}
		for _, p := range nested.problems {
			f.add(sittings.EntryField(sittings.OutcomeField, i, p.Field), p.Message)
		}
		if o.Aspiration != nil {
			out.Hope = *o.Aspiration + 1
			if *o.Aspiration < 0 {
				out.Hope = -1
			}
		}
		for _, sol := range o.Solutions {
			out.Solutions = append(out.Solutions, sol.record(personID, episodeID))
		}
		s.Outcomes = append(s.Outcomes, out)
	}
	for _, sol := range in.Solutions {
		s.Solutions = append(s.Solutions, sol.record(personID, episodeID))
	}
	return s
}

func sittingOf(s sittings.Sitting) ConversationSitting {
	out := ConversationSitting{Conversation: conversationOf(s.Conversation), Strengths: listOf(s.Strengths, strengthOf),
		Network: listOf(s.Network, memberOf), Solutions: listOf(s.Solutions, solutionOf)}
	out.Aspirations = listOf(s.Hopes, func(a outcomes.Aspiration) Aspiration {
		return aspirationOf(outcomes.Recorded{Aspiration: a, Version: 1, UpdatedAt: s.Conversation.CreatedAt})
	})
	out.Outcomes = []SittingOutcome{}
	for _, o := range s.Outcomes {
		so := SittingOutcome{Outcome: outcomeOf(o.Outcome), Solutions: listOf(o.Solutions, solutionOf)}
		if o.Hope > 0 {
			so.Aspiration = &[]int{o.Hope - 1}[0]
		}
		out.Outcomes = append(out.Outcomes, so)
	}
	return out
}

// addConversation is POST .../episodes/{episode}/conversations: a conversation, and the records sent with it, added
// together.
func (a *API) addConversation(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return create(w, r, func(in ConversationSitting) (string, int, any, error) {
		var f fields
		s := in.record(&f, id.person, id.episode)
		if len(f.problems) > 0 {
			rules := in.precheck(s.Conversation, sqldb.TodayIn(r.Context()).Time)
			checked := s
			rules = append(rules, checked.Check()...)
			return "", 0, nil, renamed(f.check(rules), sittingField)
		}
		added, err := a.thread.Sittings.Save(r.Context(), id.person, id.episode, s)
		if err != nil {
			return "", 0, nil, renamed(err, sittingField)
		}
		return EpisodePath(id.person, id.episode) + "/conversations/" + added.Conversation.ID, added.Conversation.Version, sittingOf(added), nil
	})
}
