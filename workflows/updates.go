package workflows

import (
	"go.temporal.io/sdk/workflow"
)

// registerUpdates installs every action with its validator.
func (d *dossier) registerUpdates(ctx workflow.Context) error {
	regs := []error{
		register(ctx, d, UpdateAccept, d.checkAccept, d.doAccept),
		register(ctx, d, UpdateRequestSupplement, d.checkRequestSupplement, d.doRequestSupplement),
		register(ctx, d, UpdateSupplement, d.checkSupplement, d.doSupplement),
		register(ctx, d, UpdatePaymentCallback, d.checkPaymentCallback, d.doPaymentCallback),
		register(ctx, d, UpdateCounterPayment, d.checkCounterPayment, d.doCounterPayment),
		register(ctx, d, UpdateDigitize, d.checkDigitize, d.doDigitize),
		register(ctx, d, UpdateCompleteStep, d.checkCompleteStep, d.doCompleteStep),
		register(ctx, d, UpdateApprove, d.checkApprove, d.doApprove),
		register(ctx, d, UpdateRefuse, d.checkRefuse, d.doRefuse),
		register(ctx, d, UpdateReturnResult, d.checkReturn, d.doReturn),
		register(ctx, d, UpdateApologize, d.checkApologize, d.doApologize),
		register(ctx, d, UpdateWithdraw, d.checkWithdraw, d.doWithdraw),
		d.registerReceipt(ctx),
	}
	for _, err := range regs {
		if err != nil {
			return err
		}
	}
	return nil
}

// register installs one action. The validator refuses what the current
// stage does not allow, before anything reaches history. An action that
// arrives while the receipt is still being checked waits for it, then is
// checked. Handlers run one at a time: each takes the dossier's lock and
// checks again, because another action may have moved the dossier while it
// waited.
func register[T any](ctx workflow.Context, d *dossier, name string,
	check func(workflow.Context, T) error, do func(workflow.Context, T) error) error {
	validate := func(ctx workflow.Context, x T) error {
		if d.Stage == Received {
			return nil
		}
		return check(ctx, x)
	}
	return workflow.SetUpdateHandlerWithOptions(ctx, name,
		func(ctx workflow.Context, x T) (Ack, error) {
			if err := workflow.Await(ctx, func() bool { return d.Stage != Received }); err != nil {
				return Ack{}, err
			}
			if err := d.lock.Lock(ctx); err != nil {
				return Ack{}, err
			}
			defer d.lock.Unlock()
			if err := check(ctx, x); err != nil {
				return Ack{}, err
			}
			if err := do(ctx, x); err != nil {
				return Ack{}, err
			}
			d.watchHistory(ctx)
			return Ack{Stage: d.Stage, Due: d.Clock.Due}, nil
		},
		workflow.UpdateHandlerOptions{Validator: validate})
}

// required refuses an action that does not say who takes it.
func required(field, value string) error {
	if value == "" {
		return invalid("%s is required", field)
	}
	return nil
}

// watchHistory notes once when Temporal suggests the history is large.
// A dossier does not continue as new: its updates, timers and clock would
// have to be carried over mid-flight, and the caps on repeated actions
// (supplements, apologies, failed payments) already bound its history at
// a few hundred events. What can still grow it without moving the dossier
// (failed payments, apology letters) is refused from then on.
func (d *dossier) watchHistory(ctx workflow.Context) {
	if !d.historyWarned && workflow.GetInfo(ctx).GetContinueAsNewSuggested() {
		d.historyWarned = true
		workflow.GetLogger(ctx).Warn("the dossier's history is large", "dossier", d.Code,
			"events", workflow.GetInfo(ctx).GetCurrentHistoryLength())
	}
}

// historyFull refuses an action that adds to a history Temporal finds large.
func (d *dossier) historyFull(action string) error {
	if d.historyWarned {
		return invalid("cannot %s: the dossier's history is full; ask a supervisor", action)
	}
	return nil
}
