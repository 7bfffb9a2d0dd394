package workflows

import (
	"strconv"

	"go.temporal.io/sdk/workflow"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/model"
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
	waiting := func() bool { return d.Stage == AwaitingSupplement && d.Clock.SupplementBy.Equal(by) }
	ok, err := workflow.AwaitWithTimeout(ctx, until(ctx, by), func() bool { return !waiting() })
	if err != nil || ok {
		return err
	}
	return d.transition(ctx, waiting, func() error {
		d.close(ctx, Lapsed, "the supplement was not received by "+by.Format("2006-01-02 15:04"))
		return d.record(ctx, "system", "lapsed", d.Reason)
	})
}

// transition makes a change of the main loop's own, such as a lapse, under
// the dossier's lock, like any action: a handler that resumes after a slow
// write must find the dossier as it left it, and a lapse must not be
// revived by a supplement that took the lock first. still re-checks, once
// the lock is held, that the change is still due. Dossiers that started
// before this rule ran without the lock, and replay so.
func (d *dossier) transition(ctx workflow.Context, still func() bool, change func() error) error {
	if !d.bound() {
		return change()
	}
	if err := d.lock.Lock(ctx); err != nil {
		return err
	}
	defer d.lock.Unlock()
	if !still() {
		return nil
	}
	return change()
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
	accepted := func() bool { return d.Stage == Accepted }
	awaiting := func() bool { return d.Stage == AwaitingPayment }
	err = d.transition(ctx, accepted, func() error {
		d.Stage, d.Clock.PaymentBy = AwaitingPayment, by
		return d.record(ctx, "system", "payment_requested", d.fee().String()+" by "+by.Format("2006-01-02 15:04"))
	})
	if err != nil || (d.bound() && !awaiting()) {
		return err
	}
	ok, err := workflow.AwaitWithTimeout(ctx, until(ctx, by), func() bool { return !awaiting() })
	if err != nil || ok {
		return err
	}
	return d.transition(ctx, awaiting, func() error {
		d.close(ctx, Lapsed, "the fees were not paid by "+by.Format("2006-01-02 15:04"))
		return d.record(ctx, "system", "lapsed", d.Reason)
	})
}

// digitization waits until every component that must be digitized has its
// electronic copy: uploaded, scanned at the counter, or reused.
func (d *dossier) digitization(ctx workflow.Context) error {
	moving := func() bool { return d.Stage == Accepted || d.Stage == Paid }
	err := d.transition(ctx, moving, func() error {
		if d.missingCopies() == 0 {
			d.Stage = Processing
			return nil
		}
		d.Stage = Digitizing
		return d.record(ctx, "system", "digitization_required", "")
	})
	if err != nil {
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
			var r model.Refund
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
	if d.bound() {
		return nil // the closing milestone carried the notice
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

// announce records a milestone that someone must hear of. A bound
// dossier hands the notice to the milestone's own write; an older one
// records, then sends the notice through an activity, as it ran.
func (d *dossier) announce(ctx workflow.Context, actor, action, detail string, paper *model.Paper, to, kind, text string) error {
	if d.bound() {
		d.tell(to, kind, text)
		return d.issue(ctx, actor, action, detail, paper)
	}
	if err := d.issue(ctx, actor, action, detail, paper); err != nil {
		return err
	}
	return d.notify(ctx, to, kind, text)
}

// notify sends a notice through the notifier activity: how dossiers that
// started before their records were bound still send theirs. Its key makes
// a retried notice arrive once.
func (d *dossier) notify(ctx workflow.Context, to, kind, text string) error {
	return workflow.ExecuteActivity(remoteCtx(ctx), a.Notify, model.Notice{
		Key: d.Code + "/" + kind + "/" + strconv.Itoa(d.seq), Dossier: d.Code, To: to, Kind: kind, Text: text,
	}).Get(ctx, nil)
}
