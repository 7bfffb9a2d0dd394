package workflows

import (
	"go.temporal.io/sdk/workflow"
)

// payment returns the payment already recorded under a transaction ID.
func (d *dossier) paymentOf(tx string) *Payment {
	for i := range d.Payments {
		if d.Payments[i].TxID == tx {
			return &d.Payments[i]
		}
	}
	return nil
}

func (d *dossier) checkPaymentCallback(_ workflow.Context, x PaymentCallback) error {
	if x.TxID == "" {
		return invalid("tx_id is required")
	}
	if d.paymentOf(x.TxID) != nil {
		return nil // the same callback again: answered as before, recorded once
	}
	if !d.takesPayment() {
		return wrongStage("take a payment", d.Stage)
	}
	if !x.Success && d.failedCallbacks >= MaxFailedPayments {
		return invalid("%d failed payments are already recorded on this dossier: pay at the counter", d.failedCallbacks)
	}
	if !x.Success {
		if err := d.historyFull("record a failed payment"); err != nil {
			return err
		}
	}
	if due := d.fee() - d.paid(); x.Success && x.Amount != due {
		return invalid("amount %s does not match the %s due", x.Amount, due)
	}
	return nil
}

func (d *dossier) doPaymentCallback(ctx workflow.Context, x PaymentCallback) error {
	if d.paymentOf(x.TxID) != nil {
		return nil
	}
	if !x.Success {
		d.failedCallbacks++
		return d.record(ctx, "gateway", "payment_failed", x.TxID)
	}
	return d.pay(ctx, Payment{TxID: x.TxID, Source: x.Source, Online: true, Amount: x.Amount, GatewayRef: x.GatewayRef, By: "gateway", At: workflow.Now(ctx)})
}

func (d *dossier) checkCounterPayment(_ workflow.Context, x CounterPayment) error {
	if err := required("receipt_no", x.ReceiptNo); err != nil {
		return err
	}
	if d.paymentOf(x.ReceiptNo) != nil {
		return nil
	}
	if !d.takesPayment() {
		return wrongStage("take a payment", d.Stage)
	}
	if due := d.fee() - d.paid(); x.Amount != due {
		return invalid("amount %s does not match the %s due", x.Amount, due)
	}
	return required("by", x.By)
}

func (d *dossier) doCounterPayment(ctx workflow.Context, x CounterPayment) error {
	if d.paymentOf(x.ReceiptNo) != nil {
		return nil
	}
	return d.pay(ctx, Payment{TxID: x.ReceiptNo, Amount: x.Amount, By: x.By, At: workflow.Now(ctx)})
}

func (d *dossier) pay(ctx workflow.Context, p Payment) error {
	d.Payments = append(d.Payments, p)
	if d.paid() >= d.fee() {
		d.Stage = Paid
		if d.isLean() && d.missingCopies() == 0 {
			// What digitization would do next, in this write: nothing
			// is left to digitize.
			d.Stage = Processing
		}
	}
	how := "at the counter, receipt " + p.TxID
	if p.Online {
		how = "online, transaction " + p.TxID
	}
	return d.record(ctx, p.By, "paid", p.Amount.String()+" "+how)
}

// takesPayment reports whether the dossier takes money now: while it
// awaits payment, and, for a dossier whose records are bound, from the
// moment it is accepted with fees to pay. The citizen is asked to pay as
// soon as the officer accepts, and the dossier's own request for payment
// follows a moment later; money that lands in between is the fee, not a
// payment too early to refund.
func (d *dossier) takesPayment() bool {
	return d.Stage == AwaitingPayment || (d.bound() && d.Stage == Accepted && d.fee() > 0)
}
