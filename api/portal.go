package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/store"
)

type portalInput struct {
	Unit  string `query:"unit" maxLength:"80" doc:"A unit and every unit under it; a scoped supervisor's own unit when left out."`
	From  string `query:"from" doc:"The first day of the period of receipt, 2006-01-02; with to, the counts cover dossiers received in it."`
	To    string `query:"to" doc:"The last day of the period, inclusive."`
	Limit int    `query:"limit" minimum:"1" maximum:"1000" default:"200" doc:"How many failing dossiers to list."`
}

type portalOutput struct {
	Body PortalSync
}

// PortalSync is the health of the sync with the national portal over the
// dossiers asked for.
type PortalSync struct {
	store.PortalHealth
	// Units carry each unit's name beside its code.
	Units []PortalUnit `json:"units" doc:"Indicator 1.4 per unit: dossiers received against those the portal holds as they stand."`
	// Received and Synced are the totals of Units; Rate is Synced over
	// Received, in percent.
	Received int     `json:"received"`
	Synced   int     `json:"synced"`
	Rate     float64 `json:"rate" doc:"Synced over received, in percent."`
}

// PortalUnit is one unit's line of indicator 1.4.
type PortalUnit struct {
	store.PortalUnit
	Name string `json:"name"`
}

type portalRetryInput struct {
	Code string `path:"code" maxLength:"80"`
}

type portalRetryOutput struct {
	Body struct {
		Dossier string `json:"dossier"`
		Queued  int    `json:"queued" doc:"The changes made due now; the next run of the sync delivers them."`
	}
}

func (s *Server) registerPortal(api huma.API) {
	huma.Register(api, huma.Operation{OperationID: "portal-sync", Method: http.MethodGet, Path: "/supervision/portal",
		Summary: "The sync with the national portal", Tags: []string{"Supervision"}, Security: bearer,
		Description: "Changes still pending, dossiers whose sync failed with the last error, changes delivered after " +
			"retries, and per unit the dossiers received against those the portal holds (indicator 1.4 of Decision 766)."}, s.portalSync)
	huma.Register(api, huma.Operation{OperationID: "portal-retry", Method: http.MethodPost, Path: "/supervision/portal/{code}/retry",
		Summary: "Send a dossier to the national portal again now", Tags: []string{"Supervision"}, Security: bearer,
		Description: "Makes the dossier's undelivered changes due at once, instead of at the end of their backoff."}, s.portalRetry)
}

func (s *Server) portalSync(ctx context.Context, in *portalInput) (*portalOutput, error) {
	p, err := caller(ctx, auth.Supervisor)
	if err != nil {
		return nil, err
	}
	var f store.Filter
	if in.From != "" || in.To != "" {
		period, err := periodOf(in.From, in.To)
		if err != nil {
			return nil, err
		}
		f.From, f.To = period.Bounds()
	}
	if err := s.scoped(p, &f, in.Unit, "query.unit"); err != nil {
		return nil, err
	}
	h, err := s.Store.PortalHealth(ctx, f, in.Limit)
	if err != nil {
		return nil, s.storeError(ctx, err)
	}
	out := &portalOutput{}
	out.Body.PortalHealth = h
	out.Body.Units = []PortalUnit{}
	for _, u := range h.Units {
		out.Body.Units = append(out.Body.Units, PortalUnit{PortalUnit: u, Name: s.Catalogue.Units().Name(u.Agency)})
		out.Body.Received += u.Received
		out.Body.Synced += u.Synced
	}
	if out.Body.Received > 0 {
		out.Body.Rate = float64(out.Body.Synced*10000/out.Body.Received) / 100
	}
	return out, nil
}

func (s *Server) portalRetry(ctx context.Context, in *portalRetryInput) (*portalRetryOutput, error) {
	if _, _, err := s.dossierFor(ctx, in.Code, auth.Supervisor); err != nil {
		return nil, err
	}
	n, err := s.Store.PortalRetry(ctx, in.Code)
	if err != nil {
		return nil, s.storeError(ctx, err)
	}
	out := &portalRetryOutput{}
	out.Body.Dossier, out.Body.Queued = in.Code, n
	return out, nil
}
