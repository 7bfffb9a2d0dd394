package api

import (
	"context"
	"errors"
	"fmt"

	"github.com/danielgtaylor/huma/v2"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/temporal"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/workflows"
)

// Taken is what became of a reported payment.
type Taken struct {
	Applied bool               `json:"applied" doc:"Whether the dossier took the money."`
	State   store.PaymentState `json:"state" enum:"failed,received,applied,refund_pending,refunded" doc:"The payment's line in the ledger."`
	Reason  string             `json:"reason,omitempty" enum:"duplicate,wrong_amount,too_early,after_closure,unknown_dossier" doc:"Why the money was not applied; it is refunded."`
	Stage   workflows.Stage    `json:"stage,omitempty" doc:"Where the dossier stands."`
}

// take runs a reported payment through the ledger and the dossier. The
// ledger keeps it first, so that nothing reported is lost. The dossier
// then takes it or refuses it; money it refuses is owed back at once, and
// a durable refund starts. A payment whose answer could not be had stays
// received, for a redelivery or the reconciler to decide.
func (s *Server) take(ctx context.Context, e store.LedgerEntry, at, update string, arg any, ackOf func(*ackOutput)) (Taken, error) {
	row, news, err := s.reportPayment(ctx, e, at)
	if err != nil {
		return Taken{}, err
	}
	switch row.State {
	case store.PaymentApplied, store.PaymentRefunded:
		return s.taken(ctx, row), nil
	case store.PaymentRefundPending:
		return s.owed(ctx, row, row.Reason)
	case store.PaymentFailed:
		if !news {
			return s.taken(ctx, row), nil // the same failure again
		}
	}
	ack, err := s.send(ctx, e.Dossier, update, arg, "")
	if err == nil {
		if ackOf != nil {
			ackOf(ack)
		}
		if e.Success {
			if _, err := s.Store.SettlePayment(detached(ctx), e.Source, e.TxID, store.PaymentApplied, "", s.Now()); err != nil {
				return Taken{}, s.storeError(ctx, err)
			}
		}
		t := s.taken(ctx, row)
		t.Applied, t.State, t.Stage = e.Success, store.PaymentApplied, ack.Body.Stage
		if !e.Success {
			t.Applied, t.State = false, store.PaymentFailed
		}
		return t, nil
	}
	reason, refused := s.refusalOf(ctx, e.Dossier, err)
	var notFound *serviceerror.NotFound
	if !refused && errors.As(err, &notFound) {
		// The dossier is open but its workflow could not be found just
		// now: the gateway is asked to come back, and the money stays
		// received until then.
		return Taken{}, unavailable()
	}
	if !refused {
		return Taken{}, s.mayHaveApplied(ctx, e.Dossier, err)
	}
	if !e.Success {
		return s.taken(ctx, row), nil // a failed payment moved no money
	}
	return s.refuse(ctx, e, row, reason)
}

// reportPayment keeps a payment in the ledger, answering 409 at the field at
// when its transaction belongs to another dossier.
func (s *Server) reportPayment(ctx context.Context, e store.LedgerEntry, at string) (store.LedgerEntry, bool, error) {
	row, news, err := s.Store.ReportPayment(ctx, e)
	if errors.Is(err, store.ErrTxElsewhere) {
		return row, false, huma.Error409Conflict(err.Error(), field(at, "used for dossier "+row.Dossier, e.TxID))
	}
	if err != nil {
		return row, false, s.storeError(ctx, err)
	}
	return row, news, nil
}

// refuse owes money back for the reason, and starts its refund. When
// another delivery of the same transaction decided it first, that
// decision stands, and only money owed back is refunded.
func (s *Server) refuse(ctx context.Context, e store.LedgerEntry, row store.LedgerEntry, reason string) (Taken, error) {
	decided, err := s.Store.SettlePayment(detached(ctx), e.Source, e.TxID, store.PaymentRefundPending, reason, s.Now())
	if err != nil {
		return Taken{}, s.storeError(ctx, err)
	}
	if !decided {
		return s.fromLedger(ctx, e)
	}
	row.State, row.Reason = store.PaymentRefundPending, reason
	return s.owed(ctx, row, reason)
}

