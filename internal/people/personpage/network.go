package personpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type memberData struct {
	web.Page
	PersonID, PersonName string
	Member               people.NetworkMember
	Relationships        []web.Item
	LegalAuthorities     []web.Item
	Editing              bool
}

func readMember(r *http.Request) people.NetworkMember {
	f := r.PostForm
	v := web.FormVersion(f, "version")
	return people.NetworkMember{
		Name: strings.TrimSpace(f.Get("name")), Relationship: f.Get("relationship"), Phone: f.Get("phone"),
		Email: f.Get("email"), Address: f.Get("address"), UnpaidCarer: f.Get("unpaid_carer") == "true",
		LegalAuthority: f.Get("legal_authority"), Version: v,
	}
}

// Member adds someone who matters to a person (on /network/new) or changes or removes them.
func (p *Pages) Member() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, memberID := r.PathValue("id"), r.PathValue("member")
		data := memberData{
			Page: web.NewPage(r, "Add someone who matters"), PersonID: id,
			Relationships: itemsOf(codelists.Relationship, "Not recorded"), LegalAuthorities: itemsOf(codelists.LegalAuthority, "None"),
			Editing: memberID != "",
		}
		data.Back = paths.Person.URL(id)
		if r.Method != http.MethodPost {
			person, _, err := p.store.Get(web.Route(r), id)
			if err != nil {
				return err
			}
			data.PersonName = person.FullName()
			if data.Editing {
				found := false
				for _, m := range person.Network {
					if m.ID == memberID {
						data.Member, found = m, true
					}
				}
				if !found {
					return web.NotFound
				}
				data.Title = "Change " + data.Member.Name
			}
			return p.tmpl.Render(w, r, http.StatusOK, "people/network.html", data)
		}
		// A change is logged as a change, without a view: the store checks access.
		glance, err := p.store.Glance(r.Context(), id)
		if err != nil {
			return err
		}
		data.PersonName = glance.FullName()
		if err := web.ParseForm(r); err != nil {
			return err
		}
		if r.PostForm.Get("remove") == "yes" && data.Editing {
			err := p.store.RemoveNetworkMember(web.Route(r), id, memberID)
			if err != nil {
				return err
			}
			web.SetFlash(r, "Removed from the people who matter")
			http.Redirect(w, r, paths.Person.URL(id), http.StatusSeeOther)
			return nil
		}
		m := readMember(r)
		m.ID = memberID
		data.Member = m
		if data.Editing {
			err = p.store.UpdateNetworkMember(web.Route(r), id, m)
		} else {
			_, err = p.store.AddNetworkMember(web.Route(r), id, m)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, formOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "people/network.html", data)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			data.Errors.Add("name", "Someone else changed this person while you were editing. Go back to the record to see their change, then try again")
			return p.tmpl.Render(w, r, http.StatusConflict, "people/network.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "People who matter updated")
		http.Redirect(w, r, paths.Person.URL(id)+"#people-who-matter", http.StatusSeeOther)
		return nil
	})
}
