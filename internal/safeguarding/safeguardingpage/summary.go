package safeguardingpage

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type summaryTable struct {
	Caption, Column string
	Rows            []safeguarding.Count
}

// period reads the summary's period from its two GOV.UK date inputs, from and to, as every date form in the
// product is entered; boxes left empty take the financial year to date.
func (p *Pages) period(r *http.Request) (from, to sqldb.Date, in [2]web.DateInput, errs web.Errors) {
	from, to = safeguarding.FinancialYearToDate(web.Today(r))
	q := r.URL.Query()
	in = [2]web.DateInput{web.DateInputFrom(q, "from"), web.DateInputFrom(q, "to")}
	for i, f := range []struct {
		name, label string
		into        *sqldb.Date
	}{{"from", "Start of the period", &from}, {"to", "End of the period", &to}} {
		if in[i].IsEmpty() {
			in[i] = web.DateInputOf(f.into.Time)
			continue
		}
		t, de := in[i].Parse(f.label)
		if de != nil {
			errs.AddDate(f.name, de)
			continue
		}
		*f.into = sqldb.NewDate(t)
	}
	if !errs.Any() && to.Before(from.Time) {
		errs.Add("to", "The end of the period must be the same as or after its start")
	}
	return from, to, in, errs
}

// periodQuery is the period as the summary's form sends it.
func periodQuery(from, to sqldb.Date) url.Values {
	q := url.Values{}
	for name, d := range map[string]sqldb.Date{"from": from, "to": to} {
		in := web.DateInputOf(d.Time)
		q.Set(name+"-day", in.Day)
		q.Set(name+"-month", in.Month)
		q.Set(name+"-year", in.Year)
	}
	return q
}

func tables(s safeguarding.Summary) []summaryTable {
	return []summaryTable{
		{"Concluded enquiries by kind", "Kind of enquiry", s.Concluded},
		{"Type of risk (SG2a), concluded enquiries", "Type of risk", s.Types},
		{"Location of risk (SG2b), concluded enquiries", "Location of risk", s.Locations},
		{"Source of risk (SG2b), concluded enquiries", "Source of risk", s.Sources},
		{"Action and result (SG2c), concluded enquiries", "Action and result", s.ActionResults},
		{"Risk outcome (SG2e), where a risk was identified and action taken", "Risk outcome", s.RiskOutcomes},
		{"Mental capacity (SG3a), concluded enquiries", "Did the person lack capacity?", s.Capacity},
		{"Making Safeguarding Personal: asked about desired outcomes (SG4a)", "Asked", s.MSPAsked},
		{"Making Safeguarding Personal: outcomes achieved, by enquiry (SG4a)", "Outcomes achieved", s.MSPAchieved},
		{"Making Safeguarding Personal: each desired outcome", "Achieved", s.OutcomesAchieved},
	}
}

// Summary is the Safeguarding Adults Collection style summary of a period (GET /safeguarding/summary, the period
// entered day, month and year), by default the financial year to date, with a CSV download (format=csv).
func (p *Pages) Summary() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := p.guard(r); err != nil {
			return err
		}
		from, to, in, errs := p.period(r)
		d := struct {
			web.Page
			From, To web.DateInput
			Period   string
			Summary  safeguarding.Summary
			Counts   []web.SummaryRow
			Tables   []summaryTable
			CSVHref  string
		}{Page: web.NewPage(r, "Safeguarding summary"), From: in[0], To: in[1]}
		d.Back = paths.Safeguarding.URL()
		if errs.Any() {
			d.Errors = errs
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "safeguarding/summary.html", d)
		}
		s, err := p.store.Summarise(r.Context(), from, to)
		if err != nil {
			return err
		}
		if r.URL.Query().Get("format") == "csv" {
			return writeCSV(w, s)
		}
		d.Summary, d.Tables = s, tables(s)
		d.Period = dateText(from) + " to " + dateText(to)
		d.Counts = []web.SummaryRow{
			{Key: "Safeguarding concerns received", Value: strconv.Itoa(s.Concerns)},
			{Key: "Section 42 enquiries started", Value: strconv.Itoa(s.Section42Started)},
			{Key: "Other safeguarding enquiries started", Value: strconv.Itoa(s.OtherStarted)},
			{Key: "Enquiries concluded", Value: strconv.Itoa(s.ConcludedEnquiries)},
			{Key: "Section 42 decisions made in time", Value: strconv.Itoa(s.DecisionsInTime)},
			{Key: "Section 42 decisions made late", Value: strconv.Itoa(s.DecisionsLate)},
		}
		q := periodQuery(from, to)
		q.Set("format", "csv")
		d.CSVHref = paths.SafeguardingSummary.URL() + "?" + q.Encode()
		return p.tmpl.Render(w, r, http.StatusOK, "safeguarding/summary.html", d)
	}
}

func writeCSV(w http.ResponseWriter, s safeguarding.Summary) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="safeguarding-`+s.From.String()+`-to-`+s.To.String()+`.csv"`)
	cw := csv.NewWriter(w)
	rows := [][]string{{"table", "category", "count"},
		{"SG1f", "Total Number of Safeguarding Concerns", strconv.Itoa(s.Concerns)},
		{"SG1f", "Total Number of Section 42 Safeguarding Enquiries", strconv.Itoa(s.Section42Started)},
		{"SG1f", "Total Number of Other Safeguarding Enquiries", strconv.Itoa(s.OtherStarted)},
	}
	for _, t := range []struct {
		name string
		rows []safeguarding.Count
	}{{"Concluded", s.Concluded}, {"SG2a", s.Types}, {"SG2b location", s.Locations}, {"SG2b source", s.Sources}, {"SG2c", s.ActionResults},
		{"SG2e", s.RiskOutcomes}, {"SG3a", s.Capacity}, {"SG4a asked", s.MSPAsked}, {"SG4a achieved", s.MSPAchieved}, {"MSP each outcome", s.OutcomesAchieved}} {
		for _, c := range t.rows {
			rows = append(rows, []string{t.name, c.Label, strconv.Itoa(c.N)})
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}
