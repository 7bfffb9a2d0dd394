package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/store"
)

type unappliedInput struct {
	Limit int `query:"limit" minimum:"1" maximum:"500" default:"100"`
}

type unappliedOutput struct {
	Body struct {
		Balance   store.Balance       `json:"balance" doc:"The whole ledger: every đồng received is applied, owed back or refunded."`
		Unapplied []store.LedgerEntry `json:"unapplied" doc:"Money that reached no dossier, newest first, with the reason and the refund."`
	}
}

type findingsOutput struct {
	Body struct {
		Run      time.Time       `json:"run,omitzero" doc:"When reconciliation last ran; absent when it never has."`
		Findings []store.Finding `json:"findings"`
	}
}

func (s *Server) registerLedger(api huma.API) {
	huma.Register(api, huma.Operation{OperationID: "unapplied-payments", Method: http.MethodGet, Path: "/payments/unapplied",
		Summary: "Money that reached no dossier, and its refunds", Tags: []string{"Payments"}, Security: bearer,
		Description: "For the finance office and supervisors: payments paid twice, of the wrong amount, too early, after " +
			"closure or for no dossier, each with its refund, and the ledger's balance."}, s.unapplied)
	huma.Register(api, huma.Operation{OperationID: "reconciliation", Method: http.MethodGet, Path: "/supervision/reconciliation",
		Summary: "What the last reconciliation found", Tags: []string{"Supervision"}, Security: bearer,
		Description: "The worker compares the store with Temporal and checks the ledger every 15 minutes, and repairs " +
			"what it safely can; this lists what its last run found and did."}, s.findings)
}

func (s *Server) unapplied(ctx context.Context, in *unappliedInput) (*unappliedOutput, error) {
	if _, err := caller(ctx, auth.Supervisor, auth.Finance); err != nil {
		return nil, err
	}
	out := &unappliedOutput{}
	var err error
	if out.Body.Balance, err = s.Store.Balance(ctx, ""); err != nil {
		return nil, s.storeError(ctx, err)
	}
	if out.Body.Unapplied, err = s.Store.UnappliedPayments(ctx, in.Limit); err != nil {
		return nil, s.storeError(ctx, err)
	}
	return out, nil
}

func (s *Server) findings(ctx context.Context, _ *struct{}) (*findingsOutput, error) {
	if _, err := caller(ctx, auth.Supervisor, auth.Finance); err != nil {
		return nil, err
	}
	out := &findingsOutput{}
	var err error
	if out.Body.Run, out.Body.Findings, err = s.Store.Findings(ctx); err != nil {
		return nil, s.storeError(ctx, err)
	}
	return out, nil
}
