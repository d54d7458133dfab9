package communitypage

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type libraryData struct {
	web.Page
	Query     community.Search
	Searched  bool
	Stories   []community.Story
	Drafts    []community.Story
	Publishes bool
}

// Library is the library of good practice (GET /community/library?q=text&tag=tag): the council's published
// stories, searched by text and tag, for every member of its staff; and for quality leads, their drafts.
func (p *Pages) Library() web.Handler {
	return web.Requires(anyStaff, func(w http.ResponseWriter, r *http.Request) error {
		q := community.Search{Text: strings.TrimSpace(r.URL.Query().Get("q")), Tag: community.NormaliseTag(r.URL.Query().Get("tag"))}
		data := libraryData{Page: web.NewPage(r, "Library of good practice"), Query: q, Searched: q != community.Search{}, Publishes: web.Can(r, community.Publishes)}
		var err error
		if data.Stories, err = p.store.Stories(web.Route(r), q); err != nil {
			return err
		}
		if data.Publishes {
			if data.Drafts, err = p.store.Drafts(web.Route(r)); err != nil {
				return err
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "community/library.html", data)
	})
}

type storyData struct {
	web.Page
	web.ConflictPanel
	S         community.Story
	Publishes bool
	Version   int
}

// publishing is the story page's form: publish or withdraw, at the version read.
type publishing struct {
	Withdraw bool
	Version  int
}

// Story is a practice story's page (GET /community/library/{story}): a published story for every member of the
// council's staff, a draft for quality leads, who publish it or withdraw it here (POST). Publishing runs the story
// checker again; what it finds is shown in the error summary and the story stays a draft.
func (p *Pages) Story() web.Handler {
	return web.Requires(anyStaff, web.RequiresToChange(community.Publishes, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("story")
		data := &storyData{Page: web.NewPage(r, "Practice story"), Publishes: web.Can(r, community.Publishes)}
		data.Back = paths.PracticeLibrary.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[publishing]{
			Template:      "community/story.html",
			Order:         []string{"publish"},
			Conflict:      "The story changed since you opened it. Read it again below, then publish it again",
			ConflictField: "publish",
			Load: func() (publishing, error) {
				x, err := p.store.Story(web.Route(r), id)
				if err != nil {
					return publishing{}, err
				}
				data.S, data.Title, data.Version = x, x.Title, x.Version
				return publishing{Version: x.Version}, nil
			},
			Read: func(f url.Values, errs *web.Errors) publishing {
				return publishing{Withdraw: f.Get("withdraw") == "yes", Version: web.FormVersion(f, "version")}
			},
			Save: func(x publishing) (publishing, error) {
				if x.Withdraw {
					return x, p.store.Withdraw(web.Route(r), id, x.Version)
				}
				return x, p.store.Publish(web.Route(r), id, x.Version)
			},
			// What the checker finds is said beside the publish button, since the story is not a form here.
			Problems: func(err error, errs *web.Errors) bool {
				ps, ok := validation.AsProblems(err)
				for _, p := range ps {
					errs.Add("publish", p.Message)
				}
				return ok
			},
			Compare: func(saved, typed publishing) []web.Difference { return nil },
			Done: func(x publishing) error {
				if x.Withdraw {
					web.SetFlash(r, "Story withdrawn from the library: it is a draft again")
				} else {
					web.SetFlash(r, "Story published: the council’s staff can now find it in the library")
				}
				http.Redirect(w, r, paths.PracticeStory.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	}))
}

type storyForm struct {
	web.Page
	web.ConflictPanel
	ID          string
	Outstanding []community.Outstanding // to start from, on a new story
	From        *community.Outstanding  // the audit chosen
	AuditID     string
	StoryTitle  string
	Story       string
	WhyGood     string
	Tags        string
	Version     int
}

// written is a story as the form saves it, and whether to publish it once saved.
type written struct {
	community.Story
	Publish bool
}

var storyOrder = []string{"version", "audit_id", "title", "story", "why_good", "tags"}

// NewStory drafts a practice story (GET and POST /community/library/new?audit=ID), for quality leads: written
// fresh, or from one of the council's completed audits graded Outstanding, offered as a list. "Save and publish"
// publishes it at once. The story checker runs on every save; what it finds is shown in the error summary, nothing
// is saved and the form keeps what was typed.
func (p *Pages) NewStory() web.Handler {
	return web.Requires(community.Publishes, func(w http.ResponseWriter, r *http.Request) error {
		return p.storyForm(w, r, "")
	})
}

// EditStory changes a practice story (GET and POST /community/library/{story}/edit), for quality leads; a stale save
// shows theirs beside yours (409).
func (p *Pages) EditStory() web.Handler {
	return web.Requires(community.Publishes, func(w http.ResponseWriter, r *http.Request) error {
		return p.storyForm(w, r, r.PathValue("story"))
	})
}

func (p *Pages) storyForm(w http.ResponseWriter, r *http.Request, id string) error {
	title := "Write a practice story"
	if id != "" {
		title = "Change a practice story"
	}
	data := &storyForm{Page: web.NewPage(r, title), ID: id}
	data.Back = paths.PracticeLibrary.URL()
	return web.Edit(p.tmpl, w, r, data, web.EditForm[written]{
		Template: "community/story_form.html",
		Order:    storyOrder,
		Conflict: "Someone else changed this story while you were editing it. Check what they changed, then save again",
		Load: func() (written, error) {
			if id != "" {
				x, err := p.store.Story(web.Route(r), id)
				data.Back = paths.PracticeStory.URL(id)
				return written{Story: x}, err
			}
			var err error
			if data.Outstanding, err = p.store.OutstandingAudits(web.Route(r)); err != nil {
				return written{}, err
			}
			if data.AuditID == "" {
				data.AuditID = r.URL.Query().Get("audit")
			}
			data.From = nil
			if i := slices.IndexFunc(data.Outstanding, func(o community.Outstanding) bool { return o.AuditID == data.AuditID }); i >= 0 {
				data.From = &data.Outstanding[i]
			} else {
				data.AuditID = ""
			}
			return written{}, nil
		},
		Fill: func(x written) {
			data.StoryTitle, data.Story, data.WhyGood, data.Tags, data.Version = x.Title, x.Story.Story, x.WhyGood, x.TagText(), x.Version
			if data.From != nil {
				data.WhyGood = data.From.Strengths
			}
		},
		Read: func(f url.Values, errs *web.Errors) written {
			data.AuditID, data.StoryTitle, data.Story, data.WhyGood, data.Tags = f.Get("audit_id"), f.Get("title"), f.Get("story"), f.Get("why_good"), f.Get("tags")
			data.Version = web.FormVersion(f, "version")
			x := written{Story: community.Story{ID: id, Title: data.StoryTitle, Story: data.Story, WhyGood: data.WhyGood,
				Tags: community.NormaliseTags(data.Tags), Version: data.Version}, Publish: f.Get("publish") == "yes"}
			if id == "" {
				x.AuditID = data.AuditID
			}
			check := x.Story
			check.Normalise()
			web.AddProblems(errs, check.Validate(), storyOrder)
			return x
		},
		Save: func(x written) (written, error) {
			saved, err := p.store.SaveStory(web.Route(r), x.Story)
			if err != nil || !x.Publish {
				return written{Story: saved}, err
			}
			return written{Story: saved, Publish: true}, p.store.Publish(web.Route(r), saved.ID, saved.Version)
		},
		Problems: web.ProblemsIn(validation.AsProblems),
		Compare: func(saved, typed written) []web.Difference {
			typed.Normalise()
			data.Version = saved.Version
			return web.Differences(
				[3]string{"Title", saved.Title, typed.Title},
				[3]string{"The story", saved.Story.Story, typed.Story.Story},
				[3]string{"What made it good practice", saved.WhyGood, typed.WhyGood},
				[3]string{"Tags", saved.TagText(), typed.TagText()},
			)
		},
		Done: func(x written) error {
			if x.Publish {
				web.SetFlash(r, "Story published: the council’s staff can now find it in the library")
			} else {
				web.SetFlash(r, "Story saved as a draft: only quality leads see it until it is published")
			}
			http.Redirect(w, r, paths.PracticeStory.URL(x.ID), http.StatusSeeOther)
			return nil
		},
	})
}
