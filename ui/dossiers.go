package ui

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"go.temporal.io/api/serviceerror"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/workflows"
)

// dossiers lists the dossiers of a unit or a procedure, newest first: the
// end of the overview's drill-down.
func (p *Pages) dossiers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.Filter{Agency: q.Get("agency"), Level: q.Get("level"), Procedure: q.Get("procedure"), Stage: q.Get("stage")}
	// A drill-down from the overview keeps its period: the dossiers
	// received in it.
	var per *reports.Period
	if q.Get("from") != "" || q.Get("to") != "" {
		pp, field, err := period(q.Get("from"), q.Get("to"), p.Now())
		if err != nil {
			p.fail(w, r, http.StatusUnprocessableEntity, "bad_request", field+": "+err.Error())
			return
		}
		per = &pp
		f.From, f.To = pp.Bounds()
	}
	page, err := p.Store.List(r.Context(), f, q.Get("cursor"), 50)
	if errors.Is(err, store.ErrBadCursor) {
		p.fail(w, r, http.StatusBadRequest, "bad_request", "cursor: "+err.Error())
		return
	}
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	next := ""
	if page.Next != "" {
		q.Set("cursor", page.Next)
		next = "/ui/dossiers?" + q.Encode()
	}
	p.render(w, r, http.StatusOK, "dossiers", map[string]any{"Filter": f, "Dossiers": page.Dossiers, "Next": next, "Period": per})
}

// clockView is the legal clock as a supervisor reads it, in working
// time.
type clockView struct {
	Known            bool // the workflow's clock, not only the record's dates
	Running          bool
	Ended            bool // decided: the clock no longer runs out
	Due, OriginalDue time.Time
	UsedMinutes      int64
	LeftMinutes      int64
	LeftDays         float64
	Overdue          bool
	LateMinutes      int64
	LateDays         float64
	Pauses           []workflows.Pause
}

// dossierPage is everything the dossier page shows.
type dossierPage struct {
	Record model.Projection
	State  *workflows.State
	Gone   bool // Temporal has let the closed workflow go
	Clock  clockView
	store.Folder
	Temporal string
}

// dossier shows one dossier: its facts, its clock with every pause, its
// timeline in words, its money, documents and papers, and a link to its
// workflow.
func (p *Pages) dossier(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	code := r.PathValue("code")
	rec, err := p.Store.Dossier(ctx, code)
	if errors.Is(err, store.ErrNotFound) {
		p.fail(w, r, http.StatusNotFound, "not_found", code)
		return
	}
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	d := dossierPage{Record: rec}
	if st, err := p.state(ctx, code); err == nil {
		d.State = st
	} else {
		var nf *serviceerror.NotFound
		d.Gone = errors.As(err, &nf)
	}
	folder, err := p.Store.Folder(ctx, code)
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	d.Folder = folder
	if d.State != nil && len(d.State.Timeline) > len(d.Timeline) {
		d.Timeline = d.State.Timeline
	}
	d.Clock = p.clock(rec, d.State)
	if p.TemporalUI != "" {
		d.Temporal = p.TemporalUI + "/namespaces/" + url.PathEscape(p.Namespace) + "/workflows/" + url.PathEscape(workflows.WorkflowID(code))
	}
	p.render(w, r, http.StatusOK, "dossier", d)
}

// state asks the dossier's workflow for its state, briefly: the page still
// shows the record when Temporal is slow or away.
func (p *Pages) state(ctx context.Context, code string) (*workflows.State, error) {
	if p.Temporal == nil {
		return nil, errors.New("no temporal client")
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	v, err := p.Temporal.QueryWorkflow(ctx, workflows.WorkflowID(code), "", workflows.QueryState)
	if err != nil {
		return nil, err
	}
	var st workflows.State
	if err := v.Get(&st); err != nil {
		return nil, err
	}
	return &st, nil
}

// clock is the dossier's clock: working time used and left, counted in
// the calendar of the dossier's own version.
func (p *Pages) clock(rec model.Projection, st *workflows.State) clockView {
	c := clockView{Due: rec.Due, OriginalDue: rec.OriginalDue, Ended: !rec.Decided.IsZero()}
	if st != nil {
		c.Known, c.Running, c.Pauses = true, st.Clock.Running, st.Clock.Pauses
		c.Due, c.OriginalDue, c.UsedMinutes = st.Clock.Due, st.Clock.OriginalDue, st.Clock.ElapsedMinutes
	}
	v, err := p.Catalogue.Version(rec.Procedure.Code, rec.Procedure.Version)
	if err != nil || c.Due.IsZero() {
		return c
	}
	cal, now := v.Calendar(), p.Now()
	if c.Running && !st.Clock.Start.IsZero() {
		if run, err := cal.Between(st.Clock.Start, now); err == nil {
			c.UsedMinutes += int64(run / time.Minute)
		}
	}
	switch {
	case c.Ended:
	case now.Before(c.Due):
		if left, err := cal.Between(now, c.Due); err == nil {
			c.LeftMinutes, c.LeftDays = int64(left/time.Minute), cal.InDays(left)
		}
	default:
		if late, err := cal.Between(c.Due, now); err == nil {
			c.Overdue, c.LateMinutes, c.LateDays = true, int64(late/time.Minute), cal.InDays(late)
		}
	}
	return c
}
