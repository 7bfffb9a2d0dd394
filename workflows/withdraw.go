package workflows

import (
	"go.temporal.io/sdk/workflow"
)

func (d *dossier) checkWithdraw(_ workflow.Context, x Withdraw) error {
	if d.Stage.Decided() || d.Stage == Received {
		return wrongStage("withdraw the dossier", d.Stage)
	}
	return required("by", x.By)
}

// doWithdraw closes the dossier; what was paid is refunded as it settles.
func (d *dossier) doWithdraw(ctx workflow.Context, x Withdraw) error {
	d.close(ctx, Withdrawn, x.Reason)
	return d.record(ctx, x.By, "withdrawn", x.Reason)
}
