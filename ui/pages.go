// Package ui is the pages people look at, served under /ui: the
// supervisors' overview of rates against targets with a drill-down to
// each dossier, the live list of late dossiers, and the analysts'
// catalogue with a live quote and a checker for files not yet loaded.
// The pages are rendered on the server with html/template; the style
// sheet and one small script are embedded, so nothing loads from outside.
package ui

import (
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/codec"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/scorecard"
	"github.com/motcua/motcua/store"
)

// Pages holds what the pages read. Fields left zero get defaults in
// Handler.
type Pages struct {
	Catalogue *procedures.Catalogue
	Store     *store.Store
	Targets   *reports.Targets
	// Scorecard is the Decision 766 scorecard's indicators and rule; nil
	// uses the one shipped with motcua.
	Scorecard *scorecard.Config
	Temporal  client.Client
	// Auth checks the token a person logs in with, and again on every
	// request, so that a revoked token ends its sessions.
	Auth auth.Verifier
	// Keys derive the key that seals session cookies, so that every
	// instance given the same ring honours the same sessions.
	Keys *codec.Keys
	// Namespace and TemporalUI make a dossier's link to its workflow in
	// the Temporal Web UI; an empty TemporalUI shows no link.
	Namespace  string
	TemporalUI string
	Log        *slog.Logger
	// Now is the clock; tests set it.
	Now func() time.Time
	// DueSoon is how much working time before its due instant a dossier
	// counts as due soon, as in the API.
	DueSoon time.Duration
	// SessionTTL is how long a login lasts.
	SessionTTL time.Duration
	// Refresh is how often the late list refreshes itself.
	Refresh time.Duration

	views   map[string]*template.Template
	seal    sealer
	csrfKey []byte
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Handler returns the pages' handler, to be mounted at /ui/.
func (p *Pages) Handler() http.Handler {
	if p.Log == nil {
		p.Log = slog.Default()
	}
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.DueSoon == 0 {
		p.DueSoon = 8 * time.Hour
	}
	if p.SessionTTL == 0 {
		p.SessionTTL = 8 * time.Hour
	}
	if p.Refresh == 0 {
		p.Refresh = 10 * time.Second
	}
	if p.Targets == nil {
		p.Targets = reports.DefaultTargets()
	}
	p.views = parseViews()
	p.seal = newSealer(p.Keys.Derive("ui sessions"))
	p.csrfKey = p.Keys.Derive("ui csrf")

	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /ui/static/", http.StripPrefix("/ui/static/", cached(http.FileServerFS(static))))
	mux.HandleFunc("GET /ui/login", p.loginForm)
	mux.HandleFunc("POST /ui/login", p.login)
	mux.Handle("POST /ui/logout", p.allow(p.logout, auth.Supervisor, auth.Analyst, auth.Finance))
	mux.Handle("GET /ui/money", p.allow(p.money, auth.Supervisor, auth.Finance))
	mux.Handle("GET /ui/{$}", p.allow(p.overview, auth.Supervisor))
	mux.Handle("GET /ui/export", p.allow(p.export, auth.Supervisor))
	mux.Handle("GET /ui/late", p.allow(p.late, auth.Supervisor))
	mux.Handle("GET /ui/portal", p.allow(p.portal, auth.Supervisor))
	mux.Handle("GET /ui/index", p.allow(p.index, auth.Supervisor))
	mux.Handle("GET /ui/index/export", p.allow(p.indexExport, auth.Supervisor))
	mux.Handle("GET /ui/form06", p.allow(p.form06, auth.Supervisor))
	mux.Handle("POST /ui/portal/{code}/retry", p.allow(p.portalRetry, auth.Supervisor))
	mux.Handle("GET /ui/late/rows", p.allow(p.lateRows, auth.Supervisor))
	mux.Handle("GET /ui/dossiers", p.allow(p.dossiers, auth.Supervisor))
	mux.Handle("GET /ui/dossiers/{code}", p.allow(p.dossier, auth.Supervisor))
	mux.Handle("GET /ui/dossiers/{code}/receipt", p.allow(p.receipt, auth.Supervisor))
	mux.Handle("GET /ui/dossiers/{code}/apologies/{n}", p.allow(p.apology, auth.Supervisor))
	mux.Handle("GET /ui/catalogue", p.allow(p.catalogue, auth.Supervisor, auth.Analyst))
	mux.Handle("GET /ui/catalogue/{code}", p.allow(p.procedure, auth.Supervisor, auth.Analyst))
	mux.Handle("POST /ui/catalogue/{code}/quote", p.allow(p.quote, auth.Supervisor, auth.Analyst))
	mux.Handle("GET /ui/check", p.allow(p.checkForm, auth.Supervisor, auth.Analyst))
	mux.Handle("POST /ui/check", p.allow(p.check, auth.Supervisor, auth.Analyst))
	mux.HandleFunc("/ui/", func(w http.ResponseWriter, r *http.Request) {
		p.fail(w, r, http.StatusNotFound, "not_found", r.URL.Path)
	})
	return secureHeaders(mux)
}

// parseViews parses each page with the layout it shares with the others.
// A page's rows, in NAME_rows.html, are also a view of their own, without
// the layout, for the page to refresh them in place.
func parseViews() map[string]*template.Template {
	pages, _ := fs.Glob(templateFS, "templates/*.html")
	views := map[string]*template.Template{}
	for _, page := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(page, "templates/"), ".html")
		switch {
		case name == "layout":
		case strings.HasSuffix(name, "_rows"):
			views[name] = template.Must(template.New(name+".html").Funcs(funcs).ParseFS(templateFS, page))
		default:
			files := []string{"templates/layout.html", page}
			if rows := "templates/" + name + "_rows.html"; slices.Contains(pages, rows) {
				files = append(files, rows)
			}
			views[name] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, files...))
		}
	}
	return views
}

// secureHeaders adds what every page needs against being framed, sniffed
// or made to run someone else's script.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// cached lets browsers keep the embedded assets for a day.
func cached(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		next.ServeHTTP(w, r)
	})
}
