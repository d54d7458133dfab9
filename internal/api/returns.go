package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The Client Level Data return (internal/cld), as the quality pages give it: a quarter's validation report, each
// value DHSC's validation would reject with the record to fix, and the return itself as CSV, streamed. Only the
// roles that see the whole council have it, since it holds every person with an event in the period. Each person
// whose rejection the report shows is a view in the access log, and each person in the file an export.

// ReturnStore is what the API needs of cld.Store.
type ReturnStore interface {
	Check(ctx context.Context, p cld.Period) (cld.Report, error)
	Write(ctx context.Context, p cld.Period, w io.Writer, allowRejects bool) (int, error)
}

// WithReturns adds the Client Level Data return's store to the API.
func (a *API) WithReturns(s ReturnStore) *API {
	a.returns = s
	return a
}

// ReturnsPath is where the API's Client Level Data returns live: ReturnsPath + "/2026-Q3" is a quarter's report.
const ReturnsPath = "/api/v1/client-level-data"

func (a *API) returnRoutes() []Route {
	return []Route{
		a.staffRoute("GET "+ReturnsPath+"/{quarter}", a.getReturnReport),
		a.staffRoute("GET "+ReturnsPath+"/{quarter}/return.csv", a.getReturnFile),
	}
}

// ReturnReport is a quarter's return as DHSC's validation would find it.
type ReturnReport struct {
	Quarter    string            `json:"quarter"`
	From       string            `json:"from"` // the reporting period: the 12 months to the quarter's end
	To         string            `json:"to"`
	Rows       int               `json:"rows"`
	People     int               `json:"people"`
	Rejected   int               `json:"rejected"`   // every value DHSC would reject
	Rejections []ReturnRejection `json:"rejections"` // the first 1,000 of them, person by person
}

// ReturnRejection is one value DHSC's validation would reject, and the record to fix.
type ReturnRejection struct {
	Rule           string `json:"rule"`
	Field          string `json:"field"`
	Value          string `json:"value"`
	PersonID       string `json:"person_id"`
	EventType      string `json:"event_type"`
	EventReference string `json:"event_reference"`
	Path           string `json:"path"` // the page of the record to fix
}

// returnPeriod reads the quarter of a return's address, and checks the caller may have the return.
func returnPeriod(r *http.Request) (cld.Period, error) {
	if st, _ := councils.StaffFrom(r.Context()); !st.Role.SeesWholeCouncil() {
		return cld.Period{}, sqldb.ErrForbidden
	}
	p, err := cld.ParseQuarter(r.PathValue("quarter"))
	if err != nil {
		var f fields
		f.add("quarter", "The quarter must be a year from 2023 and a quarter, such as 2026-Q3")
		return cld.Period{}, f.check(nil)
	}
	return p, nil
}

// getReturnReport is GET /api/v1/client-level-data/{quarter}: the quarter's validation report.
func (a *API) getReturnReport(w http.ResponseWriter, r *http.Request) error {
	p, err := returnPeriod(r)
	if err != nil {
		return err
	}
	rep, err := a.returns.Check(r.Context(), p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, "application/json", ReturnReport{Quarter: p.Quarter, From: p.Start.String(), To: p.End.String(),
		Rows: rep.Rows, People: rep.People, Rejected: rep.Rejected,
		Rejections: listOf(rep.Problems, func(rj cld.Rejection) ReturnRejection {
			return ReturnRejection{Rule: string(rj.Rule), Field: rj.Field, Value: rj.Value, PersonID: rj.PersonID,
				EventType: rj.EventType, EventReference: rj.EventReference, Path: rj.Path}
		})})
	return nil
}

// getReturnFile is GET /api/v1/client-level-data/{quarter}/return.csv: the return, streamed as CSV. While any value
// would be rejected it is refused with 422, unless ?allow_rejects=true asks for it all the same.
func (a *API) getReturnFile(w http.ResponseWriter, r *http.Request) error {
	p, err := returnPeriod(r)
	if err != nil {
		return err
	}
	allow := false
	if s := r.URL.Query().Get("allow_rejects"); s != "" {
		if allow, err = strconv.ParseBool(s); err != nil {
			var f fields
			f.add("allow_rejects", "allow_rejects must be true or false")
			return f.check(nil)
		}
	}
	rep, err := a.returns.Check(r.Context(), p)
	if err != nil {
		return err
	}
	if !rep.OK() && !allow {
		return &Problem{Status: http.StatusUnprocessableEntity,
			Detail: "DHSC's validation would reject " + rep.Rejections() + " in this return. Fix them first (the report at " +
				ReturnsPath + "/" + p.Quarter + " lists each with the record to fix), or ask again with allow_rejects=true."}
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="client-level-data-`+p.Quarter+`.csv"`)
	_, err = a.returns.Write(r.Context(), p, w, allow)
	if errors.Is(err, cld.ErrRejected) {
		// The record changed between the check and the write: the file is cut short, which its reader sees.
		return nil
	}
	return err
}
