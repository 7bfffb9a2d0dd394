package workflows

import (
	"strings"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
)

// TaskQueue is where dossier workflows and their activities run.
const TaskQueue = "dossiers"

// WorkflowName is the registered name of the dossier workflow.
const WorkflowName = "Dossier"

// QueryState returns the whole State of a dossier.
const QueryState = "state"

// The updates by which officers, citizens and the payment gateway act on a
// dossier. Each has a validator: an action not valid in the current stage
// is refused with a reason and leaves no trace in history.
const (
	UpdateAccept            = "accept"
	UpdateRequestSupplement = "request-supplement"
	UpdateSupplement        = "supplement"
	UpdatePaymentCallback   = "payment-callback"
	UpdateCounterPayment    = "counter-payment"
	UpdateDigitize          = "digitize"
	UpdateCompleteStep      = "complete-step"
	UpdateApprove           = "approve"
	UpdateRefuse            = "refuse"
	UpdateReturnResult      = "return-result"
	UpdateApologize         = "apologize"
	UpdateWithdraw          = "withdraw"
	// UpdateReceipt is sent with the start, and answers how the filing
	// was received: see ReceiptAck.
	UpdateReceipt = "receipt"
)

// WorkflowID is the workflow ID of a dossier: derived from its code, so a
// retried submission finds the dossier it already created.
func WorkflowID(dossierCode string) string { return "dossier/" + dossierCode }

// DossierCode is the inverse of WorkflowID.
func DossierCode(workflowID string) string { return strings.TrimPrefix(workflowID, "dossier/") }

// StartOptions are the options a dossier is started with: its ID, and a
// policy that refuses a second workflow with the same ID, even after the
// first has closed, so a dossier code is never reused.
func StartOptions(dossierCode string) client.StartWorkflowOptions {
	return client.StartWorkflowOptions{
		ID:                       WorkflowID(dossierCode),
		TaskQueue:                TaskQueue,
		WorkflowIDReusePolicy:    enums.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowIDConflictPolicy: enums.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}
}
