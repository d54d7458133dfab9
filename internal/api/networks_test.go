package api_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/networks/networkstest"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// Networks through the API keep the pages' walls: the network's lead reads its network and the comparison of its
// current members only; a council's programme lead finds no network; a council's administrator joins by code,
// records decisions with If-Match, and a stale one is 412; a decision that does not follow, or leaving without a
// reason, is 422 and records nothing; and another council sees none of it.
func TestNetworksAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ask := asker(t, site, site.Tokens(t))
		c := peopletest.NewCouncil(t, db, "E06000903")
		n := networkstest.New(t, db, "NORTH-SHIRES", false, site.A, c)
		networkstest.Leave(t, db, n.Network, c, "Our partnership has ended")
		other := networkstest.New(t, db, "ELSEWHERE", false)
		adminA, adminB, leadA := site.A.Staff[councils.Administrator], site.B.Staff[councils.Administrator], site.A.Staff[councils.ProgrammeLead]
		decisions := func() string {
			return fmt.Sprint(dbtest.Numbers(t, db, "", []string{`SELECT count(*) FROM network_decision WHERE network_id = $1`}, n.Network.ID))
		}

		res, body := ask(n.Lead, "GET", api.NetworkPath, "")
		var got api.Network
		if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 200 || len(got.Members) != 1 || got.Members[0].CouncilID != site.A.Council.ID ||
			len(got.Left) != 1 || got.Left[0].LeftReason != "Our partnership has ended" || got.JoinCode != n.Network.JoinCode {
			t.Fatalf("the network: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(leadA, "GET", api.NetworkPath, ""); res.StatusCode != 404 {
			t.Errorf("a council's programme lead found a network: %d", res.StatusCode)
		}
		if res, _ := ask(adminA, "GET", api.NetworkPath, ""); res.StatusCode != 403 {
			t.Errorf("a council's administrator read a network as its staff: %d", res.StatusCode)
		}

		res, body = ask(n.Lead, "GET", api.NetworkPath+"/comparison?quarter=2026-Q3&measure=reviews-on-time", "")
		var cmp api.NetworkComparison
		if err := json.Unmarshal([]byte(body), &cmp); err != nil || res.StatusCode != 200 || cmp.Councils != 1 || len(cmp.Measures) != 1 ||
			len(cmp.Measures[0].ByCouncil) != 1 || cmp.Measures[0].ByCouncil[0].Key != site.A.Council.ID || cmp.From != "2026-07-01" {
			t.Fatalf("the comparison: %d %s", res.StatusCode, body)
		}
		res, body = ask(n.Lead, "GET", api.NetworkPath+"/comparison?quarter=summer&measure=happiness", "")
		problemOf(t, "a quarter and a measure that are not", res, body, 422, []string{"measure", "quarter"})
		if res, body := ask(other.Lead, "GET", api.NetworkPath+"/comparison", ""); res.StatusCode != 200 || !json.Valid([]byte(body)) {
			t.Errorf("an empty network's comparison: %d %s", res.StatusCode, body)
		} else if err := json.Unmarshal([]byte(body), &cmp); err != nil || cmp.Councils != 0 || len(cmp.Measures[0].ByCouncil) != 0 {
			t.Errorf("an empty network compared %d councils: %s", cmp.Councils, apptest.Excerpt(body))
		}
		if res, _ := ask(leadA, "GET", api.NetworkPath+"/comparison", ""); res.StatusCode != 404 {
			t.Errorf("a council's programme lead ran a comparison: %d", res.StatusCode)
		}

		// A council's administrator.
		res, body = ask(adminA, "GET", api.NetworksPath, "")
		var mine struct{ Items []api.CouncilNetwork }
		if err := json.Unmarshal([]byte(body), &mine); err != nil || res.StatusCode != 200 || len(mine.Items) != 1 || !mine.Items[0].Member || mine.Items[0].Version != 2 {
			t.Fatalf("the council's networks: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(site.A.Staff[councils.QualityLead], "GET", api.NetworksPath, ""); res.StatusCode != 403 {
			t.Errorf("a quality lead read the council's networks: %d", res.StatusCode)
		}
		if res, _ := ask(adminB, "GET", api.NetworksPath+"/"+n.Network.ID, ""); res.StatusCode != 404 {
			t.Errorf("a council never in the network read it: %d", res.StatusCode)
		}
		path := api.NetworksPath + "/" + n.Network.ID + "/decisions"
		ifMatch := func(v int) []string { return []string{"If-Match", strconv.Quote(strconv.Itoa(v))} }
		for _, r := range []struct {
			name   string
			as     councils.Staff
			body   string
			header []string
			status int
			fields []string
		}{
			{"no If-Match", adminA, `{"decision":"share"}`, nil, 428, nil},
			{"a stale version", adminA, `{"decision":"share"}`, ifMatch(1), 412, nil},
			{"joining a network it is in", adminA, `{"decision":"join"}`, ifMatch(2), 422, []string{"decision"}},
			{"stopping sharing what it never shared", adminA, `{"decision":"stop_sharing"}`, ifMatch(2), 422, []string{"decision"}},
			{"a decision there is not", adminA, `{"decision":"merge"}`, ifMatch(2), 422, []string{"decision"}},
			{"leaving without a reason", adminA, `{"decision":"leave","reason":" "}`, ifMatch(2), 422, []string{"reason"}},
			{"deciding as the quality lead", site.A.Staff[councils.QualityLead], `{"decision":"share"}`, ifMatch(2), 403, nil},
			{"deciding from another council", adminB, `{"decision":"leave","reason":"x"}`, ifMatch(1), 404, nil},
		} {
			res, body := ask(r.as, "POST", path, r.body, r.header...)
			if r.fields != nil {
				problemOf(t, r.name, res, body, r.status, r.fields)
			} else if res.StatusCode != r.status {
				t.Errorf("%s: %d, want %d: %s", r.name, res.StatusCode, r.status, body)
			}
		}
		if got := strings.TrimSpace(decisions()); got != "3" {
			t.Errorf("refused decisions were recorded: %s decisions", got)
		}
		res, body = ask(adminA, "POST", path, `{"decision":"share"}`, ifMatch(2)...)
		var after api.CouncilNetwork
		if err := json.Unmarshal([]byte(body), &after); err != nil || res.StatusCode != 200 || !after.Shares || after.Version != 3 || res.Header.Get("ETag") != `"3"` ||
			len(after.Decisions) != 2 || after.Decisions[1].DecidedBy != adminA.ID {
			t.Fatalf("sharing: %d %s", res.StatusCode, body)
		}

		// Joining by code.
		refuses(t, ask, api.NetworksPath, decisions, []refusal{
			{"a code no network has", adminB, `{"join_code":"NOPE-NOPE"}`, 422, []string{"join_code"}},
			{"no code", adminB, `{"join_code":""}`, 422, []string{"join_code"}},
			{"joining again", adminA, `{"join_code":"` + n.Network.JoinCode + `"}`, 422, []string{"decision"}},
			{"joining as a practitioner", site.B.Staff[councils.Practitioner], `{"join_code":"` + n.Network.JoinCode + `"}`, 403, nil},
		})
		res, body = ask(adminB, "POST", api.NetworksPath, `{"join_code":"`+n.Network.JoinCode+`"}`)
		if res.StatusCode != 201 || res.Header.Get("Location") != api.NetworksPath+"/"+n.Network.ID {
			t.Fatalf("joining by code: %d %s", res.StatusCode, body)
		}
		members, err := networks.NewStore(db).CurrentMembers(peopletest.As(n.Lead))
		if err != nil || len(members) != 2 {
			t.Errorf("after B joined, the members are %+v (%v)", members, err)
		}
	})
}

// networkEnums are the networks fragment's lists of values: the decisions a council makes, and how it joined.
func networkEnums() []enumRule {
	return []enumRule{
		{"#/components/schemas/NetworkDecide/properties/decision/enum", values(networks.Decisions()...)},
		{"#/components/schemas/NetworkDecision/properties/decision/enum", values(networks.Decisions()...)},
		{"#/components/schemas/NetworkMembership/properties/joined_how/enum", []string{networks.ByInvitation, networks.ByCode}},
	}
}

func TestNetworkEnums(t *testing.T) {
	t.Parallel()
	checkEnums(t, openAPI(t), networkEnums())
}
