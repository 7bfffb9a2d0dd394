package ui

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/store"
)

// portalPage is the sync with the national portal as supervisors watch
// it: what waits, what failed and why, and indicator 1.4 per unit.
type portalPage struct {
	From, To  string
	Presets   []preset
	Problem   string
	Field     string
	Health    store.PortalHealth
	Received  int
	Synced    int
	Retried   string // the dossier a retry was just asked for
	ReturnURL string
}

// Rate is synced over received, as a percentage.
func (p portalPage) Rate() string { return shareOf(p.Synced, p.Received) }

// shareOf writes num over den as a percentage, or a dash when den is 0.
func shareOf(num, den int) string {
	return percent(reports.Percent(int64(num)*10000/int64(max(den, 1))), den > 0)
}

func (p *Pages) portal(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	now := p.Now()
	data := portalPage{From: q.Get("from"), To: q.Get("to"), Presets: presets(now.In(vietnam)), Retried: q.Get("retried")}
	per, field, err := period(q.Get("from"), q.Get("to"), now)
	if err != nil {
		data.Problem, data.Field = err.Error(), field
		p.render(w, r, http.StatusUnprocessableEntity, "portal", data)
		return
	}
	data.From, data.To = per.From.String(), per.To.String()
	data.ReturnURL = "/ui/portal?" + url.Values{"from": {data.From}, "to": {data.To}}.Encode()
	var f store.Filter
	f.From, f.To = per.Bounds()
	if who, ok := viewerOf(r); ok && who.Agency != "" {
		// A supervisor scoped to a unit sees that unit and what is under it.
		f.Agencies = p.Catalogue.Units().Within(who.Agency)
	}
	if data.Health, err = p.Store.PortalHealth(r.Context(), f, 200); err != nil {
		p.unavailable(w, r, err)
		return
	}
	for _, u := range data.Health.Units {
		data.Received += u.Received
		data.Synced += u.Synced
	}
	p.render(w, r, http.StatusOK, "portal", data)
}

// portalRetry makes a dossier's undelivered changes due now, and goes
// back to the page it was asked from.
func (p *Pages) portalRetry(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	d, err := p.Store.Dossier(r.Context(), code)
	if errors.Is(err, store.ErrNotFound) {
		p.fail(w, r, http.StatusNotFound, "not_found", code)
		return
	}
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	if who, ok := viewerOf(r); ok && who.Agency != "" && !p.Catalogue.Units().Under(d.Agency, who.Agency) {
		p.fail(w, r, http.StatusForbidden, "forbidden", code)
		return
	}
	if _, err := p.Store.PortalRetry(r.Context(), code); err != nil {
		p.unavailable(w, r, err)
		return
	}
	back := safeNext(r.PostFormValue("next"))
	if back == "" || back == "/ui/" {
		back = "/ui/portal"
	}
	u, _ := url.Parse(back)
	v := u.Query()
	v.Set("retried", code)
	u.RawQuery = v.Encode()
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}
