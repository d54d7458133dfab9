package personpage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type memberData struct {
	web.Page
	web.ConflictPanel
	PersonID, PersonName string
	Member               people.NetworkMember
	Relationships        []web.Item
	LegalAuthorities     []web.Item
	Editing              bool
}

func readMember(f url.Values) people.NetworkMember {
	return people.NetworkMember{
		Name: strings.TrimSpace(f.Get("name")), Relationship: f.Get("relationship"), Phone: f.Get("phone"),
		Email: f.Get("email"), Address: f.Get("address"), UnpaidCarer: f.Get("unpaid_carer") == "true",
		LegalAuthority: f.Get("legal_authority"), CrisisContact: f.Get("crisis_contact") == "true", Version: web.FormVersion(f, "version"),
	}
}

// Member adds someone who matters to a person (on /network/new) or changes or removes them. A change to someone
// another member of staff changed since the form was opened is not saved: the page (409) shows what they saved
// beside what was typed, to save again.
func (p *Pages) Member() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, memberID := r.PathValue("id"), r.PathValue("member")
		data := memberData{
			Page: web.NewPage(r, "Add someone who matters"), PersonID: id,
			Relationships: itemsOf(codelists.Relationship, "Not recorded"), LegalAuthorities: itemsOf(codelists.LegalAuthority, "None"),
			Editing: memberID != "",
		}
		data.Back = paths.Person.URL(id)
		// saved reads the person, a view of their record, and the member as saved now.
		saved := func() (people.NetworkMember, error) {
			person, _, err := p.store.Get(web.Route(r), id)
			if err != nil {
				return people.NetworkMember{}, err
			}
			data.PersonName = person.FullName()
			if !data.Editing {
				return people.NetworkMember{}, nil
			}
			for _, m := range person.Network {
				if m.ID == memberID {
					data.Title = "Change " + m.Name
					return m, nil
				}
			}
			return people.NetworkMember{}, web.NotFound
		}
		form := web.EditForm[people.NetworkMember]{
			Template: "people/network.html",
			Order:    formOrder,
			Conflict: "Someone else changed this person who matters while you were editing. Check what they saved, then save again to keep your changes",
			Heading:  "What they saved",
			// A form shown again with its mistakes only glances at the person: the change is logged as a change,
			// without a view.
			Load: func() (people.NetworkMember, error) {
				if r.Method != http.MethodPost {
					return saved()
				}
				glance, err := p.store.Glance(r.Context(), id)
				if err != nil {
					return people.NetworkMember{}, err
				}
				data.PersonName = glance.FullName()
				return people.NetworkMember{}, nil
			},
			Latest: saved,
			Fill:   func(m people.NetworkMember) { data.Member = m },
			Read: func(f url.Values, _ *web.Errors) people.NetworkMember {
				m := readMember(f)
				m.ID = memberID
				data.Member = m
				return m
			},
			Save: func(m people.NetworkMember) (people.NetworkMember, error) {
				if data.Editing {
					return m, p.store.UpdateNetworkMember(web.Route(r), id, m)
				}
				return p.store.AddNetworkMember(web.Route(r), id, m)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed people.NetworkMember) []web.Difference {
				data.Member.Version = theirs.Version
				return memberDifferences(theirs, typed, data.Relationships, data.LegalAuthorities)
			},
			Done: func(people.NetworkMember) error {
				web.SetFlash(r, "People who matter updated")
				http.Redirect(w, r, paths.Person.URL(id)+"#people-who-matter", http.StatusSeeOther)
				return nil
			},
		}
		if data.Editing {
			form.Remove = func(people.NetworkMember) error { return p.store.RemoveNetworkMember(web.Route(r), id, memberID) }
			form.RemoveConflict = "Someone else changed this person who matters while you were editing. Check what they saved before you remove them"
			form.Removed = func() error {
				web.SetFlash(r, "Removed from the people who matter")
				http.Redirect(w, r, paths.Person.URL(id), http.StatusSeeOther)
				return nil
			}
		}
		return web.Edit(p.tmpl, w, r, &data, form)
	})
}

// memberDifferences lists where someone who matters, as saved, differs from what was typed.
func memberDifferences(theirs, typed people.NetworkMember, relationships, authorities []web.Item) []web.Difference {
	yesNo := func(b bool) string {
		if b {
			return "Yes"
		}
		return "No"
	}
	return web.Differences(
		[3]string{"Name", theirs.Name, typed.Name},
		[3]string{"Relationship to the person", web.ChosenText(relationships, theirs.Relationship), web.ChosenText(relationships, typed.Relationship)},
		[3]string{"An unpaid carer", yesNo(theirs.UnpaidCarer), yesNo(typed.UnpaidCarer)},
		[3]string{"To call in a crisis", yesNo(theirs.CrisisContact), yesNo(typed.CrisisContact)},
		[3]string{"Legal authority to act for the person", web.ChosenText(authorities, theirs.LegalAuthority), web.ChosenText(authorities, typed.LegalAuthority)},
		[3]string{"Telephone number", theirs.Phone, typed.Phone},
		[3]string{"Email address", theirs.Email, typed.Email},
		[3]string{"Address", theirs.Address, typed.Address},
	)
}
