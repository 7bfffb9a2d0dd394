package workflows

import (
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// PortalSyncName is the registered name of the scheduled portal sync.
const PortalSyncName = "PortalSync"

// PortalSyncSchedule is the ID of the schedule that runs it.
const PortalSyncSchedule = "motcua-portal-sync"

// PortalSyncScheduleOptions runs the sync every so often, one run at a
// time: a run still delivering when the next is due is left to finish.
func PortalSyncScheduleOptions(every time.Duration) client.ScheduleOptions {
	return client.ScheduleOptions{
		ID:      PortalSyncSchedule,
		Spec:    client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: every}}},
		Overlap: enums.SCHEDULE_OVERLAP_POLICY_SKIP,
		Action: &client.ScheduleWorkflowAction{ID: "portal-sync", Workflow: PortalSyncName, TaskQueue: TaskQueue,
			WorkflowRunTimeout: time.Hour},
	}
}

// PortalSync delivers the changes queued for the national portal. The
// queue is in the store, so nothing is lost when a run fails or a worker
// stops; the run is one activity, which heartbeats, so that its history
// stays small however much it delivers.
func PortalSync(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Minute,
		HeartbeatTimeout:    20 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 3},
	})
	var summary string
	err := workflow.ExecuteActivity(ctx, a.SyncPortal).Get(ctx, &summary)
	return summary, err
}
