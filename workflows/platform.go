package workflows

import (
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// PaymentReconcileName is the registered name of the scheduled
// reconciliation with the national payment platform.
const PaymentReconcileName = "PaymentReconcile"

// PaymentReconcileSchedule is the ID of the schedule that runs it.
const PaymentReconcileSchedule = "motcua-payment-reconcile"

// PaymentReconcileScheduleOptions runs it every so often, one run at a time.
func PaymentReconcileScheduleOptions(every time.Duration) client.ScheduleOptions {
	return client.ScheduleOptions{
		ID:      PaymentReconcileSchedule,
		Spec:    client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: every}}},
		Overlap: enums.SCHEDULE_OVERLAP_POLICY_SKIP,
		Action: &client.ScheduleWorkflowAction{ID: "payment-reconcile", Workflow: PaymentReconcileName, TaskQueue: TaskQueue,
			WorkflowRunTimeout: time.Hour},
	}
}

// PaymentReconcile asks the national payment platform about the payments
// still pending between 30 minutes and 3 days old, and settles each. The
// work is one activity, so that the history stays small.
func PaymentReconcile(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 20 * time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 3},
	})
	var summary string
	err := workflow.ExecuteActivity(ctx, a.ReconcilePayments).Get(ctx, &summary)
	return summary, err
}
