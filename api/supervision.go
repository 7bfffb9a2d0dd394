package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/store"
)

// LateDossier is a dossier past or near its due instant.
type LateDossier struct {
	activities.Projection
	Overdue bool `json:"overdue"`
	// LateBy is how far past due it is, in working time, as days and
	// hours; DueIn is how much working time is left.
	LateByMinutes int64   `json:"late_by_minutes,omitempty"`
	LateByDays    float64 `json:"late_by_days,omitempty"`
	DueInMinutes  int64   `json:"due_in_minutes,omitempty"`
}

type lateInput struct {
	Agency    string `query:"agency"`
	Level     string `query:"level" enum:"province,district,commune"`
	Procedure string `query:"procedure"`
	Only      string `query:"only" enum:"overdue,due_soon" doc:"Only overdue or only due-soon dossiers; both when left out."`
	Limit     int    `query:"limit" minimum:"1" maximum:"1000" default:"200"`
}

type lateOutput struct {
	Body struct {
		AsOf     time.Time     `json:"as_of"`
		Dossiers []LateDossier `json:"dossiers" doc:"The latest first."`
	}
}

func (s *Server) registerSupervision(api huma.API) {
	huma.Register(api, huma.Operation{OperationID: "late-dossiers", Method: http.MethodGet, Path: "/supervision/late",
		Summary: "Overdue and due-soon dossiers", Tags: []string{"Supervision"}, Security: bearer}, s.late)
}

func (s *Server) late(ctx context.Context, in *lateInput) (*lateOutput, error) {
	p, err := caller(ctx, auth.Supervisor, auth.Officer)
	if err != nil {
		return nil, err
	}
	f := store.Filter{Agency: in.Agency, Level: in.Level, Procedure: in.Procedure}
	if p.Role == auth.Officer {
		if f.Agency != "" && f.Agency != p.Agency {
			return nil, huma.Error403Forbidden("an officer watches their own agency", field("query.agency", "must be "+p.Agency, f.Agency))
		}
		f.Agency = p.Agency
	}
	now := s.Now()
	// The horizon of "due soon" is one instant for all, so it is taken in
	// the national calendar.
	cal, _ := s.Catalogue.Calendar("vn")
	horizon := now
	if in.Only != "overdue" && cal != nil {
		if h, err := cal.Add(now, s.DueSoon); err == nil {
			horizon = h
		}
	}
	rows, err := s.Store.Late(ctx, f, horizon, in.Limit)
	if err != nil {
		return nil, s.storeError(ctx, err)
	}
	out := &lateOutput{}
	out.Body.AsOf, out.Body.Dossiers = now, []LateDossier{}
	for _, r := range rows {
		d := LateDossier{Projection: r, Overdue: r.Due.Before(now)}
		if in.Only == "due_soon" && d.Overdue {
			continue
		}
		// Lateness is counted in the calendar of the dossier's own version.
		cal := cal
		if v, err := s.Catalogue.Version(r.Procedure.Code, r.Procedure.Version); err == nil {
			cal = v.Calendar()
		}
		if cal != nil {
			if d.Overdue {
				if w, err := cal.Between(r.Due, now); err == nil {
					d.LateByMinutes, d.LateByDays = int64(w/time.Minute), cal.InDays(w)
				}
			} else if w, err := cal.Between(now, r.Due); err == nil {
				d.DueInMinutes = int64(w / time.Minute)
			}
		}
		out.Body.Dossiers = append(out.Body.Dossiers, d)
	}
	return out, nil
}
