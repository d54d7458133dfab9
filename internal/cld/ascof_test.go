package cld_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/cld/cldtest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// service records a service "s-"+id in episode "e-"+episode, open when end is empty.
func service(rec *cldtest.Record, personID, id, episode, serviceType, component, delivery, start, end string) {
	rec.T.Helper()
	status := "ended"
	if end == "" {
		status = "active"
	}
	rec.Do(`INSERT INTO service (council_id, created_at, updated_at, id, person_id, episode_id, service_type, component,
		delivery_mechanism, start_on, end_on, status)
		VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, "s-"+id, personID, "e-"+episode, serviceType, component,
		delivery, cldtest.Date(rec.T, start), cldtest.Date(rec.T, end), status)
}

const (
	stMax       = "Short term support: ST-Max"
	otherST     = "Short term support: Other short term"
	community   = "Long term support: Community"
	residential = "Long term support: Residential care"
	nursing     = "Long term support: Nursing care"
	hospital    = "Discharge from Hospital"
	otherRoute  = "Community / Other route"
	asPlanned   = "NFA: Support ended as planned"
	signposting = "NFA: Information and advice or signposting"
)

// want is one finding as the test expects it: its measure, day, whether it meets the measure, and its group.
func want(measure, on string, in bool, group string) string {
	return fmt.Sprintf("%s %s %v %q", measure, on, in, group)
}

// TestDerive is the derivation's hand-built people for the year 1 October 2025 to 30 September 2026, each with the
// findings worked out by hand from standards.md §1.7 and §2.2, one branch of a definition at a time.
func TestDerive(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		born    string // date of birth, empty for the default (15 June 1941)
		housed  string // accommodation status
		history func(rec *cldtest.Record, id string)
		want    []string
	}{
		{
			name: "reablement after a request, ended as planned: 2A met; the request's sequel is ST-Max within 3 days",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "a", "2026-01-05", otherRoute, "2026-03-01", asPlanned, 3)
				rec.Conversation(id, "a", "2026-01-08")
				service(rec, id, "a", "a", stMax, "Reablement", "", "2026-01-10", "2026-02-20")
			},
			want: []string{
				want(cld.FindingRequestNext, "2026-01-08", false, cld.NextStMax),
				want(cld.FindingConversion, "2026-02-20", false, cld.NextEndedAsPlanned),
				want(cld.FindingShortTermNext, "2026-02-20", false, cld.NextEndedAsPlanned),
				want(cld.FindingIndependence, "2026-02-20", true, cld.NextEndedAsPlanned),
			},
		},
		{
			name:   "long-term support within 7 days: 2A not met; ST-Max 7 days after a request is no sequel of it; the snapshot",
			born:   "1950-03-01",
			housed: "Owner occupier or shared ownership scheme",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "b", "2026-02-20", otherRoute, "", "", 0)
				rec.Conversation(id, "b", "2026-02-22")
				service(rec, id, "b1", "b", stMax, "Reablement", "", "2026-03-01", "2026-03-31")
				service(rec, id, "b2", "b", community, "Home support or domiciliary care", "CASSR managed personal budget", "2026-04-05", "")
			},
			want: []string{
				want(cld.FindingRequestNext, "2026-02-22", false, cld.NextUnableToClassify),
				want(cld.FindingConversion, "2026-03-31", true, cld.NextCommunity),
				want(cld.FindingShortTermNext, "2026-03-31", false, cld.NextLongTerm),
				want(cld.FindingIndependence, "2026-03-31", false, cld.NextLongTerm),
				want(cld.FindingSettled, "2026-09-30", true, ""),
				want(cld.FindingSelfDirected, "2026-09-30", true, ""),
				want(cld.FindingDirectPayment, "2026-09-30", false, ""),
			},
		},
		{
			name:   "long-term support 9 days on is outside the window: unable to classify, counted and shown; admitted at 64, turning 65 later",
			born:   "1961-07-01",
			housed: "Registered care home",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "c", "2026-03-20", otherRoute, "", "", 0)
				service(rec, id, "c1", "c", stMax, "Reablement", "", "2026-04-01", "2026-04-30")
				service(rec, id, "c2", "c", residential, "Long term residential care", "", "2026-05-09", "")
			},
			want: []string{
				want(cld.FindingConversion, "2026-04-30", false, cld.NextUnableToClassify),
				want(cld.FindingShortTermNext, "2026-04-30", false, cld.NextUnableToClassify),
				want(cld.FindingAdmission1864, "2026-05-09", true, cld.SettingResidential),
				want(cld.FindingSettled, "2026-09-30", false, ""),
			},
		},
		{
			name: "long-term support ended within the 3 months before: not a new client, so not in 2A",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "d", "2025-05-20", otherRoute, "2026-03-25", asPlanned, 3)
				rec.Conversation(id, "d", "2025-05-25")
				service(rec, id, "d1", "d", community, "Home support or domiciliary care", "", "2025-06-01", "2026-01-15")
				service(rec, id, "d2", "d", stMax, "Reablement", "", "2026-03-01", "2026-03-20")
			},
			want: []string{
				want(cld.FindingConversion, "2026-03-20", false, cld.NextEndedAsPlanned),
			},
		},
		{
			name: "long-term support ended more than 3 months before: a new client; signposted",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "e", "2025-05-20", otherRoute, "2026-03-25", signposting, 3)
				rec.Conversation(id, "e", "2025-05-25")
				service(rec, id, "e1", "e", community, "Home support or domiciliary care", "", "2025-06-01", "2025-11-30")
				service(rec, id, "e2", "e", stMax, "Reablement", "", "2026-03-05", "2026-03-25")
			},
			want: []string{
				want(cld.FindingConversion, "2026-03-25", false, cld.NextSignposted),
				want(cld.FindingShortTermNext, "2026-03-25", false, cld.NextSignposted),
				want(cld.FindingIndependence, "2026-03-25", true, cld.NextSignposted),
			},
		},
		{
			name: "died after reablement from hospital: excluded from 2A but shown; not at home 91 days on",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "f", "2026-05-28", hospital, "2026-06-10", "NFA: Deceased", 3)
				rec.Conversation(id, "f", "2026-05-29")
				service(rec, id, "f", "f", stMax, "Reablement", "", "2026-06-01", "2026-06-10")
			},
			want: []string{
				want(cld.FindingRequestNext, "2026-05-29", false, cld.NextStMax),
				want(cld.FindingConversion, "2026-06-10", false, cld.NextDeceased),
				want(cld.FindingShortTermNext, "2026-06-10", false, cld.NextDeceased+" (excluded from 2A)"),
				want(cld.FindingAtHome91, "2026-09-30", false, ""),
			},
		},
		{
			name: "turned 65 days before reablement from hospital: in the 91-day measure, still at home",
			born: "1961-05-15",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "g", "2026-05-18", hospital, "2026-06-30", asPlanned, 3)
				rec.Conversation(id, "g", "2026-05-19")
				service(rec, id, "g", "g", stMax, "Reablement", "", "2026-05-20", "2026-06-30")
			},
			want: []string{
				want(cld.FindingRequestNext, "2026-05-19", false, cld.NextStMax),
				want(cld.FindingConversion, "2026-06-30", false, cld.NextEndedAsPlanned),
				want(cld.FindingShortTermNext, "2026-06-30", false, cld.NextEndedAsPlanned),
				want(cld.FindingIndependence, "2026-06-30", true, cld.NextEndedAsPlanned),
				want(cld.FindingAtHome91, "2026-09-30", true, ""),
			},
		},
		{
			name: "still 64 when reablement from hospital began: not in the 91-day measure",
			born: "1961-06-15",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "h", "2026-05-18", hospital, "2026-06-30", asPlanned, 3)
				rec.Conversation(id, "h", "2026-05-19")
				service(rec, id, "h", "h", stMax, "Reablement", "", "2026-05-20", "2026-06-30")
			},
			want: []string{
				want(cld.FindingRequestNext, "2026-05-19", false, cld.NextStMax),
				want(cld.FindingConversion, "2026-06-30", false, cld.NextEndedAsPlanned),
				want(cld.FindingShortTermNext, "2026-06-30", false, cld.NextEndedAsPlanned),
				want(cld.FindingIndependence, "2026-06-30", true, cld.NextEndedAsPlanned),
			},
		},
		{
			name: "in a care home 91 days after reablement from hospital: admitted at 84, and not at home",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "s", "2026-04-10", hospital, "", "", 0)
				rec.Conversation(id, "s", "2026-04-11")
				service(rec, id, "s1", "s", stMax, "Reablement", "", "2026-04-12", "2026-05-10")
				service(rec, id, "s2", "s", residential, "Long term residential care", "", "2026-05-12", "")
			},
			want: []string{
				want(cld.FindingRequestNext, "2026-04-11", false, cld.NextStMax),
				want(cld.FindingConversion, "2026-05-10", true, cld.NextResidential),
				want(cld.FindingShortTermNext, "2026-05-10", false, cld.NextLongTerm),
				want(cld.FindingIndependence, "2026-05-10", false, cld.NextLongTerm),
				want(cld.FindingAdmission65, "2026-05-12", true, cld.SettingResidential),
				want(cld.FindingAtHome91, "2026-09-30", false, ""),
				want(cld.FindingSettled, "2026-09-30", false, ""),
			},
		},
		{
			name: "reablement from hospital a day before the 91-day window (2 April to 1 July 2026): not in it",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "t", "2026-03-30", hospital, "2026-04-20", asPlanned, 3)
				rec.Conversation(id, "t", "2026-03-31")
				service(rec, id, "t", "t", stMax, "Reablement", "", "2026-04-01", "2026-04-20")
			},
			want: []string{
				want(cld.FindingRequestNext, "2026-03-31", false, cld.NextStMax),
				want(cld.FindingConversion, "2026-04-20", false, cld.NextEndedAsPlanned),
				want(cld.FindingShortTermNext, "2026-04-20", false, cld.NextEndedAsPlanned),
				want(cld.FindingIndependence, "2026-04-20", true, cld.NextEndedAsPlanned),
			},
		},
		{
			name: "reablement from hospital a year after the first conversation: the request that ended long before the year still says the route",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "v", "2025-03-01", hospital, "", "", 0)
				rec.Conversation(id, "v", "2025-03-03")
				service(rec, id, "v", "v", stMax, "Reablement", "", "2026-05-01", "2026-05-29")
			},
			want: []string{
				want(cld.FindingConversion, "2026-05-29", false, cld.NextUnableToClassify),
				want(cld.FindingShortTermNext, "2026-05-29", false, cld.NextUnableToClassify),
				want(cld.FindingAtHome91, "2026-09-30", true, ""),
			},
		},
		{
			name: "a conversation-based assessment ending with support declined is the request's sequel",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "u", "2026-02-01", otherRoute, "2026-02-15", "NFA: Support declined", 1)
				rec.Conversation(id, "u", "2026-02-03")
				rec.Conversation(id, "u", "2026-02-10")
				rec.StepCompleted("u")
			},
			want: []string{want(cld.FindingRequestNext, "2026-02-03", false, cld.NextDeclined)},
		},
		{
			name: "reablement ending on the period's last day, nursing care 3 days after it: the sequel is read past the period",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "i", "2026-08-01", otherRoute, "", "", 0)
				rec.Conversation(id, "i", "2026-08-02")
				service(rec, id, "i1", "i", stMax, "Reablement", "", "2026-08-15", "2026-09-30")
				service(rec, id, "i2", "i", nursing, "Long term nursing care", "", "2026-10-03", "")
			},
			want: []string{
				want(cld.FindingRequestNext, "2026-08-02", false, cld.NextUnableToClassify),
				want(cld.FindingConversion, "2026-09-30", true, cld.NextNursing),
				want(cld.FindingShortTermNext, "2026-09-30", false, cld.NextLongTerm),
				want(cld.FindingIndependence, "2026-09-30", false, cld.NextLongTerm),
			},
		},
		{
			name: "a request ending on the period's last day, long-term support 20 days after it: the sequel is read past the period",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "w", "2026-09-20", otherRoute, "", "", 0)
				rec.Conversation(id, "w", "2026-09-30")
				service(rec, id, "w", "w", community, "Home support or domiciliary care", "", "2026-10-20", "")
			},
			want: []string{want(cld.FindingRequestNext, "2026-09-30", false, cld.NextCommunity)},
		},
		{
			name: "ST-Max 3 days apart is one spell; a further one 5 days on is unable to classify, then its own spell",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "j", "2026-01-25", otherRoute, "2026-04-10", signposting, 3)
				service(rec, id, "j1", "j", stMax, "Reablement", "", "2026-02-01", "2026-02-20")
				service(rec, id, "j2", "j", stMax, "Reablement", "", "2026-02-23", "2026-03-15")
				service(rec, id, "j3", "j", stMax, "Reablement", "", "2026-03-20", "2026-04-10")
			},
			want: []string{
				want(cld.FindingConversion, "2026-03-15", false, cld.NextStMax),
				want(cld.FindingShortTermNext, "2026-03-15", false, cld.NextUnableToClassify),
				want(cld.FindingConversion, "2026-04-10", false, cld.NextSignposted),
				want(cld.FindingShortTermNext, "2026-04-10", false, cld.NextSignposted),
				want(cld.FindingIndependence, "2026-04-10", true, cld.NextSignposted),
				want(cld.FindingRequestNext, "2026-04-10", false, cld.NextSignposted),
			},
		},
		{
			name: "self-funding after reablement: excluded from 2A, shown; the request's own outcome",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "k", "2026-06-25", otherRoute, "2026-07-20", "NFA: Self-funded client or under 12wk disregard", 3)
				service(rec, id, "k", "k", stMax, "Reablement", "", "2026-07-01", "2026-07-20")
			},
			want: []string{
				want(cld.FindingRequestNext, "2026-07-20", false, cld.NextSelfFunding),
				want(cld.FindingConversion, "2026-07-20", false, cld.NextSelfFunding),
				want(cld.FindingShortTermNext, "2026-07-20", false, cld.NextSelfFunding+" (excluded from 2A)"),
			},
		},
		{
			name: "a short-term care home stay after reablement: counted in 2A, not met",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "l", "2025-12-20", otherRoute, "", "", 0)
				service(rec, id, "l1", "l", stMax, "Reablement", "", "2026-01-10", "2026-01-31")
				service(rec, id, "l2", "l", otherST, "Short term residential care", "", "2026-02-02", "2026-02-20")
			},
			want: []string{
				want(cld.FindingConversion, "2026-01-31", false, cld.NextShortTermCare),
				want(cld.FindingShortTermNext, "2026-01-31", false, cld.NextShortTermCare),
				want(cld.FindingIndependence, "2026-01-31", false, cld.NextShortTermCare),
			},
		},
		{
			name: "under 18: not in 2A",
			born: "2009-01-01",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "m", "2025-12-20", otherRoute, "", "", 0)
				service(rec, id, "m", "m", stMax, "Reablement", "", "2026-02-01", "2026-02-20")
			},
			want: []string{
				want(cld.FindingConversion, "2026-02-20", false, cld.NextUnableToClassify),
			},
		},
		{
			name:   "a care home earlier on record: the nursing home is no new admission",
			born:   "1940-01-01",
			housed: "Registered nursing home",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "n", "2023-12-20", otherRoute, "", "", 0)
				service(rec, id, "n1", "n", residential, "Long term residential care", "", "2024-01-01", "2024-06-30")
				service(rec, id, "n2", "n", nursing, "Long term nursing care", "", "2026-02-01", "")
			},
			want: []string{want(cld.FindingSettled, "2026-09-30", false, "")},
		},
		{
			name: "admitted to a nursing home on the period's last day, aged 85; no accommodation recorded is not settled",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "o", "2026-09-01", otherRoute, "", "", 0)
				service(rec, id, "o", "o", nursing, "Long term nursing care", "", "2026-09-30", "")
			},
			want: []string{
				want(cld.FindingAdmission65, "2026-09-30", true, cld.SettingNursing),
				want(cld.FindingSettled, "2026-09-30", false, ""),
			},
		},
		{
			name:   "community support by a direct payment agreement: self-directed, and a direct payment",
			housed: "Tenant: Private landlord",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "p", "2024-12-01", otherRoute, "", "", 0)
				service(rec, id, "p", "p", community, "Home support or domiciliary care", "CASSR commissioned support", "2025-01-01", "")
				rec.Do(`INSERT INTO direct_payment (council_id, created_at, updated_at, id, person_id, episode_id, service_id, managed_by, first_payment_on)
					VALUES ($1, $2, $2, 'dp-p', $3, 'e-p', 's-p', 'person', $4)`, id, cldtest.Date(rec.T, "2025-01-01"))
			},
			want: []string{
				want(cld.FindingSettled, "2026-09-30", true, ""),
				want(cld.FindingSelfDirected, "2026-09-30", true, ""),
				want(cld.FindingDirectPayment, "2026-09-30", true, ""),
			},
		},
		{
			name:   "community support beside a residential home: the highest setting is residential, so not in 3D",
			housed: "Registered care home",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "q", "2024-12-01", otherRoute, "", "", 0)
				service(rec, id, "q1", "q", community, "Day support", "Direct payment", "2025-01-01", "")
				service(rec, id, "q2", "q", residential, "Long term residential care", "", "2025-02-01", "")
			},
			want: []string{want(cld.FindingSettled, "2026-09-30", false, "")},
		},
		{
			name: "commissioned community support: neither self-directed nor a direct payment",
			history: func(rec *cldtest.Record, id string) {
				rec.Contact(id, "r", "2024-12-01", otherRoute, "", "", 0)
				service(rec, id, "r", "r", community, "Home support or domiciliary care", "CASSR commissioned support", "2025-01-01", "")
			},
			want: []string{
				want(cld.FindingSettled, "2026-09-30", false, ""),
				want(cld.FindingSelfDirected, "2026-09-30", false, ""),
				want(cld.FindingDirectPayment, "2026-09-30", false, ""),
			},
		},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), a.Council.ID), "test")
		rec := &cldtest.Record{T: t, DB: db, Ctx: ctx}
		ids := make([]string, len(cases))
		for i, c := range cases {
			p := peopletest.MustCreate(t, db, a.Staff[councils.Practitioner], peopletest.Person(a.North.ID, func(p *people.Person) {
				p.NHSNumber, p.ClientType, p.AccommodationStatus = "", "Service user", c.housed
				if c.born != "" {
					p.DateOfBirth, _ = sqldb.ParseDate(c.born)
				}
			}))
			ids[i] = p.ID
			c.history(rec, p.ID)
		}
		// Council B's person, with reablement in the year: never in A's findings.
		pb := peopletest.MustCreate(t, db, b.Staff[councils.Practitioner], peopletest.Person(b.North.ID))
		bctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), b.Council.ID), "test")
		brec := &cldtest.Record{T: t, DB: db, Ctx: bctx}
		brec.Contact(pb.ID, "zb", "2026-01-01", otherRoute, "", "", 0)
		service(brec, pb.ID, "zb", "zb", stMax, "Reablement", "", "2026-01-02", "2026-01-20")

		p, err := cld.ParseQuarter("2026-Q3")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		var refs []string
		err = db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return cld.Derive(ctx, tx, p.Start, p.End, func(f cld.Finding) {
				got[f.PersonID] = append(got[f.PersonID], want(f.Measure, f.On.String(), f.In, f.Group))
				refs = append(refs, f.Ref)
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got[pb.ID]) > 0 {
			t.Errorf("council B's person is in A's findings: %v", got[pb.ID])
		}
		for i, c := range cases {
			g, w := slices.Sorted(slices.Values(got[ids[i]])), slices.Sorted(slices.Values(c.want))
			if !slices.Equal(g, w) {
				t.Errorf("%s:\n got  %s\n want %s", c.name, strings.Join(g, "\n      "), strings.Join(w, "\n      "))
			}
		}

		// Derived for the months of two years at once, each month's findings are exactly those derived for it alone.
		var spans []cld.Span
		for m := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC); m.Year() < 2027; m = m.AddDate(0, 1, 0) {
			spans = append(spans, cld.Span{From: sqldb.NewDate(m), To: sqldb.NewDate(m.AddDate(0, 1, -1))})
		}
		spans = append(spans, cld.Span{From: p.Start, To: p.End})
		each := make([][]string, len(spans))
		err = db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return cld.DeriveEach(ctx, tx, spans, func(i int, f cld.Finding) {
				each[i] = append(each[i], f.PersonID+" "+want(f.Measure, f.On.String(), f.In, f.Group)+" "+f.Ref)
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		counted := 0
		for i, sp := range spans {
			var alone []string
			err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
				return cld.Derive(ctx, tx, sp.From, sp.To, func(f cld.Finding) {
					alone = append(alone, f.PersonID+" "+want(f.Measure, f.On.String(), f.In, f.Group)+" "+f.Ref)
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			counted += len(alone)
			if g, w := slices.Sorted(slices.Values(each[i])), slices.Sorted(slices.Values(alone)); !slices.Equal(g, w) {
				t.Errorf("%s to %s derived with the others:\n got  %s\n want %s", sp.From, sp.To, strings.Join(g, "\n      "), strings.Join(w, "\n      "))
			}
		}
		if counted < 40 {
			t.Errorf("only %d findings across the months: the comparison says little", counted)
		}

		// The export and the measures count the same events: every event a finding rests on that falls in the
		// period is a row of the return the council sends for it.
		var buf bytes.Buffer
		if _, err := cld.NewStore(db).Write(ctx, p, &buf, true); err != nil {
			t.Fatal(err)
		}
		lines, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		ref := slices.Index(cld.Fields, "Event_Reference")
		exported := map[string]bool{}
		for _, line := range lines[1:] {
			exported[line[ref]] = true
		}
		for _, r := range refs {
			if !exported[r] {
				t.Errorf("finding rests on %s, which is not in the return", r)
			}
		}
	})
}
