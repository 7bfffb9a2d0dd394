package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

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
	Body Taken
}

type simOpenInput struct {
	Body struct {
		Dossier string `json:"dossier" minLength:"1" maxLength:"80"`
	}
}

type simOpenOutput struct {
	Body gateway.SimPayment
}

type simFinishInput struct {
	TxID    string `path:"tx" maxLength:"100"`
	Outcome string `path:"outcome" enum:"complete,fail"`
}

type simFinishOutput struct {
	Body struct {
		CallbackStatus int `json:"callback_status" doc:"What motcua answered the signed callback with."`
	}
}

func (s *Server) registerPayments(api huma.API) {
	if s.Platform != nil {
		s.registerPlatform(api)
		return
	}
	huma.Register(api, huma.Operation{OperationID: "payment-callback", Method: http.MethodPost, Path: "/payments/callback",
		Summary: "A payment gateway's callback", Tags: []string{"Payments"}, MaxBodyBytes: 16 << 10, Errors: []int{401, 409, 422, 503},
		Description: "Signed with HMAC-SHA256; kept once per transaction ID, however often it is delivered. Money the " +
			"dossier does not take (paid twice, the wrong amount, too early, after closure, for no dossier) is answered 200 " +
			"with applied false and its reason, and refunded."}, s.callback)
	if s.Simulator == nil {
		return
	}
	huma.Register(api, huma.Operation{OperationID: "simulator-open", Description: "Served only while the payment simulator is on, for demos and tests: opens a payment of a dossier's fees and answers its transaction ID, to complete or fail at /simulator/payments/{tx}/{outcome}.", Method: http.MethodPost, Path: "/simulator/payments",
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
	e := store.LedgerEntry{Source: store.DefaultGateway, TxID: cb.TxID, Dossier: cb.Dossier, Online: true,
		Amount: cb.Amount, Success: cb.Success, GatewayRef: cb.GatewayRef, At: s.Now()}
	var t Taken
	_, err := s.Store.Dossier(ctx, cb.Dossier)
	switch {
	case errors.Is(err, store.ErrNotFound):
		t, err = s.unknownDossier(ctx, e)
	case err != nil:
		return nil, s.storeError(ctx, err)
	default:
		t, err = s.take(ctx, e, "body.tx_id", workflows.UpdatePaymentCallback, workflows.PaymentCallback{TxID: cb.TxID,
			Amount: cb.Amount, Success: cb.Success, GatewayRef: cb.GatewayRef}, nil)
	}
	if err != nil {
		return nil, err
	}
	// Whatever became of the money, the gateway hears 2xx: the ledger has
	// it, and a gateway that hears otherwise retries for ever.
	return &callbackOutput{Body: t}, nil
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
