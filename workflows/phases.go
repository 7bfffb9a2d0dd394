package workflows

import (
	"strconv"

	"go.temporal.io/sdk/workflow"

	"github.com/motcua/motcua/activities"
)

// review waits for the officer's finding on completeness.
func (d *dossier) review(ctx workflow.Context) error { return d.hold(ctx, InReview) }

// hold waits while the dossier stays in a stage. A supplement request made
// meanwhile waits for the citizen, until the supplement period ends, and
// then comes back to the stage.
func (d *dossier) hold(ctx workflow.Context, stage Stage) error {
	for {
		switch d.Stage {
		case stage:
			if err := workflow.Await(ctx, func() bool { return d.Stage != stage }); err != nil {
				return err
			}
		case AwaitingSupplement:
			if err := d.awaitSupplement(ctx); err != nil {
				return err
			}
		default:
			return nil
		}
	}
}

// awaitSupplement waits for the citizen's supplement; when the period runs
// out, the dossier is returned to the citizen as incomplete.
func (d *dossier) awaitSupplement(ctx workflow.Context) error {
	by := d.Clock.SupplementBy
	ok, err := workflow.AwaitWithTimeout(ctx, until(ctx, by), func() bool {
		return d.Stage != AwaitingSupplement || d.Clock.SupplementBy != by
	})
	if err != nil || ok {
		return err
	}
	d.close(ctx, Lapsed, "the supplement was not received by "+by.Format("2006-01-02 15:04"))
	return d.record(ctx, "system", "lapsed", d.Reason)
}

// payment waits for the fees, online or at the counter, until the payment
// period ends. A dossier with nothing to pay skips it.
func (d *dossier) payment(ctx workflow.Context) error {
	if d.fee() == 0 {
		return nil
	}
	var by = workflow.Now(ctx)
	err := workflow.ExecuteLocalActivity(localCtx(ctx), a.PeriodEnd, activities.PeriodRequest{
		Procedure: d.Procedure, From: by, Kind: activities.PeriodPayment,
	}).Get(ctx, &by)
	if err != nil {
		return err
	}
	d.Stage, d.Clock.PaymentBy = AwaitingPayment, by
	if err := d.record(ctx, "system", "payment_requested", d.fee().String()+" by "+by.Format("2006-01-02 15:04")); err != nil {
		return err
	}
	ok, err := workflow.AwaitWithTimeout(ctx, until(ctx, by), func() bool { return d.Stage != AwaitingPayment })
	if err != nil || ok {
		return err
	}
	d.close(ctx, Lapsed, "the fees were not paid by "+by.Format("2006-01-02 15:04"))
	return d.record(ctx, "system", "lapsed", d.Reason)
}

// digitization waits until every component that must be digitized has its
// electronic copy: uploaded, scanned at the counter, or reused.
func (d *dossier) digitization(ctx workflow.Context) error {
	if d.missingCopies() == 0 {
		d.Stage = Processing
		return nil
	}
	d.Stage = Digitizing
	if err := d.record(ctx, "system", "digitization_required", ""); err != nil {
		return err
	}
	return workflow.Await(ctx, func() bool { return d.Stage != Digitizing })
}

// missingCopies counts the components still waiting for an electronic copy.
func (d *dossier) missingCopies() int {
	n := 0
	for _, c := range d.Components {
		if c.Present && c.Digitize && !c.digitized() {
			n++
		}
	}
	return n
}

// processing runs the procedure's steps until the decision.
func (d *dossier) processing(ctx workflow.Context) error { return d.hold(ctx, Processing) }

// handOver waits until the result is returned.
func (d *dossier) handOver(ctx workflow.Context) error {
	return workflow.Await(ctx, func() bool { return d.Stage == Closed })
}

// settle refunds what was paid when the dossier did not end with its
// result, and tells the citizen how it ended.
func (d *dossier) settle(ctx workflow.Context) error {
	if d.Outcome != Returned {
		for _, p := range d.Payments {
			var r activities.Refund
			err := workflow.ExecuteActivity(remoteCtx(ctx), a.Refund, activities.RefundRequest{
				Key: "refund/" + d.Code + "/" + p.TxID, Dossier: d.Code, TxID: p.TxID, Online: p.Online, Amount: p.Amount,
			}).Get(ctx, &r)
			if err != nil {
				return err
			}
			d.Refunds = append(d.Refunds, r)
			if err := d.record(ctx, "system", "refunded", r.Amount.String()+" ("+r.Reference+")"); err != nil {
				return err
			}
		}
	}
	return d.notify(ctx, d.Applicant, "closed_"+string(d.Outcome), d.closingWords())
}

// closingWords tells the citizen, in Vietnamese, how the dossier ended.
func (d *dossier) closingWords() string {
	switch d.Outcome {
	case Returned:
		return "Hồ sơ " + d.Code + " đã được trả kết quả."
	case Refused:
		return "Hồ sơ " + d.Code + " không được giải quyết. Lý do: " + d.Reason
	case Withdrawn:
		return "Hồ sơ " + d.Code + " đã được rút theo yêu cầu của ông/bà."
	}
	return "Hồ sơ " + d.Code + " đã kết thúc: " + d.Reason
}

// notify sends a notice; its key makes a retried notice arrive once.
func (d *dossier) notify(ctx workflow.Context, to, kind, text string) error {
	return workflow.ExecuteActivity(remoteCtx(ctx), a.Notify, activities.Notice{
		Key: d.Code + "/" + kind + "/" + strconv.Itoa(d.seq), Dossier: d.Code, To: to, Kind: kind, Text: text,
	}).Get(ctx, nil)
}
