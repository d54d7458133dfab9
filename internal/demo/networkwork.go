package demo

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// SurveyRoundName is the demo network's open round of its staff survey.
const SurveyRoundName = "Spring round (demo)"

// surveyPlan is how many of each council's staff answer the demo round (as many as it has, up to answering), and
// how: answers(i, m, question) is the i-th answer of m. Every count is 0 or at least 6 but one: at most 3 of
// Brackenshire's staff say yes, they have time to spend with the people they support, so that count is withheld,
// and so is the network's count of yes to that statement. A council with fewer than 12 to answer gives one answer
// to each statement, so that no other count falls under 6.
var surveyPlan = []struct {
	answering int
	answers   func(i, m int, question string) string
}{
	{12, func(i, m int, q string) string {
		if q == "time" {
			return either(i < 6 || m < 12, "mostly", "partly")
		}
		return either(i < 6 || m < 12, "yes", "mostly")
	}},
	{12, func(i, m int, q string) string {
		if q == "model" {
			return "yes"
		}
		return either(i < 6 || m < 12, "mostly", "partly")
	}},
	{9, func(i, m int, q string) string {
		switch q {
		case "time":
			return either(i < min(3, m-6), "yes", "no")
		case "learning":
			return "yes"
		}
		return "mostly"
	}},
}

// either is a when first holds, otherwise b.
func either(first bool, a, b string) string {
	if first {
		return a
	}
	return b
}

