package workflows

import (
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/model"
)

// RefundName is the registered name of the workflow that refunds money no
// dossier took.
const RefundName = "RefundUnapplied"

// RefundOptions start the refund of one unapplied payment: one workflow
// per ledger line, so that however often the API or the reconciler asks,
// the money goes back once.
func RefundOptions(u activities.UnappliedRefund) client.StartWorkflowOptions {
	return client.StartWorkflowOptions{
		ID:                       "unapplied/" + u.Source + "/" + u.TxID,
		TaskQueue:                TaskQueue,
		WorkflowIDReusePolicy:    enums.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY,
		WorkflowIDConflictPolicy: enums.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}
}

// RefundUnapplied pays back money that reached no dossier, and writes the
// refund in the ledger. It retries until the gateway and the store have
// both answered: money owed back is never dropped.
func RefundUnapplied(ctx workflow.Context, u activities.UnappliedRefund) (model.Refund, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{MaximumInterval: 10 * time.Minute},
	})
	var r model.Refund
	err := workflow.ExecuteActivity(ctx, a.RefundUnapplied, u).Get(ctx, &r)
	return r, err
}
