package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Discovery and dream: the implementation programme's findings, its vision statement with every version, the
// cultural web as it is and as it is to be with each to-be change's linked actions, and the stakeholder map. Quality
// leads, team managers and programme leads read them; quality leads and programme leads change and remove them.
// Another council's records do not exist here (404, or an empty list). They are programme records: none names a
// person who draws on care.

// DiscoveryStore is what the API needs of discovery.Store.
type DiscoveryStore interface {
	Findings(ctx context.Context) ([]discovery.Finding, error)
	Finding(ctx context.Context, id string) (discovery.Finding, error)
	SaveFinding(ctx context.Context, f discovery.Finding) (discovery.Finding, error)
	RemoveFinding(ctx context.Context, id string, version int) error
	Vision(ctx context.Context) (discovery.Vision, error)
	AddVision(ctx context.Context, v discovery.VisionVersion) (discovery.VisionVersion, error)
	Observations(ctx context.Context) ([]discovery.Observation, error)
	Observation(ctx context.Context, id string) (discovery.Observation, error)
	SaveObservation(ctx context.Context, o discovery.Observation) (discovery.Observation, error)
	RemoveObservation(ctx context.Context, id string, version int) error
	Stakeholders(ctx context.Context) ([]discovery.Stakeholder, error)
	Stakeholder(ctx context.Context, id string) (discovery.Stakeholder, error)
	SaveStakeholder(ctx context.Context, x discovery.Stakeholder) (discovery.Stakeholder, error)
	RemoveStakeholder(ctx context.Context, id string, version int) error
}

// WithDiscovery adds the programme's discovery and dream to the API.
func (a *API) WithDiscovery(s DiscoveryStore) *API {
	a.discovery = s
	return a
}

// The API's discovery and dream paths.
const (
	DiscoveryPath    = "/api/v1/programme"
	FindingsPath     = DiscoveryPath + "/findings"
	VisionPath       = DiscoveryPath + "/vision"
	CulturePath      = DiscoveryPath + "/culture"
	ObservationsPath = CulturePath + "/observations"
	StakeholdersPath = DiscoveryPath + "/stakeholders"
)

// FindingPath is the API address of a finding.
func FindingPath(id string) string { return FindingsPath + "/" + id }

// ObservationPath is the API address of an observation on the cultural web.
func ObservationPath(id string) string { return ObservationsPath + "/" + id }

// StakeholderPath is the API address of a stakeholder.
func StakeholderPath(id string) string { return StakeholdersPath + "/" + id }

func (a *API) discoveryRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+FindingsPath, a.listFindings),
		route("POST "+FindingsPath, a.recordFinding),
		route("GET "+FindingsPath+"/{finding}", a.getFinding),
		route("PUT "+FindingsPath+"/{finding}", a.changeFinding),
		route("DELETE "+FindingsPath+"/{finding}", a.removeFinding),
		route("GET "+VisionPath, a.getVision),
		route("POST "+VisionPath+"/versions", a.recordVisionVersion),
		route("GET "+CulturePath, a.getCulturalWebs),
		route("POST "+ObservationsPath, a.recordObservation),
		route("GET "+ObservationsPath+"/{observation}", a.getObservation),
		route("PUT "+ObservationsPath+"/{observation}", a.changeObservation),
		route("DELETE "+ObservationsPath+"/{observation}", a.removeObservation),
		route("GET "+StakeholdersPath, a.listStakeholders),
		route("POST "+StakeholdersPath, a.recordStakeholder),
		route("GET "+StakeholdersPath+"/{stakeholder}", a.getStakeholder),
		route("PUT "+StakeholdersPath+"/{stakeholder}", a.changeStakeholder),
		route("DELETE "+StakeholdersPath+"/{stakeholder}", a.removeStakeholder),
	}
}

// DiscoveryFinding is a finding of the discovery.
type DiscoveryFinding struct {
	ID         string  `json:"id"`
	Kind       string  `json:"kind"`
	Finding    string  `json:"finding"`
	Source     string  `json:"source"`
	FoundOn    *string `json:"found_on"`
	Workstream string  `json:"workstream"`
	Version    int     `json:"version"`
}

func findingOf(f discovery.Finding) DiscoveryFinding {
	return DiscoveryFinding{ID: f.ID, Kind: string(f.Kind), Finding: f.Text, Source: string(f.Source), FoundOn: dateOrNull(f.FoundOn),
		Workstream: f.Workstream, Version: f.Version}
}

