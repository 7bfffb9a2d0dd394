package workflows

import (
	"fmt"
	"strings"

	"go.temporal.io/sdk/workflow"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/procedures"
)

func (d *dossier) checkAccept(_ workflow.Context, x Accept) error {
	if d.Stage != InReview {
		return wrongStage("accept the dossier", d.Stage)
	}
	return required("by", x.By)
}

// doAccept records the officer's finding. With fees to pay, the payment
// request follows in the same workflow task and shows the stage it leads
// to; a dossier of version lean leaves the search attributes to it.
func (d *dossier) doAccept(ctx workflow.Context, x Accept) error {
	d.Stage = Accepted
	if d.isLean() && d.fee() > 0 {
		return d.milestone(ctx, x.By, "accepted", "", nil)
	}
	return d.record(ctx, x.By, "accepted", "")
}

func (d *dossier) checkRequestSupplement(_ workflow.Context, x RequestSupplement) error {
	if d.Stage != InReview && d.Stage != Processing {
		return wrongStage("request a supplement", d.Stage)
	}
	if err := required("by", x.By); err != nil {
		return err
	}
	if d.bound() && d.Stage == Processing && !d.afterAcceptance {
		return invalid("procedure %s settles completeness at receipt: once accepted, the dossier cannot be sent back for a supplement; refuse it with a reason, or issue an apology letter", d.Procedure.Code)
	}
	if d.Supplements >= MaxSupplementRequests {
		return invalid("the citizen has already been asked to supplement %d times, the most a dossier allows; decide on the dossier as it stands", d.Supplements)
	}
	if strings.TrimSpace(x.Reason) == "" {
		return invalid("reason is required: tell the citizen what is missing")
	}
	for _, c := range x.Components {
		if d.component(c) == nil {
			return invalid("components: procedure %s has no component %q", d.Procedure.Code, c)
		}
	}
	return nil
}

// doRequestSupplement stops the clock. Under a pause rule the working time
// used so far is kept; under a restart rule it will count again in full.
func (d *dossier) doRequestSupplement(ctx workflow.Context, x RequestSupplement) error {
	now := workflow.Now(ctx)
	if d.Clock.Running {
		var used int64
		err := workflow.ExecuteLocalActivity(localCtx(ctx), a.Measure, activities.MeasureRequest{
			Procedure: d.Procedure, From: d.Clock.Start, To: now,
		}).Get(ctx, &used)
		if err != nil {
			return err
		}
		d.Clock.ElapsedMinutes += used
	}
	var by = now
	err := workflow.ExecuteLocalActivity(localCtx(ctx), a.PeriodEnd, activities.PeriodRequest{
		Procedure: d.Procedure, From: now, Kind: activities.PeriodSupplement,
	}).Get(ctx, &by)
	if err != nil {
		return err
	}
	d.Clock.Running, d.Clock.SupplementBy = false, by
	d.Clock.Pauses = append(d.Clock.Pauses, Pause{From: now})
	d.Supplement = &SupplementRequest{By: x.By, Reason: x.Reason, Components: x.Components, At: now, From: d.Stage}
	d.Supplements++
	if d.Stage == Processing {
		// The scorecard counts a dossier sent back after acceptance as late.
		d.SupplementAfterAcceptance = true
	}
	d.Stage = AwaitingSupplement
	d.clockVersion++
	paper := d.supplementForm(x, by)
	return d.announce(ctx, x.By, "supplement_requested", x.Reason, paper, d.Applicant, "supplement_requested",
		"Hồ sơ "+d.Code+" cần bổ sung: "+x.Reason+". Hạn bổ sung: "+by.Format("02/01/2006 15:04")+
			fmt.Sprintf(". Phiếu: /dossiers/%s/supplement-requests/%d", d.Code, paper.Number))
}

func (d *dossier) checkSupplement(_ workflow.Context, x Supplement) error {
	if d.Stage != AwaitingSupplement {
		return wrongStage("supplement the dossier", d.Stage)
	}
	if len(x.Components) == 0 && strings.TrimSpace(x.Note) == "" {
		return invalid("components: add at least one component, or a note")
	}
	for i, c := range x.Components {
		if d.component(c.Code) == nil {
			return invalid("components[%d].code: procedure %s has no component %q", i, d.Procedure.Code, c.Code)
		}
	}
	return required("by", x.By)
}

// doSupplement restarts the clock from the supplement: with the time left
// under a pause rule, with the whole deadline under a restart rule. The
// appointment on the slip moves with it.
func (d *dossier) doSupplement(ctx workflow.Context, x Supplement) error {
	for _, sub := range x.Components {
		if err := d.attach(ctx, sub, d.Applicant); err != nil {
			return invalid("%v", err)
		}
	}
	now := workflow.Now(ctx)
	if d.onSupplement == procedures.Restart {
		d.Clock.ElapsedMinutes = 0
	}
	var s activities.Schedule
	err := workflow.ExecuteLocalActivity(localCtx(ctx), a.Reschedule, activities.ScheduleRequest{
		Procedure: d.Procedure, From: now, ElapsedMinutes: d.Clock.ElapsedMinutes,
	}).Get(ctx, &s)
	if err != nil {
		return err
	}
	d.Clock.Pauses[len(d.Clock.Pauses)-1].To = now
	d.restartClock(s)
	d.Stage, d.Supplement = d.Supplement.From, nil
	return d.record(ctx, x.By, "supplemented", x.Note)
}

// restartClock sets the clock to a new schedule.
func (d *dossier) restartClock(s activities.Schedule) {
	d.Clock.Running, d.Clock.Start, d.Clock.Due, d.Clock.OriginalDue = true, s.Start, s.Due, s.Due
	d.Clock.WarnAt, d.Clock.ApologyLimit, d.Clock.Warned = s.WarnAt, s.ApologyLimit, false
	for i := range d.Steps {
		if d.Steps[i].Done.IsZero() {
			d.Steps[i].Due = s.Steps[i]
		}
	}
	d.clockVersion++
}