// addNetworkWork gives the demo network its shared work: a round of its staff survey open now and answered in each
// of its three councils (home first, then the others in order), two peer challenges, and six documents in its
// library. The network's lead does what the network's staff do, each council's quality lead what theirs do, and
// each member of staff answers the survey for themselves, so every rule is kept as it is on the pages.
func addNetworkWork(ctx context.Context, db *sqldb.DB, n networks.Network, lead councils.Staff, members []councils.Council) error {
	work := networks.NewWork(db, networks.NewStore(db))
	as := asStaff(lead)
	round, err := work.OpenRound(as, n.ID, feedback.NewRound{Name: SurveyRoundName, ClosesOn: sqldb.NewDate(db.Today().AddDate(0, 0, 28))})
	if err != nil {
		return fmt.Errorf("open the demo network's survey round: %w", err)
	}
	quality := map[string]councils.Staff{}
	for i, c := range members {
		staff, err := staffOf(ctx, db, c.ID)
		if err != nil {
			return err
		}
		var answering []councils.Staff
		for _, st := range staff {
			if st.Role == councils.QualityLead {
				quality[c.ID] = st
			}
			if networks.AnswersSurvey(st.Role) && len(answering) < surveyPlan[i].answering {
				answering = append(answering, st)
			}
		}
		for answered, st := range answering {
			answers := map[string]string{}
			for _, q := range round.Questions {
				answers[q.Key] = surveyPlan[i].answers(answered, len(answering), q.Key)
			}
			if err := work.AnswerRound(asStaff(st), n.ID, round.ID, answers); err != nil {
				return fmt.Errorf("%s answers the demo network's survey: %w", st.Name, err)
			}
		}
	}
	home, westmere, brackenshire := members[0].ID, members[1].ID, members[2].ID
	today := db.Today()
	first, err := work.SaveChallenge(as, n.ID, networks.Challenge{HostID: westmere, ChallengerIDs: []string{home, brackenshire},
		Theme: "Three Conversations at the front door", StartsOn: sqldb.NewDate(today.AddDate(0, -4, 0)), EndsOn: sqldb.NewDate(today.AddDate(0, -4, 2)),
		Strengths: "Conversation one happens on the first call: staff listen for what matters before anything is offered.\n\nThe innovation site's team meets every morning to unblock what stops a conversation becoming help.",
		Areas:     "Conversation three is recorded in different places by different teams, so long-term support is hard to follow.\n\nCarers are not always asked what matters to them in their own right."})
	if err != nil {
		return fmt.Errorf("add the demo's first peer challenge: %w", err)
	}
	if _, err := work.Respond(asStaff(quality[westmere]), n.ID, first.ID, "We will record conversation three in one place from next quarter, and every front door conversation will ask a carer what matters to them.\n\nOur Principal Social Worker will report progress to the network in six months.", first.Version); err != nil {
		return fmt.Errorf("respond to the demo's first peer challenge: %w", err)
	}
	if _, err := work.SaveChallenge(as, n.ID, networks.Challenge{HostID: home, ChallengerIDs: []string{westmere},
		Theme: "Strengths-based reviews", StartsOn: sqldb.NewDate(today.AddDate(0, 0, -10)), EndsOn: sqldb.NewDate(today.AddDate(0, 0, -9)),
		Strengths: "Reviews begin with the person's own words about what has gone well.",
		Areas:     "Reviews could draw more on the person's network and community connections before services are considered."}); err != nil {
		return fmt.Errorf("add the demo's second peer challenge: %w", err)
	}
	docs := []struct {
		by                   councils.Staff
		title, summary, link string
		tags                 []string
		file                 string
		content              []byte
	}{
		{lead, "Terms of reference of the North Shires practice network", "What the network is for, who takes part and how it decides.", "", []string{"network", "governance"},
			"terms-of-reference.txt", []byte("North Shires practice network: terms of reference (demo)\n\nThe network brings together the Principal Social Workers of its councils to learn from each other's practice models.\n")},
		{lead, "Peer challenge: a guide for host councils", "How to prepare for a peer challenge, and how to respond to what it finds.", "", []string{"peer challenge", "guides"},
			"peer-challenge-guide.txt", []byte("Peer challenge: a guide for host councils (demo)\n\nChoose a theme with your Principal Social Worker. Share your self-assessment a fortnight before.\n")},
		{lead, "Strengths-based approaches: a practice framework", "A national practice framework and handbook for strengths-based approaches.", "https://www.gov.uk/government/publications/strengths-based-social-work-practice-framework-and-handbook", []string{"guides", "practice models"}, "", nil},
		{quality[westmere], "Three Conversations: how Westmere started", "The innovation site, its daily huddle and what changed in the first six months.", "", []string{"three conversations", "practice models"},
			"three-conversations-westmere.txt", []byte("Three Conversations in Westmere (demo)\n\nConversation one: listen and connect. Conversation two: work intensively with people in crisis. Conversation three: build a good life.\n")},
		{quality[brackenshire], "Local area coordination in Brackenshire", "How local area coordinators work alongside the council's teams.", "", []string{"local area coordination", "practice models"},
			"local-area-coordination.txt", []byte("Local area coordination in Brackenshire (demo)\n\nCoordinators are based in communities and walk alongside people before they reach the front door.\n")},
		{quality[home], "Our ROPES prompts for conversations", "The prompts Exampleshire's practitioners use in a strengths-based conversation.", "", []string{"masoss", "practice models"},
			"ropes-prompts.txt", []byte("ROPES prompts (demo)\n\nResources, Options, Possibilities, Exceptions, Solutions.\n")},
	}
	for _, d := range docs {
		if _, err := work.Share(asStaff(d.by), n.ID, networks.Document{Title: d.title, Summary: d.summary, Link: d.link, Tags: d.tags}, d.file, d.content); err != nil {
			return fmt.Errorf("share %q in the demo network's library: %w", d.title, err)
		}
	}
	return nil
}

// staffOf reads a council's staff in the order they were added.
func staffOf(ctx context.Context, db *sqldb.DB, council string) ([]councils.Staff, error) {
	var out []councils.Staff
	err := db.ReadTx(sqldb.WithCouncil(ctx, council), func(tx *sqldb.Tx) error {
		return sqldb.Each(ctx, tx, `SELECT id, name, role FROM staff WHERE council_id = $1 AND disabled_at IS NULL ORDER BY created_at, id`, []any{council},
			func(rows *sql.Rows) error {
				st := councils.Staff{CouncilID: council}
				var role string
				if err := rows.Scan(&st.ID, &st.Name, &role); err != nil {
					return err
				}
				st.Role = councils.Role(role)
				out = append(out, st)
				return nil
			})
	})
	if err != nil {
		return nil, fmt.Errorf("read the staff of a demo council: %w", err)
	}
	return out, nil
}
