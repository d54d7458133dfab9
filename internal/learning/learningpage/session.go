package learningpage

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type planData struct {
	web.Page
	web.ConflictPanel
	Course       learning.Course
	HeldOn       web.DateInput
	StartsAt     string
	EndsAt       string
	Where        string // "place" or "online"
	Place        string
	Capacity     string
	TrainerIDs   []string
	TrainerItems []web.Item
}

var planOrder = []string{"course", "held_on", "starts_at", "ends_at", "where", "place", "capacity", "trainers"}

// NewSession plans a session of a course (GET and POST /learning/courses/{course}/sessions/new): for the quality
// lead. Trainers are chosen from the council's staff; for a course that needs a trained trainer, those who completed
// train-the-trainer are marked, and naming anyone else is refused with their name (the trainer rule).
func (p *Pages) NewSession() web.Handler {
	return web.Requires(runs, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("course")
		data := &planData{Page: web.NewPage(r, "Plan a session")}
		data.Back = paths.LearningCourse.URL(id)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[learning.Session]{
			Template: "learning/session-form.html",
			Order:    planOrder,
			Load: func() (learning.Session, error) {
				c, err := p.store.Course(web.Route(r), id)
				if err != nil {
					return learning.Session{}, err
				}
				data.Course = c
				trained, err := p.store.TrainersOf(web.Route(r), id)
				if err != nil {
					return learning.Session{}, err
				}
				staff, err := p.staff.StaffList(web.Route(r))
				if err != nil {
					return learning.Session{}, err
				}
				data.TrainerItems = nil
				for _, st := range staff {
					if st.Disabled() {
						continue
					}
					it := web.Item{Value: st.ID, Text: st.Name, Hint: st.Role.Label()}
					if c.NeedsTrainer && trained[st.ID] {
						it.Hint += ": completed train-the-trainer for this course"
					}
					data.TrainerItems = append(data.TrainerItems, it)
				}
				// Trained trainers first, so that the quality lead need not look for them.
				if c.NeedsTrainer {
					slices.SortStableFunc(data.TrainerItems, func(a, b web.Item) int {
						switch {
						case trained[a.Value] == trained[b.Value]:
							return 0
						case trained[a.Value]:
							return -1
						}
						return 1
					})
				}
				return learning.Session{}, nil
			},
			Fill: func(learning.Session) {
				data.HeldOn, data.StartsAt, data.EndsAt, data.Where, data.Capacity = web.DateInputOf(web.Today(r).AddDate(0, 0, 28)), "09:30", "16:30", "place", "16"
			},
			Read: func(f url.Values, errs *web.Errors) learning.Session {
				data.HeldOn, data.StartsAt, data.EndsAt = web.DateInputFrom(f, "held_on"), f.Get("starts_at"), f.Get("ends_at")
				data.Where, data.Place, data.TrainerIDs = f.Get("where"), f.Get("place"), f["trainers"]
				var capacity int
				data.Capacity, capacity = whole(errs, f, "capacity", "Places must be a whole number, like 16")
				if data.Where != "place" && data.Where != "online" {
					errs.Add("where", "Select whether the session is held in a place or online")
				}
				x := learning.Session{CourseID: id, HeldOn: web.ReadDate(errs, data.HeldOn, "held_on", "The date of the session"),
					StartsAt: data.StartsAt, EndsAt: data.EndsAt, Online: data.Where == "online", Place: data.Place, Capacity: capacity,
					TrainerIDs: data.TrainerIDs}
				if x.Online {
					x.Place = ""
				}
				check := x
				check.Normalise()
				for _, pr := range check.Validate() {
					if pr.Field != "held_on" || !errs.Has("held_on") {
						errs.Add(pr.Field, pr.Message)
					}
				}
				return x
			},
			Save: func(x learning.Session) (learning.Session, error) {
				return p.store.PlanSession(web.Route(r), x)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(x learning.Session) error {
				web.SetFlash(r, "Session planned: staff can now book it")
				http.Redirect(w, r, paths.LearningSession.URL(x.ID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// markRow is one booking on the attendance form.
type markRow struct {
	learning.Booking
	Field   string // the form field of its mark
	Mark    string
	Items   []web.Item
	Version int
}

type sessionData struct {
	web.Page
	web.ConflictPanel
	S         learning.SessionDetail
	Runs      bool
	Marks     bool // the signed-in member of staff may mark attendance
	Mine      *learning.Booking
	Rows      []markRow // the bookings they may see, with a place
	Waiting   []learning.Booking
	BookItems []web.Item // the staff they may book, beside themselves
	Held      bool       // the session's day has passed
	typed     map[string]string
}

// fill reads the session and what the signed-in member of staff may see and do on it.
func (p *Pages) fill(r *http.Request, data *sessionData) error {
	me, _ := councils.StaffFrom(r.Context())
	s, err := p.store.Session(web.Route(r), r.PathValue("session"))
	if err != nil {
		return err
	}
	data.S, data.Runs = s, web.Can(r, runs)
	data.Title = s.CourseName
	data.Back = paths.LearningCourse.URL(s.CourseID)
	data.Marks = (data.Runs || s.Trains(me.ID)) && !s.Cancelled
	data.Held = s.HeldOn.Before(web.Today(r).Time)
	if b, ok := s.BookingOf(me.ID); ok {
		data.Mine = &b
	}
	staff, err := p.staff.StaffList(web.Route(r))
	if err != nil {
		return err
	}
	mine := map[string]bool{me.ID: true} // whose bookings they see: their own, their teams' (a manager), everyone's (lead, trainer)
	data.BookItems = nil
	for _, st := range staff {
		ours := me.Role == councils.TeamManager && slices.ContainsFunc(st.TeamIDs, me.InTeam)
		if ours {
			mine[st.ID] = true
		}
		if (ours || data.Runs) && st.ID != me.ID && !st.Disabled() && !s.Trains(st.ID) {
			if _, booked := s.BookingOf(st.ID); !booked {
				data.BookItems = append(data.BookItems, web.Item{Value: st.ID, Text: st.Name})
			}
		}
	}
	if len(data.BookItems) > 0 {
		data.BookItems = append([]web.Item{{Value: "", Text: "Choose a member of staff"}}, data.BookItems...)
	}
	sees := data.Runs || s.Trains(me.ID)
	data.Rows, data.Waiting = nil, nil
	for _, b := range s.Bookings {
		if !sees && !mine[b.StaffID] {
			continue
		}
		switch b.Place {
		case learning.Booked:
			row := markRow{Booking: b, Field: "mark_" + b.ID, Mark: string(learning.MarkOf(b)), Version: b.Version}
			if t, ok := data.typed[b.ID]; ok {
				row.Mark = t
			}
			for _, m := range learning.Marks() {
				row.Items = append(row.Items, web.Item{Value: string(m), Text: m.Label()})
			}
			data.Rows = append(data.Rows, row)
		case learning.Waiting:
			data.Waiting = append(data.Waiting, b)
		}
	}
	return nil
}

// savedMarks are the session's marks as saved now.
func (data *sessionData) savedMarks() []learning.Marking {
	var out []learning.Marking
	for _, row := range data.Rows {
		out = append(out, learning.Marking{BookingID: row.ID, Mark: learning.MarkOf(row.Booking), Version: row.Version})
	}
	return out
}

// Session shows a session (GET /learning/sessions/{session}) to every member of staff: when and where, its trainers,
// how its places stand, the learner's own booking, and for those who may see them, the bookings and the waiting
// list. Its trainers and the quality lead mark attendance and completion on it (POST), each booking with its own
// version, so that two trainers marking at once never lose each other's marks unseen.
func (p *Pages) Session() web.Handler {
	return web.Requires(anyStaff, func(w http.ResponseWriter, r *http.Request) error {
		data := &sessionData{Page: web.NewPage(r, "Session")}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[[]learning.Marking]{
			Template: "learning/session.html",
			Order:    []string{"version", "marks"},
			Conflict: "Someone else marked attendance on this session while you were marking it. Check their marks, then save again",
			Heading:  "What they marked",
			Load: func() ([]learning.Marking, error) {
				if err := p.fill(r, data); err != nil {
					return nil, err
				}
				if r.Method == http.MethodPost && !data.Marks {
					return nil, web.Forbidden
				}
				return data.savedMarks(), nil
			},
			Read: func(f url.Values, errs *web.Errors) []learning.Marking {
				data.typed = map[string]string{}
				var out []learning.Marking
				for name, vs := range f {
					id, ok := strings.CutPrefix(name, "mark_")
					if !ok || len(vs) == 0 {
						continue
					}
					data.typed[id] = vs[0]
					if _, valid := learning.ParseMark(vs[0]); !valid {
						errs.Add("marks", "Select a mark for each booking from the list")
					}
					out = append(out, learning.Marking{BookingID: id, Mark: learning.Mark(vs[0]), Version: web.FormVersion(f, "version_"+id)})
				}
				slices.SortFunc(out, func(a, b learning.Marking) int { return strings.Compare(a.BookingID, b.BookingID) })
				return out
			},
			Save: func(ms []learning.Marking) ([]learning.Marking, error) {
				return ms, p.store.MarkAttendance(web.Route(r), r.PathValue("session"), ms)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed []learning.Marking) []web.Difference {
				names := map[string]string{}
				for _, row := range data.Rows {
					names[row.ID] = row.StaffName
				}
				var rows [][3]string
				for _, s := range saved {
					for _, t := range typed {
						if s.BookingID == t.BookingID {
							rows = append(rows, [3]string{names[s.BookingID], s.Mark.Label(), t.Mark.Label()})
						}
					}
				}
				return web.Differences(rows...)
			},
			Done: func([]learning.Marking) error {
				web.SetFlash(r, "Attendance saved")
				http.Redirect(w, r, paths.LearningSession.URL(r.PathValue("session")), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// Book books a member of staff on a session (POST /learning/sessions/{session}/book): themselves, or for a team
// manager one of their teams' staff (the quality lead anyone). A full session puts the booking on the waiting list;
// a refusal (booked already, a cancelled session) shows the session page with the reason.
func (p *Pages) Book() web.Handler {
	return web.Requires(anyStaff, func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(r); err != nil {
			return err
		}
		id := r.PathValue("session")
		b, err := p.store.Book(web.Route(r), id, r.PostForm.Get("staff_id"))
		if ps, ok := validation.AsProblems(err); ok {
			data := &sessionData{Page: web.NewPage(r, "Session")}
			if err := p.fill(r, data); err != nil {
				return err
			}
			web.AddProblems(&data.Errors, ps, []string{"session", "staff_id"})
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "learning/session.html", data)
		}
		if err != nil {
			return err
		}
		who := "You are"
		if me, _ := councils.StaffFrom(r.Context()); b.StaffID != me.ID {
			who = b.StaffName + " is"
		}
		if b.Place == learning.Waiting {
			web.SetFlash(r, who+" on the waiting list: the session is full, and the first place given up is theirs")
		} else {
			web.SetFlash(r, who+" booked on the session")
		}
		http.Redirect(w, r, paths.LearningSession.URL(id), http.StatusSeeOther)
		return nil
	})
}

// CancelSession cancels a session that will not run (POST /learning/sessions/{session}/cancel): for the quality
// lead.
func (p *Pages) CancelSession() web.Handler {
	return web.Requires(runs, func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(r); err != nil {
			return err
		}
		id := r.PathValue("session")
		if err := p.store.CancelSession(web.Route(r), id, web.FormVersion(r.PostForm, "version")); err != nil {
			return err
		}
		web.SetFlash(r, "Session cancelled")
		http.Redirect(w, r, paths.LearningSession.URL(id), http.StatusSeeOther)
		return nil
	})
}

// CancelBooking cancels a booking (POST /learning/bookings/{booking}/cancel): the learner's own, a team manager's for
// their teams, the quality lead's for anyone. The first on the waiting list then has the place.
func (p *Pages) CancelBooking() web.Handler {
	return web.Requires(anyStaff, func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(r); err != nil {
			return err
		}
		b, err := p.store.CancelBooking(web.Route(r), r.PathValue("booking"))
		if err != nil {
			return err
		}
		web.SetFlash(r, "Booking cancelled")
		to := paths.LearningSession.URL(b.SessionID)
		if r.PostForm.Get("from") == "mine" {
			to = paths.MyLearning.URL()
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return nil
	})
}
