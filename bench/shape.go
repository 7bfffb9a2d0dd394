package bench

import (
	"context"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// shapeActions is how many workflow updates a dossier of the standard flow
// takes: the receipt sent with the start, the acceptance, the payment's
// callback, three steps, the approval and the return of the result. The
// flow's other requests (uploads, the payment order) do not reach the
// workflow.
const shapeActions = 8

// shape runs workflows that have the standard flow's shape in Temporal
// and nothing else: started with an update, then as many updates as a
// dossier takes, one after another as the officers' actions come, with a
// deadline timer running, and closing in the last update's workflow
// task. Their handlers do no work, so what this carries is the most any
// flow of that shape can carry on the machine, whatever motcua does in
// it: the flow's distance from it is motcua's own cost.
func shape(ctx context.Context, c client.Client, o Options) (float64, error) {
	return workflowsPerSecond(ctx, c, o, "shape", func(w worker.Worker) {
		w.RegisterWorkflowWithOptions(bareDossier, workflow.RegisterOptions{Name: "BareDossier"})
	}, func(queue, id string) error { return bareShape(ctx, c, queue, id) })
}

// bareShape takes one workflow through the shape, each update waited for
// as the API waits for an officer's action.
func bareShape(ctx context.Context, c client.Client, queue, id string) error {
	act := client.UpdateWorkflowOptions{WorkflowID: id, UpdateName: "act", WaitForStage: client.WorkflowUpdateStageCompleted}
	h, err := c.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: c.NewWithStartWorkflowOperation(client.StartWorkflowOptions{ID: id, TaskQueue: queue,
			WorkflowIDConflictPolicy: enums.WORKFLOW_ID_CONFLICT_POLICY_FAIL}, "BareDossier"),
		UpdateOptions: act})
	for i := 1; err == nil; i++ {
		if err = h.Get(ctx, nil); err != nil || i == shapeActions {
			break
		}
		h, err = c.UpdateWorkflow(ctx, act)
	}
	return err
}

// bareDossier takes shapeActions updates and ends with the last.
func bareDossier(ctx workflow.Context) error {
	acts := 0
	if err := workflow.SetUpdateHandler(ctx, "act", func(workflow.Context) error {
		acts++
		return nil
	}); err != nil {
		return err
	}
	deadline, cancel := workflow.WithCancel(ctx)
	defer cancel()
	workflow.NewTimer(deadline, 30*24*time.Hour)
	return workflow.Await(ctx, func() bool { return acts == shapeActions })
}