// record is the finding the request asks for, with the problems only the API sees in f.
func (in DiscoveryFinding) record(f *fields) discovery.Finding {
	return discovery.Finding{Kind: discovery.Kind(strings.TrimSpace(in.Kind)), Text: in.Finding, Source: discovery.Source(strings.TrimSpace(in.Source)),
		FoundOn: f.date("found_on", "When it was found", in.FoundOn), Workstream: in.Workstream}
}

// listFindings is GET /api/v1/programme/findings: the discovery's findings, newest first.
func (a *API) listFindings(w http.ResponseWriter, r *http.Request) error {
	fs, err := a.discovery.Findings(r.Context())
	if err != nil {
		return err
	}
	sendList(w, listOf(fs, findingOf))
	return nil
}

func (a *API) readFinding(r *http.Request) (int, any, error) {
	f, err := a.discovery.Finding(r.Context(), r.PathValue("finding"))
	return f.Version, findingOf(f), err
}

// getFinding is GET /api/v1/programme/findings/{finding}.
func (a *API) getFinding(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readFinding(r) })
}

// recordFinding is POST /api/v1/programme/findings: for quality leads and programme leads.
func (a *API) recordFinding(w http.ResponseWriter, r *http.Request) error {
	return create(w, r, func(in DiscoveryFinding) (string, int, any, error) {
		var f fields
		rec := in.record(&f)
		check := rec
		check.Normalise()
		if err := f.check(check.Validate()); err != nil {
			return "", 0, nil, err
		}
		saved, err := a.discovery.SaveFinding(r.Context(), rec)
		if err != nil {
			return "", 0, nil, err
		}
		return FindingPath(saved.ID), saved.Version, findingOf(saved), nil
	})
}

// changeFinding is PUT /api/v1/programme/findings/{finding}, with If-Match.
func (a *API) changeFinding(w http.ResponseWriter, r *http.Request) error {
	return change(w, r, "the finding", func(in DiscoveryFinding, version int) error {
		var f fields
		rec := in.record(&f)
		rec.ID, rec.Version = r.PathValue("finding"), version
		check := rec
		check.Normalise()
		if err := f.check(check.Validate()); err != nil {
			return err
		}
		_, err := a.discovery.SaveFinding(r.Context(), rec)
		return err
	}, func() (int, any, error) { return a.readFinding(r) })
}

// removeFinding is DELETE /api/v1/programme/findings/{finding}, with If-Match: a finding recorded in error.
func (a *API) removeFinding(w http.ResponseWriter, r *http.Request) error {
	return remove(w, r, "the finding", func(version int) error {
		return a.discovery.RemoveFinding(r.Context(), r.PathValue("finding"), version)
	}, func() (int, any, error) { return a.readFinding(r) })
}

// Vision is the vision statement: every version, newest agreed first, and which is current (the latest agreed).
type Vision struct {
	CurrentID string          `json:"current_id"`
	Versions  []VisionVersion `json:"versions"`
}

// VisionVersion is one agreed wording of the vision statement and who co-produced it.
type VisionVersion struct {
	ID          string   `json:"id"`
	Statement   string   `json:"statement"`
	AgreedOn    *string  `json:"agreed_on"`
	CoProducers []string `json:"co_producers"`
	Session     string   `json:"session"`
}

func visionVersionOf(v discovery.VisionVersion) VisionVersion {
	return VisionVersion{ID: v.ID, Statement: v.Statement, AgreedOn: dateOrNull(v.AgreedOn), Session: v.Session,
		CoProducers: listOf(v.CoProducers, func(c discovery.CoProducer) string { return string(c) })}
}

// getVision is GET /api/v1/programme/vision.
func (a *API) getVision(w http.ResponseWriter, r *http.Request) error {
	v, err := a.discovery.Vision(r.Context())
	if err != nil {
		return err
	}
	out := Vision{Versions: listOf(v.Versions, visionVersionOf)}
	if cur, ok := v.Current(); ok {
		out.CurrentID = cur.ID
	}
	writeJSON(w, http.StatusOK, "application/json", out)
	return nil
}

// recordVisionVersion is POST /api/v1/programme/vision/versions: a newly agreed wording, which becomes current when
// it is the latest agreed. Versions are never changed.
func (a *API) recordVisionVersion(w http.ResponseWriter, r *http.Request) error {
	return create(w, r, func(in VisionVersion) (string, int, any, error) {
		var f fields
		rec := discovery.VisionVersion{Statement: in.Statement, Session: in.Session, AgreedOn: f.date("agreed_on", "The date it was agreed", in.AgreedOn),
			CoProducers: listOf(in.CoProducers, func(s string) discovery.CoProducer { return discovery.CoProducer(strings.TrimSpace(s)) })}
		check := rec
		check.Normalise()
		if err := f.check(check.Validate(sqldb.TodayIn(r.Context()))); err != nil {
			return "", 0, nil, err
		}
		saved, err := a.discovery.AddVision(r.Context(), rec)
		if err != nil {
			return "", 0, nil, err
		}
		return VisionPath, saved.Version, visionVersionOf(saved), nil
	})
}

