package cld_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/cld/cldtest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestExport(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		worker := a.Staff[councils.Practitioner]
		p1 := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) {
			p.ClientType, p.PrimarySupportReason, p.Gender = "Service user", "Physical Support: Personal care support", "Female"
		}))
		p2 := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) {
			p.GivenName, p.FamilyName, p.NHSNumber, p.ClientType = "Bea", "Otherperson", "999 000 0026", "Service user"
		}))
		pb := peopletest.MustCreate(t, db, b.Staff[councils.Practitioner], peopletest.Person(b.North.ID))
		ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), a.Council.ID), "test")
		rec := &cldtest.Record{T: t, DB: db, Ctx: ctx}

		// p1: a contact that went on to a conversation, a determination of eligible needs, a service running,
		// a service declined, a review held and one scheduled.
		rec.Contact(p1.ID, "1", "2026-01-05", "Discharge from Hospital", "", "", 0)
		rec.Conversation(p1.ID, "1", "2026-01-12")
		rec.StepCompleted("1")
		rec.Do(`INSERT INTO eligibility (council_id, created_at, updated_at, id, person_id, episode_id, kind, eligible, determined_on)
			VALUES ($1, $2, $2, 'el-1', $3, 'e-1', 'adult', TRUE, $4)`, p1.ID, cldtest.Date(t, "2026-02-01"))
		rec.Do(`INSERT INTO service (council_id, created_at, updated_at, id, person_id, episode_id, service_type, component,
			delivery_mechanism, start_on, unit_cost_pence, cost_frequency, units_hundredths, status)
			VALUES ($1, $2, $2, 's-1', $3, 'e-1', 'Long term support: Community', 'Home support or domiciliary care',
			'CASSR commissioned support', $4, 2150, 'hourly', 1000, 'active')`, p1.ID, cldtest.Date(t, "2026-02-10"))
		rec.Do(`INSERT INTO service (council_id, created_at, updated_at, id, person_id, episode_id, service_type, status)
			VALUES ($1, $2, $2, 's-2', $3, 'e-1', 'Long term support: Community', 'declined')`, p1.ID)
		rec.Do(`INSERT INTO review (council_id, created_at, updated_at, id, person_id, episode_id, due_on, reason, status, held_on, method, review_outcome)
			VALUES ($1, $2, $2, 'r-1', $3, 'e-1', $4, 'Planned', 'completed', $4, 'Service user only', 'Fully Met')`, p1.ID, cldtest.Date(t, "2026-08-03"))
		rec.Do(`INSERT INTO review (council_id, created_at, updated_at, id, person_id, episode_id, due_on, status)
			VALUES ($1, $2, $2, 'r-2', $3, 'e-1', $4, 'scheduled')`, p1.ID, cldtest.Date(t, "2027-08-03"))
		// An open request (no conversation, not ended) is never sent; one resolved at the front door is.
		rec.Contact(p1.ID, "2", "2026-03-01", "Community / Other route", "", "", 0)
		rec.Contact(p1.ID, "3", "2026-04-01", "Community / Other route", "2026-04-01", "NFA: Information and advice or signposting", 1)
		// A request completed before the period is not in it.
		rec.Contact(p1.ID, "4", "2024-01-01", "Community / Other route", "2024-02-01", "NFA: Support declined", 1)
		// Step 1's conversations, completed with no determination: a short-term assessment.
		rec.Contact(p1.ID, "5", "2026-05-01", "Community / Other route", "", "", 0)
		rec.Conversation(p1.ID, "5", "2026-05-03")
		rec.Conversation(p1.ID, "5", "2026-05-10")
		rec.StepCompleted("5")

		// p2: a request DHSC would reject three times over.
		rec.Do(`UPDATE person SET nhs_number = '9990000019', client_type = '', updated_at = $2 WHERE council_id = $1 AND id = $3`, p2.ID)
		rec.Contact(p2.ID, "6", "2026-06-01", "", "2026-06-02", "NFA: Support declined", 1)

		// Council B's person, with a request in the period: never in A's return.
		bctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), b.Council.ID), "test")
		(&cldtest.Record{T: t, DB: db, Ctx: bctx}).Contact(pb.ID, "b", "2026-06-01", "Community / Other route", "2026-06-01", "NFA: Support declined", 1)

		p, err := cld.ParseQuarter("2026-Q3")
		if err != nil {
			t.Fatal(err)
		}
		store := cld.NewStore(db)
		rep, err := store.Check(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rows != 8 || rep.People != 2 || rep.Rejected != 3 || rep.OK() {
			t.Fatalf("report: %d rows, %d people, %d rejected; want 8, 2, 3: %+v", rep.Rows, rep.People, rep.Rejected, rep.Problems)
		}
		var fields []string
		for _, rj := range rep.Problems {
			if rj.PersonID != p2.ID {
				t.Errorf("rejection of another person: %+v", rj)
			}
			fields = append(fields, rj.Field)
		}
		slices.Sort(fields)
		if want := []string{"Client_Type", "NHS_Number", "Request_Route_of_Access"}; !slices.Equal(fields, want) {
			t.Errorf("rejected fields %v, want %v", fields, want)
		}
		// The report shows p2's values, so p2's record was viewed; p1's was not.
		if got := peopletest.Logged(t, db, a.Council.ID, p2.ID); !slices.Contains(got, accesslog.View) {
			t.Errorf("p2's access log after the check: %v", got)
		}
		before := peopletest.Logged(t, db, a.Council.ID, p1.ID)
		if slices.Contains(before, accesslog.Export) {
			t.Errorf("p1's access log has an export before any: %v", before)
		}

		// Without leave to send rejects, the write stops.
		var buf bytes.Buffer
		if _, err := store.Write(ctx, p, &buf, false); !errors.Is(err, cld.ErrRejected) {
			t.Fatalf("write with rejects: %v, want ErrRejected", err)
		}

		buf.Reset()
		n, err := store.Write(ctx, p, &buf, true)
		if err != nil || n != 8 {
			t.Fatalf("write: %d rows, %v", n, err)
		}
		lines, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(lines[0], cld.Fields) || len(lines) != 9 {
			t.Fatalf("header %v and %d lines", lines[0], len(lines))
		}
		byRef := map[string]map[string]string{}
		for _, line := range lines[1:] {
			m := map[string]string{}
			for i, f := range cld.Fields {
				m[f] = line[i]
			}
			byRef[m["Event_Reference"]] = m
			if m["LA_Code"] != a.Council.Code || m["Reporting_Period_Start_Date"] != "2025-10-01" || m["Reporting_Period_End_Date"] != "2026-09-30" {
				t.Errorf("submission fields of %s: %s %s %s", m["Event_Reference"], m["LA_Code"], m["Reporting_Period_Start_Date"], m["Reporting_Period_End_Date"])
			}
			if m["LA_Person_Unique_Identifier"] == pb.ID {
				t.Errorf("council B's person is in council A's return")
			}
		}
		want := map[string]map[string]string{
			"c-1": {"Event_Type": "Request", "Event_Start_Date": "2026-01-05", "Event_End_Date": "2026-01-12",
				"Event_Outcome": "Progress to assessment, review or reassessment", "Request_Route_of_Access": "Discharge from Hospital",
				"NHS_Number": "9990000018", "LA_Person_Unique_Identifier": p1.ID, "Gender": "Female", "Date_of_Birth": "1941-06-15",
				"Ethnicity": "No data: Undeclared or not known", "Accommodation_Status": "Unknown"},
			"el-1": {"Event_Type": "Assessment", "Assessment_Type": "Long term assessment", "Eligible_Needs_Identified": "Yes",
				"Event_Start_Date": "2026-01-12", "Event_End_Date": "2026-02-01", "Event_Outcome": "Progress to support planning or services"},
			"s-1": {"Event_Type": "Service", "Event_Start_Date": "2026-02-10", "Event_End_Date": "", "Event_Outcome": "",
				"Service_Type": "Long term support: Community", "Delivery_Mechanism": "CASSR commissioned support",
				"Unit_Cost": "21.50", "Cost_Frequency_Unit_Type": "hourly", "Planned_units_per_week": "10"},
			"r-1": {"Event_Type": "Review", "Review_Reason": "Planned", "Review_Outcomes_Achieved": "Fully Met",
				"Method_of_Review": "Service user only", "Event_End_Date": "2026-08-03"},
			"c-3": {"Event_Type": "Request", "Event_End_Date": "2026-04-01", "Event_Outcome": "NFA: Information and advice or signposting"},
			"c-5": {"Event_Type": "Request", "Event_End_Date": "2026-05-03"},
			"e-5": {"Event_Type": "Assessment", "Assessment_Type": "Short term assessment", "Event_Start_Date": "2026-05-03",
				"Event_End_Date": "2026-05-10", "Event_Outcome": "Progress to support planning or services", "Eligible_Needs_Identified": ""},
			"c-6": {"Event_Type": "Request", "NHS_Number": "9990000019", "Client_Type": "", "Request_Route_of_Access": ""},
		}
		for ref, fields := range want {
			got, ok := byRef[ref]
			if !ok {
				t.Errorf("no row for %s", ref)
				continue
			}
			for f, v := range fields {
				if got[f] != v {
					t.Errorf("%s %s = %q, want %q", ref, f, got[f], v)
				}
			}
		}
		for _, id := range []string{p1.ID, p2.ID} {
			if got := peopletest.Logged(t, db, a.Council.ID, id); !slices.Contains(got, accesslog.Export) {
				t.Errorf("access log of %s after the export: %v", id, got)
			}
		}
		if got := peopletest.Logged(t, db, b.Council.ID, pb.ID); slices.Contains(got, accesslog.Export) {
			t.Errorf("council B's person was logged as exported: %v", got)
		}

		// Council B's return has its own person only.
		brep, err := store.Check(bctx, p)
		if err != nil || brep.Rows != 1 || brep.People != 1 {
			t.Errorf("council B: %+v, %v", brep, err)
		}
	})
}
