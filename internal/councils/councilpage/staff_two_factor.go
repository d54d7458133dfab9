package councilpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/web"
)

// RemoveTwoFactor removes a member of staff's authenticator app (POST /admin/staff/{id}/two-factor), for someone
// who has lost their phone. If two-factor sign-in applies to them, they set up a new app when they next sign in.
func (p *Pages) RemoveTwoFactor() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := admin(r); err != nil {
			return err
		}
		st, err := p.store.StaffByID(r.Context(), r.PathValue("id"))
		if err != nil {
			return err
		}
		if err := p.store.SetTOTP(r.Context(), st.ID, "", 0); err != nil {
			return err
		}
		web.SetFlash(r, "Authenticator app removed for "+st.Name)
		http.Redirect(w, r, paths.Staff.URL(st.ID), http.StatusSeeOther)
		return nil
	}
}
