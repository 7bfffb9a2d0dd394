package api

import (
	"context"
	"crypto/rand"
	"errors"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/gateway/paygov"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/workflows"
)

type orderInput struct {
	Body struct {
		Dossier string `json:"dossier" minLength:"1" maxLength:"80" doc:"The dossier whose fee is paid."`
	}
}

type orderOutput struct {
	Body struct {
		Reference string    `json:"reference" doc:"motcua's reference of the payment at the platform (MaThamChieu)."`
		Amount    money.VND `json:"amount"`
		URL       string    `json:"url" doc:"Where the citizen pays, at the national payment platform."`
	}
}

type platformCallbackInput struct {
	Body paygov.Callback
}

type platformCallbackOutput struct {
	Body struct {
		MaLoi string `json:"MaLoi" doc:"00: motcua has the callback and will not need it again."`
		MoTa  string `json:"MoTa"`
		Taken
	}
}

func (s *Server) registerPlatform(api huma.API) {
	huma.Register(api, huma.Operation{OperationID: "payment-order", Method: http.MethodPost, Path: "/payments/orders",
		Summary: "Open a payment at the national payment platform", Tags: []string{"Payments"}, Security: bearer,
		DefaultStatus: http.StatusCreated,
		Description:   "Opens the dossier's fee at the platform (INIT) and answers the URL where the citizen pays."}, s.openOrder)
	huma.Register(api, huma.Operation{OperationID: "payment-platform-callback", Method: http.MethodPost, Path: "/payments/paygov/callback",
		Summary: "The national payment platform's callback", Tags: []string{"Payments"}, MaxBodyBytes: 16 << 10,
		Errors: []int{401, 409, 503},
		Description: "Signed with MaXacThuc. Kept once per transaction, however often it is delivered and in whatever " +
			"order; money the dossier does not take is answered 00 too, and refunded."}, s.platformCallback)
}

func (s *Server) openOrder(ctx context.Context, in *orderInput) (*orderOutput, error) {
	_, rec, err := s.dossierFor(ctx, in.Body.Dossier, auth.Citizen, auth.Portal)
	if err != nil {
		return nil, err
	}
	if rec.Fee == 0 {
		return nil, unprocessable("this dossier has nothing to pay", field("body.dossier", "no fee", rec.Code))
	}
	o := store.Order{Reference: "MC" + rand.Text()[:18], Dossier: rec.Code, Amount: rec.Fee, Opened: s.Now()}
	// Kept before the platform hears of it: a callback may come back
	// before INIT's answer does.
	if err := s.Store.OpenOrder(ctx, o); err != nil {
		return nil, s.storeError(ctx, err)
	}
	url, err := s.Platform.Init(ctx, o.Reference, rec.Code, rec.Procedure.Code, o.Amount)
	if err != nil {
		s.Log.ErrorContext(ctx, "the payment platform", "dossier", rec.Code, "err", err)
		// The platform never opened it: nothing to ask about later. A
		// callback for it, should the platform have opened it after all,
		// still settles it, since paid overrides failed.
		if _, serr := s.Store.SettleOrder(detached(ctx), o.Reference, store.OrderFailed, "", s.Now()); serr != nil {
			s.Log.ErrorContext(ctx, "the payment platform", "dossier", rec.Code, "err", serr)
		}
		return nil, unavailable()
	}
	out := &orderOutput{}
	out.Body.Reference, out.Body.Amount, out.Body.URL = o.Reference, o.Amount, url
	return out, nil
}

func (s *Server) platformCallback(ctx context.Context, in *platformCallbackInput) (*platformCallbackOutput, error) {
	cb := in.Body
	if !paygov.Verify(string(s.PaymentSecret), cb.Fields(), cb.MaXacThuc) {
		return nil, huma.Error401Unauthorized("MaXacThuc does not match the callback",
			field("body.MaXacThuc", "bad signature", nil))
	}
	t, err := s.SettlePlatform(ctx, cb.MaThamChieu, cb.MaGiaoDich, cb.SoTien, cb.MaLoi == paygov.Success, cb.NganHang)
	if err != nil {
		return nil, err
	}
	out := &platformCallbackOutput{}
	out.Body.MaLoi, out.Body.MoTa, out.Body.Taken = paygov.Success, "đã nhận", t
	return out, nil
}

// SettlePlatform applies what the platform says of a payment, whether a
// callback or the scheduled reconciliation's QUERY brought it: into the
// ledger once per transaction, to the dossier if it takes it, refunded if
// it does not. A reference motcua never opened is money for no dossier.
func (s *Server) SettlePlatform(ctx context.Context, ref, txID string, amount money.VND, success bool, bank string) (Taken, error) {
	s.defaults()
	o, err := s.Store.Order(ctx, ref)
	switch {
	case errors.Is(err, store.ErrNotFound):
		o = store.Order{Reference: ref}
	case err != nil:
		return Taken{}, s.storeError(ctx, err)
	}
	if txID == "" {
		txID = ref
	}
	e := store.LedgerEntry{Source: store.DefaultGateway, TxID: txID, Dossier: o.Dossier, Online: true,
		Amount: amount, Success: success, GatewayRef: ref + " " + bank, At: s.Now()}
	var t Taken
	if o.Dossier == "" {
		t, err = s.unknownDossier(ctx, e)
	} else {
		t, err = s.take(ctx, e, "body.MaGiaoDich", workflows.UpdatePaymentCallback, workflows.PaymentCallback{TxID: txID,
			Amount: amount, Success: success, GatewayRef: e.GatewayRef}, nil)
	}
	if err != nil {
		return t, err
	}
	if o.Dossier != "" {
		state := store.OrderFailed
		if success {
			state = store.OrderPaid
		}
		// A stale failure after the payment went through leaves the order
		// paid: only the first outcome settles it.
		if _, err := s.Store.SettleOrder(detached(ctx), ref, state, txID, s.Now()); err != nil {
			return t, s.storeError(ctx, err)
		}
	}
	return t, nil
}