// CulturalWebs is the cultural web as it is and as it is to be, and what it still lacks.
type CulturalWebs struct {
	Webs []CulturalWeb `json:"webs"`
	Gaps []CultureGap  `json:"gaps"`
}

// CulturalWeb is one web: the paradigm, then the six elements, each with its observations.
type CulturalWeb struct {
	Web      string           `json:"web"`
	Label    string           `json:"label"`
	Elements []CultureElement `json:"elements"`
}

// CultureElement is one element of a web with its observations.
type CultureElement struct {
	Element      string               `json:"element"`
	Label        string               `json:"label"`
	Observations []CultureObservation `json:"observations"`
}

// CultureObservation is an observation on a cultural web; on the to-be web, a change, with the ids of the
// programme's actions that make it.
type CultureObservation struct {
	ID          string   `json:"id"`
	Web         string   `json:"web"`
	Element     string   `json:"element"`
	Observation string   `json:"observation"`
	Source      string   `json:"source"`
	ActionIDs   []string `json:"action_ids"`
	Version     int      `json:"version"`
}

// CultureGap is something the cultural web still lacks: an element with no observation, or a to-be change with no
// action.
type CultureGap struct {
	Web           string `json:"web"`
	Element       string `json:"element"`
	ObservationID string `json:"observation_id"`
	Message       string `json:"message"`
}

func observationOf(o discovery.Observation) CultureObservation {
	return CultureObservation{ID: o.ID, Web: string(o.Web), Element: string(o.Element), Observation: o.Text, Source: string(o.Source),
		ActionIDs: listOf(o.Actions, func(a discovery.LinkedAction) string { return a.ID }), Version: o.Version}
}

func (in CultureObservation) record() discovery.Observation {
	return discovery.Observation{Web: discovery.WebKind(strings.TrimSpace(in.Web)), Element: discovery.Element(strings.TrimSpace(in.Element)),
		Text: in.Observation, Source: discovery.Source(strings.TrimSpace(in.Source)),
		Actions: listOf(in.ActionIDs, func(id string) discovery.LinkedAction { return discovery.LinkedAction{ID: id} })}
}

// observationField is the JSON name of an observation's form field.
func observationField(field string) string {
	if field == "actions" {
		return "action_ids"
	}
	return field
}

// getCulturalWebs is GET /api/v1/programme/culture: both webs with every observation and what they still lack.
func (a *API) getCulturalWebs(w http.ResponseWriter, r *http.Request) error {
	obs, err := a.discovery.Observations(r.Context())
	if err != nil {
		return err
	}
	out := CulturalWebs{Gaps: listOf(discovery.Gaps(obs), func(g discovery.Gap) CultureGap {
		return CultureGap{Web: string(g.Web), Element: string(g.Element), ObservationID: g.Observation, Message: g.Message}
	})}
	for _, web := range discovery.Webs(obs) {
		out.Webs = append(out.Webs, CulturalWeb{Web: string(web.Kind), Label: web.Kind.Label(), Elements: listOf(web.Parts, func(p discovery.WebPart) CultureElement {
			return CultureElement{Element: string(p.Element), Label: p.Label, Observations: listOf(p.Observations, observationOf)}
		})})
	}
	writeJSON(w, http.StatusOK, "application/json", out)
	return nil
}

func (a *API) readObservation(r *http.Request) (int, any, error) {
	o, err := a.discovery.Observation(r.Context(), r.PathValue("observation"))
	return o.Version, observationOf(o), err
}

// getObservation is GET /api/v1/programme/culture/observations/{observation}.
func (a *API) getObservation(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readObservation(r) })
}

// recordObservation is POST /api/v1/programme/culture/observations.
func (a *API) recordObservation(w http.ResponseWriter, r *http.Request) error {
	return create(w, r, func(in CultureObservation) (string, int, any, error) {
		saved, err := a.discovery.SaveObservation(r.Context(), in.record())
		if err != nil {
			return "", 0, nil, renamed(err, observationField)
		}
		return ObservationPath(saved.ID), saved.Version, observationOf(saved), nil
	})
}

