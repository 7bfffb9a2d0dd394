package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/gateway"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/workflows"
)

type callbackInput struct {
	Signature string `header:"X-Motcua-Signature" required:"true" doc:"sha256= and the hex HMAC-SHA256 of the body under the shared secret."`
	RawBody   []byte
	Body      gateway.Callback
}

type callbackOutput struct {
	Body struct {
		Applied bool            `json:"applied" doc:"False when the same transaction was already recorded."`
		Stage   workflows.Stage `json:"stage,omitempty"`
	}
}

type simOpenInput struct {
	Body struct {
		Dossier string `json:"dossier" minLength:"1"`
	}
}

type simOpenOutput struct {
	Body gateway.SimPayment
}

type simFinishInput struct {
	TxID    string `path:"tx"`
	Outcome string `path:"outcome" enum:"complete,fail"`
}

type simFinishOutput struct {
	Body struct {
		CallbackStatus int `json:"callback_status" doc:"What motcua answered the signed callback with."`
	}
}

func (s *Server) registerPayments(api huma.API) {
	huma.Register(api, huma.Operation{OperationID: "payment-callback", Method: http.MethodPost, Path: "/payments/callback",
		Summary: "A payment gateway's callback", Tags: []string{"Payments"}, Errors: []int{401, 404, 409, 422, 503},
		Description: "Signed with HMAC-SHA256; applied once per transaction ID, however often it is delivered."}, s.callback)
	if s.Simulator == nil {
		return
	}
	huma.Register(api, huma.Operation{OperationID: "simulator-open", Method: http.MethodPost, Path: "/simulator/payments",
		Summary: "Open a payment at the simulated gateway", Tags: []string{"Simulated gateway"}, Security: bearer,
		DefaultStatus: http.StatusCreated}, s.simOpen)
	huma.Register(api, huma.Operation{OperationID: "simulator-finish", Method: http.MethodPost, Path: "/simulator/payments/{tx}/{outcome}",
		Summary: "Complete or fail a simulated payment", Tags: []string{"Simulated gateway"}, Security: bearer,
		Description: "Delivers the signed callback to /payments/callback, as a real gateway would."}, s.simFinish)
}

func (s *Server) callback(ctx context.Context, in *callbackInput) (*callbackOutput, error) {
	if !gateway.Verify(s.PaymentSecret, in.RawBody, in.Signature) {
		return nil, huma.Error401Unauthorized("the payment signature does not match the body",
			field("header.X-Motcua-Signature", "bad signature", nil))
	}
	cb := in.Body
	rec, err := s.Store.Dossier(ctx, cb.Dossier)
	if errors.Is(err, store.ErrNotFound) {
		return nil, huma.Error404NotFound("there is no dossier "+cb.Dossier, field("body.dossier", "unknown dossier", cb.Dossier))
	}
	if err != nil {
		return nil, s.storeError(ctx, err)
	}
	// The ledger is written first: should Temporal be down, the gateway
	// retries and the second delivery finds the line already there.
	first, err := s.Store.RecordPayment(ctx, store.LedgerEntry{TxID: cb.TxID, Dossier: cb.Dossier, Online: true,
		Amount: cb.Amount, Success: cb.Success, GatewayRef: cb.GatewayRef, At: s.Now()})
	if err != nil {
		return nil, s.storeError(ctx, err)
	}
	ack, err := s.update(ctx, rec.Code, workflows.UpdatePaymentCallback, workflows.PaymentCallback{TxID: cb.TxID,
		Amount: cb.Amount, Success: cb.Success, GatewayRef: cb.GatewayRef})
	var status huma.StatusError
	if err != nil && !first && errors.As(err, &status) && status.GetStatus() == http.StatusNotFound {
		// A redelivery after the dossier closed: the ledger has it, and the
		// gateway must hear 2xx or it retries for ever.
		return s.lateCallback(ctx, rec.Code, cb)
	}
	if err != nil {
		return nil, err
	}
	out := &callbackOutput{}
	out.Body.Applied, out.Body.Stage = first, ack.Body.Stage
	return out, nil
}

// lateCallback answers a callback delivered again after its dossier's
// workflow has closed. Usually the first delivery was applied; if the
// timeline shows it was not (Temporal was away, then the dossier closed),
// money was taken for a closed dossier, and the finance office is told to
// refund it.
func (s *Server) lateCallback(ctx context.Context, code string, cb gateway.Callback) (*callbackOutput, error) {
	events, err := s.Store.Timeline(ctx, code)
	if err != nil {
		return nil, s.storeError(ctx, err)
	}
	applied := !cb.Success
	for _, e := range events {
		if e.Action == "paid" && strings.Contains(e.Detail, cb.TxID) {
			applied = true
		}
	}
	if !applied {
		s.Log.WarnContext(ctx, "payment for a closed dossier", "dossier", code, "tx", cb.TxID)
		err := s.Store.Notify(detached(ctx), activities.Notice{Key: "unapplied/" + code + "/" + cb.TxID, Dossier: code, To: "finance",
			Kind: "refund_requested", Text: fmt.Sprintf("refund %s of transaction %s: it arrived after the dossier closed", cb.Amount, cb.TxID)})
		if err != nil {
			return nil, s.storeError(ctx, err)
		}
	}
	out := &callbackOutput{}
	out.Body.Stage = workflows.Closed
	return out, nil
}

func (s *Server) simOpen(ctx context.Context, in *simOpenInput) (*simOpenOutput, error) {
	_, rec, err := s.dossierFor(ctx, in.Body.Dossier, auth.Citizen, auth.Portal)
	if err != nil {
		return nil, err
	}
	if rec.Fee == 0 {
		return nil, unprocessable("this dossier has nothing to pay", field("body.dossier", "no fee", rec.Code))
	}
	return &simOpenOutput{Body: s.Simulator.Open(rec.Code, rec.Fee)}, nil
}

func (s *Server) simFinish(ctx context.Context, in *simFinishInput) (*simFinishOutput, error) {
	if _, err := caller(ctx, auth.Citizen, auth.Portal); err != nil {
		return nil, err
	}
	status, err := s.Simulator.Finish(detached(ctx), in.TxID, in.Outcome == "complete")
	if errors.Is(err, gateway.ErrUnknownPayment) {
		return nil, huma.Error404NotFound(err.Error())
	}
	if err != nil {
		s.Log.ErrorContext(ctx, "simulated gateway", "err", err)
		return nil, unavailable()
	}
	out := &simFinishOutput{}
	out.Body.CallbackStatus = status
	return out, nil
}
