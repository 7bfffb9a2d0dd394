package workflows

import (
	"strings"

	"github.com/motcua/motcua/model"
	"go.temporal.io/sdk/workflow"
)

// currentStep returns the first step not yet done.
func (d *dossier) currentStep() *StepState {
	for i := range d.Steps {
		if d.Steps[i].Done.IsZero() {
			return &d.Steps[i]
		}
	}
	return nil
}

func (d *dossier) checkCompleteStep(_ workflow.Context, x CompleteStep) error {
	if d.Stage != Processing {
		return wrongStage("complete a step", d.Stage)
	}
	if err := required("by", x.By); err != nil {
		return err
	}
	s := d.currentStep()
	switch {
	case s == nil:
		return invalid("every step is done: approve or refuse the dossier")
	case x.Step != s.Code:
		return invalid("step: the current step is %s (%s), not %q", s.Code, s.Name, x.Step)
	case x.Role != s.Role:
		return invalid("role: step %s is done by the %s role, not %q", s.Code, s.Role, x.Role)
	}
	return nil
}

func (d *dossier) doCompleteStep(ctx workflow.Context, x CompleteStep) error {
	s := d.currentStep()
	s.Done, s.By, s.Note = workflow.Now(ctx), x.By, x.Note
	return d.record(ctx, x.By, "step_done", s.Code)
}

func (d *dossier) checkApprove(_ workflow.Context, x Approve) error {
	if d.Stage != Processing {
		return wrongStage("approve the dossier", d.Stage)
	}
	if err := required("by", x.By); err != nil {
		return err
	}
	if s := d.currentStep(); s != nil {
		return invalid("step %s (%s) is not done yet", s.Code, s.Name)
	}
	if d.Result.Digitize && x.Result == nil {
		return invalid("result: this procedure's result must be digitized; attach its electronic copy")
	}
	return nil
}

// doApprove stops the clock at the decision, and puts a digitized result in
// the applicant's store, so that the next dossier can reuse it.
func (d *dossier) doApprove(ctx workflow.Context, x Approve) error {
	now := workflow.Now(ctx)
	d.Decided, d.Stage = now, ReadyToReturn
	d.Clock.Running = false
	d.clockVersion++
	d.Result.Document = x.Result
	if x.Result != nil {
		doc := model.Document{ID: x.Result.ID, Owner: d.Applicant, Kind: d.Result.Kind, SHA256: x.Result.SHA256,
			Ref: x.Result.ID, Media: x.Result.Media, Size: x.Result.Size, ValidFrom: now}
		if d.isLean() {
			d.publish = &doc
		} else if err := workflow.ExecuteLocalActivity(localCtx(ctx), a.Publish, doc).Get(ctx, nil); err != nil {
			return err
		}
	}
	return d.record(ctx, x.By, "approved", d.Result.Name)
}

func (d *dossier) checkRefuse(_ workflow.Context, x Refuse) error {
	if d.Stage.Decided() || d.Stage == Received {
		return wrongStage("refuse the dossier", d.Stage)
	}
	if err := required("by", x.By); err != nil {
		return err
	}
	if strings.TrimSpace(x.Reason) == "" {
		return invalid("reason is required: a refusal must say why, in words the citizen understands")
	}
	return nil
}

func (d *dossier) doRefuse(ctx workflow.Context, x Refuse) error {
	d.Decided = workflow.Now(ctx)
	d.close(ctx, Refused, x.Reason)
	return d.issue(ctx, x.By, "refused", x.Reason, d.refusalForm(x))
}

func (d *dossier) checkReturn(_ workflow.Context, x ReturnResult) error {
	if d.Stage != ReadyToReturn {
		return wrongStage("return the result", d.Stage)
	}
	if x.Via != "online" && x.Via != "counter" {
		return invalid("via must be online or counter, got %q", x.Via)
	}
	return required("by", x.By)
}

func (d *dossier) doReturn(ctx workflow.Context, x ReturnResult) error {
	d.Result.Via, d.Result.Returned = x.Via, workflow.Now(ctx)
	d.close(ctx, Returned, "")
	return d.record(ctx, x.By, "returned", x.Via)
}
