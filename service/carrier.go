package service

import (
	"context"
	"errors"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
)

// twoEngines is the Temporal client of an instance while a province moves
// from one Temporal to another (--moved-from, --moving-to; README, "To
// move a running province there"): the records move at once, but a
// running workflow cannot, so the dossiers received before the move are
// carried to their end by the Temporal they started on, and the rest by
// the new one. Every call about a dossier's
// workflow goes to the instance's own Temporal first and, when that one
// does not know the workflow, to the other; new workflows (filings,
// refunds) always start on its own. Without the other, an officer's action
// on an older dossier would be refused as unknown, and reconciliation would
// close the dossier as one whose filing never started a workflow.
type twoEngines struct {
	client.Client               // the instance's own Temporal
	other         client.Client // the one that carries the rest
}

// elsewhere reports whether err says the workflow is not on this engine.
// A finished workflow is NotFound too for an update ("workflow execution
// already completed"); the other engine then says NotFound as well, and
// the first answer is the one returned.
func elsewhere(err error) bool {
	var nf *serviceerror.NotFound
	return errors.As(err, &nf)
}

// UpdateWorkflow sends an officer's action, or a payment, to the engine
// that carries the dossier.
func (t twoEngines) UpdateWorkflow(ctx context.Context, opts client.UpdateWorkflowOptions) (client.WorkflowUpdateHandle, error) {
	h, err := t.Client.UpdateWorkflow(ctx, opts)
	if !elsewhere(err) {
		return h, err
	}
	if h2, err2 := t.other.UpdateWorkflow(ctx, opts); !elsewhere(err2) {
		return h2, err2
	}
	return h, err
}

// QueryWorkflow reads a dossier's state from the engine that carries it.
func (t twoEngines) QueryWorkflow(ctx context.Context, workflowID, runID, queryType string, args ...any) (converter.EncodedValue, error) {
	v, err := t.Client.QueryWorkflow(ctx, workflowID, runID, queryType, args...)
	if !elsewhere(err) {
		return v, err
	}
	if v2, err2 := t.other.QueryWorkflow(ctx, workflowID, runID, queryType, args...); !elsewhere(err2) {
		return v2, err2
	}
	return v, err
}

// DescribeWorkflowExecution describes a dossier's workflow on the engine
// that carries it: what reconciliation asks before it calls a dossier
// orphaned.
func (t twoEngines) DescribeWorkflowExecution(ctx context.Context, workflowID, runID string) (*workflowservice.DescribeWorkflowExecutionResponse, error) {
	d, err := t.Client.DescribeWorkflowExecution(ctx, workflowID, runID)
	if !elsewhere(err) {
		return d, err
	}
	if d2, err2 := t.other.DescribeWorkflowExecution(ctx, workflowID, runID); !elsewhere(err2) {
		return d2, err2
	}
	return d, err
}

// Close closes the other engine's connection; the instance's own is
// closed with the instance.
func (t twoEngines) Close() { t.other.Close() }
