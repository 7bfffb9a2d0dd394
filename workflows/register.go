package workflows

import (
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/motcua/motcua/activities"
)

// Register puts the dossier workflow and its activities on a worker.
func Register(w worker.Registry, acts *activities.Activities) {
	w.RegisterWorkflowWithOptions(Dossier, workflow.RegisterOptions{Name: WorkflowName})
	w.RegisterWorkflowWithOptions(RefundUnapplied, workflow.RegisterOptions{Name: RefundName})
	w.RegisterWorkflowWithOptions(Reconcile, workflow.RegisterOptions{Name: ReconcileName})
	w.RegisterWorkflowWithOptions(PortalSync, workflow.RegisterOptions{Name: PortalSyncName})
	w.RegisterWorkflowWithOptions(PaymentReconcile, workflow.RegisterOptions{Name: PaymentReconcileName})
	w.RegisterActivity(acts)
}