// fromLedger answers from the ledger's line as it now stands.
func (s *Server) fromLedger(ctx context.Context, e store.LedgerEntry) (Taken, error) {
	row, err := s.Store.Payment(ctx, e.Source, e.TxID)
	if err != nil {
		return Taken{}, s.storeError(ctx, err)
	}
	if row.State == store.PaymentRefundPending {
		return s.owed(ctx, row, row.Reason)
	}
	return s.taken(ctx, row), nil
}

// owed starts the refund of money no dossier took, once per payment
// however often it is asked.
func (s *Server) owed(ctx context.Context, row store.LedgerEntry, reason string) (Taken, error) {
	u := activities.UnappliedRefund{Source: row.Source, TxID: row.TxID, Dossier: row.Dossier, Online: row.Online,
		Amount: row.Amount, Reason: reason}
	if _, err := s.Temporal.ExecuteWorkflow(detached(ctx), workflows.RefundOptions(u), workflows.RefundName, u); err != nil {
		// The line says refund_pending: a redelivery, or the reconciler,
		// starts the refund.
		return Taken{}, s.fromTemporal(ctx, row.Dossier, err)
	}
	s.Log.WarnContext(ctx, "payment not applied; refunding", "dossier", row.Dossier, "source", row.Source, "tx", row.TxID,
		"amount", row.Amount, "reason", reason)
	return s.taken(ctx, row), nil
}

// taken answers from the ledger's line.
func (s *Server) taken(ctx context.Context, row store.LedgerEntry) Taken {
	t := Taken{Applied: row.State == store.PaymentApplied, State: row.State}
	if !t.Applied {
		t.Reason = row.Reason
		if row.State == store.PaymentRefunded && !store.Unapplied(row.Reason) {
			t.Reason = "" // applied, then refunded when the dossier ended without its result
		}
	}
	if rec, err := s.Store.Dossier(ctx, row.Dossier); err == nil {
		t.Stage = workflows.Stage(rec.Stage)
	}
	return t
}

// refusalOf tells a dossier's refusal of a payment from a failure to ask,
// and names the refusal as the ledger keeps it, from the stage the dossier
// refused it in.
func (s *Server) refusalOf(ctx context.Context, code string, err error) (string, bool) {
	var app *temporal.ApplicationError
	var notFound *serviceerror.NotFound
	if stage, ok := workflows.RefusedIn(err); ok {
		switch stage {
		case workflows.Closed:
			return store.UnappliedAfterClosure, true
		case workflows.Received, workflows.InReview, workflows.Accepted, workflows.AwaitingSupplement:
			return store.UnappliedTooEarly, true
		}
		return store.UnappliedDuplicate, true
	}
	switch {
	case errors.As(err, &app) && app.Type() == workflows.ErrWrongStage:
		return store.UnappliedDuplicate, true // refused by a release that gave no stage
	case errors.As(err, &app) && app.Type() == workflows.ErrInvalid:
		return store.UnappliedWrongAmount, true
	case errors.As(err, &notFound):
		// No running workflow: the dossier closed, or Temporal is moving
		// it between hosts and will have it again in a moment. Only a
		// dossier the store shows closed refuses money for good.
		if rec, serr := s.Store.Dossier(ctx, code); serr == nil && workflows.Stage(rec.Stage) == workflows.Closed {
			return store.UnappliedAfterClosure, true
		}
	}
	return "", false
}

// unknownDossier keeps money paid for a dossier that does not exist, and
// refunds it.
func (s *Server) unknownDossier(ctx context.Context, e store.LedgerEntry) (Taken, error) {
	row, _, err := s.reportPayment(ctx, e, "body.tx_id")
	if err != nil {
		return Taken{}, err
	}
	if !e.Success || (row.State != store.PaymentReceived && row.State != store.PaymentRefundPending) {
		return s.taken(ctx, row), nil
	}
	return s.refuse(ctx, e, row, store.UnappliedUnknownDossier)
}

// refusedAtCounter is the officer's answer when the dossier refused money
// taken at the counter: the refusal, and what becomes of the money.
func refusedAtCounter(t Taken) error {
	return huma.Error409Conflict(fmt.Sprintf("the dossier did not take this payment (%s): it is recorded as not applied, "+
		"and the counter is told to refund it", t.Reason), field("body.receipt_no", "not applied: "+t.Reason, nil))
}