// changeObservation is PUT /api/v1/programme/culture/observations/{observation}, with If-Match: the observation and
// the actions linked to it, replaced.
func (a *API) changeObservation(w http.ResponseWriter, r *http.Request) error {
	return change(w, r, "the observation", func(in CultureObservation, version int) error {
		rec := in.record()
		rec.ID, rec.Version = r.PathValue("observation"), version
		_, err := a.discovery.SaveObservation(r.Context(), rec)
		return renamed(err, observationField)
	}, func() (int, any, error) { return a.readObservation(r) })
}

// removeObservation is DELETE /api/v1/programme/culture/observations/{observation}, with If-Match: the observation
// and its links to actions; the actions stay.
func (a *API) removeObservation(w http.ResponseWriter, r *http.Request) error {
	return remove(w, r, "the observation", func(version int) error {
		return a.discovery.RemoveObservation(r.Context(), r.PathValue("observation"), version)
	}, func() (int, any, error) { return a.readObservation(r) })
}

// Stakeholder is a person or group with a stake in the programme, with their quarter of the influence and interest
// grid worked out.
type Stakeholder struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Organisation string `json:"organisation"`
	Kind         string `json:"kind"`
	Influence    string `json:"influence"`
	Interest     string `json:"interest"`
	Quadrant     string `json:"quadrant"`
	Engagement   string `json:"engagement"`
	OwnerID      string `json:"owner_id"`
	OwnerName    string `json:"owner_name"`
	Version      int    `json:"version"`
}

func stakeholderOf(x discovery.Stakeholder) Stakeholder {
	return Stakeholder{ID: x.ID, Name: x.Name, Organisation: x.Organisation, Kind: string(x.Kind), Influence: string(x.Influence),
		Interest: string(x.Interest), Quadrant: string(x.Quadrant()), Engagement: x.Engagement, OwnerID: x.OwnerID, OwnerName: x.OwnerName,
		Version: x.Version}
}

func (in Stakeholder) record() discovery.Stakeholder {
	return discovery.Stakeholder{Name: in.Name, Organisation: in.Organisation, Kind: discovery.StakeholderKind(strings.TrimSpace(in.Kind)),
		Influence: discovery.Level(strings.TrimSpace(in.Influence)), Interest: discovery.Level(strings.TrimSpace(in.Interest)),
		Engagement: in.Engagement, OwnerID: in.OwnerID}
}

// listStakeholders is GET /api/v1/programme/stakeholders: the stakeholder map, by name.
func (a *API) listStakeholders(w http.ResponseWriter, r *http.Request) error {
	ss, err := a.discovery.Stakeholders(r.Context())
	if err != nil {
		return err
	}
	sendList(w, listOf(ss, stakeholderOf))
	return nil
}

func (a *API) readStakeholder(r *http.Request) (int, any, error) {
	x, err := a.discovery.Stakeholder(r.Context(), r.PathValue("stakeholder"))
	return x.Version, stakeholderOf(x), err
}

// getStakeholder is GET /api/v1/programme/stakeholders/{stakeholder}.
func (a *API) getStakeholder(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readStakeholder(r) })
}

// recordStakeholder is POST /api/v1/programme/stakeholders.
func (a *API) recordStakeholder(w http.ResponseWriter, r *http.Request) error {
	return create(w, r, func(in Stakeholder) (string, int, any, error) {
		saved, err := a.discovery.SaveStakeholder(r.Context(), in.record())
		if err != nil {
			return "", 0, nil, err
		}
		return StakeholderPath(saved.ID), saved.Version, stakeholderOf(saved), nil
	})
}

// changeStakeholder is PUT /api/v1/programme/stakeholders/{stakeholder}, with If-Match.
func (a *API) changeStakeholder(w http.ResponseWriter, r *http.Request) error {
	return change(w, r, "the stakeholder", func(in Stakeholder, version int) error {
		rec := in.record()
		rec.ID, rec.Version = r.PathValue("stakeholder"), version
		_, err := a.discovery.SaveStakeholder(r.Context(), rec)
		return err
	}, func() (int, any, error) { return a.readStakeholder(r) })
}

// removeStakeholder is DELETE /api/v1/programme/stakeholders/{stakeholder}, with If-Match.
func (a *API) removeStakeholder(w http.ResponseWriter, r *http.Request) error {
	return remove(w, r, "the stakeholder", func(version int) error {
		return a.discovery.RemoveStakeholder(r.Context(), r.PathValue("stakeholder"), version)
	}, func() (int, any, error) { return a.readStakeholder(r) })
}
