package ui

import (
	"context"
	"net/http"
	"time"

	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/store"
)

// lateList is the late dossiers for the filters asked, with the choices
// the filters offer.
type lateList struct {
	Agency, Level, Procedure, Only string
	AsOf                           time.Time
	Dossiers                       []reports.LateDossier
	Agencies, Procedures           []string
	Query                          string
}

// late shows overdue and due-soon dossiers, filtered by agency, level and
// procedure, with how late each is in working days and hours; its rows
// refresh themselves from lateRows.
func (p *Pages) late(w http.ResponseWriter, r *http.Request) {
	l, err := p.lateList(r.Context(), r)
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	if l.Agencies, err = p.Store.OpenAgencies(r.Context()); err != nil {
		p.unavailable(w, r, err)
		return
	}
	l.Procedures = p.Catalogue.Codes()
	p.render(w, r, http.StatusOK, "late", l)
}

// lateRows is the late list's rows alone, for the page to refresh them.
func (p *Pages) lateRows(w http.ResponseWriter, r *http.Request) {
	l, err := p.lateList(r.Context(), r)
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	p.render(w, r, http.StatusOK, "late_rows", l)
}

func (p *Pages) lateList(ctx context.Context, r *http.Request) (*lateList, error) {
	q := r.URL.Query()
	l := &lateList{Agency: q.Get("agency"), Level: q.Get("level"), Procedure: q.Get("procedure"), Only: q.Get("only"), AsOf: p.Now()}
	if l.Only != reports.OnlyOverdue && l.Only != reports.OnlyDueSoon {
		l.Only = ""
	}
	l.Query = r.URL.RawQuery
	f := store.Filter{Agency: l.Agency, Level: l.Level, Procedure: l.Procedure}
	var err error
	l.Dossiers, err = reports.Late(ctx, p.Store, p.Catalogue, f, l.AsOf, p.DueSoon, l.Only, 500)
	return l, err
}
