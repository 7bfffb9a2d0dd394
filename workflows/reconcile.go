package workflows

import (
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// ReconcileName is the registered name of the scheduled reconciliation.
const ReconcileName = "Reconcile"

// ReconcileSchedule is the ID of the schedule that runs it.
const ReconcileSchedule = "motcua-reconcile"

// ReconcileScheduleOptions is the schedule, every so often: one run at a
// time, and a run that would overlap the last is skipped, not queued.
func ReconcileScheduleOptions(every time.Duration) client.ScheduleOptions {
	return client.ScheduleOptions{
		ID:      ReconcileSchedule,
		Spec:    client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: every}}},
		Overlap: enums.SCHEDULE_OVERLAP_POLICY_SKIP,
		Action: &client.ScheduleWorkflowAction{ID: "reconcile", Workflow: ReconcileName, TaskQueue: TaskQueue,
			WorkflowRunTimeout: time.Hour},
	}
}

// Reconcile compares the store with Temporal and checks the ledger, and
// repairs what it safely can. The work is one activity: it reads many
// records and must not grow a history.
func Reconcile(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 20 * time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 3},
	})
	var summary string
	err := workflow.ExecuteActivity(ctx, a.Reconcile).Get(ctx, &summary)
	return summary, err
}
