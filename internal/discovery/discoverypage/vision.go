package discoverypage

import (
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type visionData struct {
	web.Page
	Sections []section
	Current  discovery.VisionVersion
	Has      bool
	Earlier  []discovery.VisionVersion
	Changes  bool
}

// Vision is the vision statement (GET /programme/vision): the current version, the latest agreed, with who
// co-produced it, and every earlier version as it was agreed.
func (p *Pages) Vision() web.Handler {
	return web.Requires(reads, func(w http.ResponseWriter, r *http.Request) error {
		v, err := p.store.Vision(web.Route(r))
		if err != nil {
			return err
		}
		data := visionData{Page: web.NewPage(r, "The vision"), Sections: sections(), Earlier: v.Earlier(), Changes: web.Can(r, changes)}
		data.Current, data.Has = v.Current()
		return p.tmpl.Render(w, r, http.StatusOK, "discovery/vision.html", data)
	})
}

type visionForm struct {
	web.Page
	web.ConflictPanel
	Statement   string
	AgreedOn    web.DateInput
	Who         []web.Item
	CoProducers []string
	Session     string
}

var visionOrder = []string{"statement", "agreed_on", "co_producers", "session"}

// NewVision records a newly agreed version of the vision (GET and POST /programme/vision/new), which becomes the
// current one when it is the latest agreed. The form starts from the current wording. Versions are never changed, so
// the form only adds.
func (p *Pages) NewVision() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		data := &visionForm{Page: web.NewPage(r, "Record a new version of the vision"), Who: choices(discovery.CoProducers)}
		data.Back = paths.ProgrammeVision.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[discovery.VisionVersion]{
			Template: "discovery/vision-form.html",
			Order:    visionOrder,
			Load: func() (discovery.VisionVersion, error) {
				v, err := p.store.Vision(web.Route(r))
				cur, _ := v.Current()
				return cur, err
			},
			Fill: func(cur discovery.VisionVersion) {
				data.Statement, data.AgreedOn = cur.Statement, web.DateInputOf(web.Today(r).Time)
			},
			Read: func(form url.Values, errs *web.Errors) discovery.VisionVersion {
				data.Statement, data.CoProducers, data.Session = form.Get("statement"), form["co_producers"], form.Get("session")
				data.AgreedOn = web.DateInputFrom(form, "agreed_on")
				v := discovery.VisionVersion{Statement: data.Statement, Session: data.Session,
					AgreedOn: web.ReadDate(errs, data.AgreedOn, "agreed_on", "The date it was agreed")}
				for _, c := range data.CoProducers {
					v.CoProducers = append(v.CoProducers, discovery.CoProducer(c))
				}
				check := v
				check.Normalise()
				web.AddProblems(errs, withoutDate(check.Validate(web.Today(r)), "agreed_on", errs), visionOrder)
				return v
			},
			Save: func(v discovery.VisionVersion) (discovery.VisionVersion, error) {
				return p.store.AddVision(web.Route(r), v)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(discovery.VisionVersion) error {
				web.SetFlash(r, "New version of the vision saved")
				http.Redirect(w, r, paths.ProgrammeVision.URL(), http.StatusSeeOther)
				return nil
			},
		})
	})
}
