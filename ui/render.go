package ui

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/reports"
)

// view is what every page's template gets: its own data, and what the
// layout needs.
type view struct {
	L       Lang
	Viewer  *viewer
	Path    string
	Other   string // this page in the other language
	Title   string
	Refresh int // seconds between refreshes of a live list
	Data    any
	units   *procedures.Units
}

// Unit is a unit's full name from the directory, or its code when the
// directory does not know it.
func (v view) Unit(code string) string { return v.units.Name(code) }

// CSRF is the token the page's forms carry.
func (v view) CSRF() string {
	if v.Viewer == nil {
		return ""
	}
	return v.Viewer.csrf
}

// Supervisor reports whether the viewer sees the supervisors' pages.
func (v view) Supervisor() bool { return v.Viewer != nil && v.Viewer.Role == "supervisor" }

// Money reports whether the viewer sees the ledger's page.
func (v view) Money() bool {
	return v.Viewer != nil && (v.Viewer.Role == "supervisor" || v.Viewer.Role == "finance")
}

// Analyst reports whether the viewer sees the catalogue's pages.
func (v view) Analyst() bool {
	return v.Viewer != nil && (v.Viewer.Role == "supervisor" || v.Viewer.Role == "analyst")
}

// render writes a page; a template that fails writes nothing half-done.
func (p *Pages) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	l := langOf(w, r)
	other := English
	if l == English {
		other = Vietnamese
	}
	v := view{L: l, Path: r.URL.Path, Other: switchTo(r, other), Title: name, Refresh: int(p.Refresh / time.Second), Data: data,
		units: p.Catalogue.Units()}
	if who, ok := viewerOf(r); ok {
		v.Viewer = &who
	}
	var b bytes.Buffer
	if err := p.views[name].Execute(&b, v); err != nil {
		p.Log.ErrorContext(r.Context(), "ui: rendering", "page", name, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// fail shows an error page that says what went wrong in words, with the
// value at fault when there is one.
func (p *Pages) fail(w http.ResponseWriter, r *http.Request, status int, message, detail string) {
	p.render(w, r, status, "error", map[string]any{"Status": status, "Message": message, "Detail": detail})
}

// unavailable is the page for a store or Temporal that does not answer.
func (p *Pages) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	p.Log.ErrorContext(r.Context(), "ui", "err", err)
	w.Header().Set("Retry-After", "5")
	p.fail(w, r, http.StatusServiceUnavailable, "unavailable", "")
}

// vietnam is the zone every date is written in.
var vietnam = calendar.Vietnam

var funcs = template.FuncMap{
	"when": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.In(vietnam).Format("02/01/2006 15:04")
	},
	"iso":     func(t time.Time) string { return t.In(vietnam).Format("2006-01-02T15:04") },
	"vnd":     func(v money.VND) string { return v.String() },
	"pct":     pct,
	"target":  targetOf,
	"verdict": verdict,
	"points":  func(f float64) string { return strconv.FormatFloat(math.Round(f*100)/100, 'f', 2, 64) },
	"hours":   func(minutes int64) string { return strconv.FormatFloat(float64(minutes)/60, 'f', 1, 64) },
	"days":    func(d float64) string { return strconv.FormatFloat(d, 'f', 2, 64) },
	"add":     func(a, b int) int { return a + b },
	"share":   shareOf,
	// dict passes a shared template several values: key, value, ….
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
	"periodHref": periodHref,
}

// periodHref links a page to a period, keeping what else it shows.
// keep is a page's map of what it shows, or nothing.
func periodHref(action, from, to string, keep any) string {
	v := url.Values{"from": {from}, "to": {to}}
	if m, ok := keep.(map[string]string); ok {
		for k, x := range m {
			v.Set(k, x)
		}
	}
	return action + "?" + v.Encode()
}

// pct is a ratio as a percentage with two decimals.
func pct(r *reports.Ratio) string {
	if r == nil {
		return "—"
	}
	return percent(r.Rate())
}

// targetOf is the target a ratio is held to, as a percentage.
func targetOf(r *reports.Ratio) string {
	if r == nil {
		return "—"
	}
	return percent(r.Target())
}

// percent writes basis points as a percentage, or a dash when there are
// none to write.
func percent(v reports.Percent, ok bool) string {
	if !ok {
		return "—"
	}
	return fmt.Sprintf("%.2f%%", float64(v)/100)
}

// verdict is meets, misses, or none when there is nothing to judge.
func verdict(r *reports.Ratio) string {
	if r == nil {
		return "none"
	}
	meets, judged := r.Meets()
	switch {
	case !judged:
		return "none"
	case meets:
		return "meets"
	}
	return "misses"
}
