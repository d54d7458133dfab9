package councilpage

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type settingsData struct {
	web.Page
	RequireMFA string // "yes" or "no"
	Version    int
	Saved      string // the setting as saved now, after someone else changed it first
}

// Settings changes whether every member of the council's staff must use two-factor sign-in (GET and POST
// /admin/settings). Administrators always must.
func (p *Pages) Settings() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		me, err := admin(r)
		if err != nil {
			return err
		}
		council, err := p.store.CouncilByID(r.Context(), me.CouncilID)
		if err != nil {
			return err
		}
		data := settingsData{Page: web.NewPage(r, "Sign-in settings"), RequireMFA: yesNo(council.MFARequired), Version: council.Version}
		data.Back = StaffListPath
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "councils/settings.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.RequireMFA = r.PostForm.Get("require_mfa")
		version, _ := strconv.Atoi(r.PostForm.Get("version")) // a missing or altered version is refused as a conflict
		if data.RequireMFA != "yes" && data.RequireMFA != "no" {
			data.Errors.Add("require_mfa", "Select yes if every member of staff must use two-factor sign-in")
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "councils/settings.html", data)
		}
		err = p.store.SetMFARequired(r.Context(), data.RequireMFA == "yes", version)
		if errors.Is(err, sqldb.ErrConflict) {
			data.Saved = yesNo(council.MFARequired)
			now := "only administrators must use two-factor sign-in"
			if council.MFARequired {
				now = "every member of staff must use two-factor sign-in"
			}
			data.Errors.Add("require_mfa", "Someone else changed this setting while you were editing. It now says "+now+". Save again to keep your choice")
			return p.tmpl.Render(w, r, http.StatusConflict, "councils/settings.html", data)
		}
		if err != nil {
			return err
		}
		if data.RequireMFA == "yes" {
			web.SetFlash(r, "Every member of staff must now use two-factor sign-in")
		} else {
			web.SetFlash(r, "Only administrators must now use two-factor sign-in")
		}
		http.Redirect(w, r, SettingsPath, http.StatusSeeOther)
		return nil
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
