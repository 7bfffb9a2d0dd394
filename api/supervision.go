package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/reports"
	"github.com/motcua/motcua/store"
)

// LateDossier is a dossier past or near its due instant.
type LateDossier = reports.LateDossier

type lateInput struct {
	Agency    string `query:"agency" maxLength:"80" doc:"One unit's dossiers."`
	Unit      string `query:"unit" maxLength:"80" doc:"A unit's dossiers and those of every unit under it."`
	Level     string `query:"level" enum:"province,district,commune"`
	Procedure string `query:"procedure" maxLength:"80"`
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
	huma.Register(api, huma.Operation{OperationID: "late-dossiers", Description: "Open dossiers past their deadline, and those due within the warning window, for supervisors, the latest first.", Method: http.MethodGet, Path: "/supervision/late",
		Summary: "Overdue and due-soon dossiers", Tags: []string{"Supervision"}, Security: bearer}, s.late)
}

func (s *Server) late(ctx context.Context, in *lateInput) (*lateOutput, error) {
	p, err := caller(ctx, auth.Supervisor, auth.Officer)
	if err != nil {
		return nil, err
	}
	f := store.Filter{Agency: in.Agency, Level: in.Level, Procedure: in.Procedure}
	if err := s.scoped(p, &f, in.Unit, "query.unit"); err != nil {
		return nil, err
	}
	now := s.Now()
	rows, err := reports.Late(ctx, s.Store, s.Catalogue, f, now, s.DueSoon, in.Only, in.Limit)
	if err != nil {
		return nil, s.storeError(ctx, err)
	}
	out := &lateOutput{}
	out.Body.AsOf, out.Body.Dossiers = now, rows
	return out, nil
}
