package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"go.temporal.io/sdk/client"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/workflows"
)

// The bodies of the actions. Who acts is never in the body: it is the
// caller.
type (
	// AcceptBody accepts a complete dossier.
	AcceptBody struct {
		Note string `json:"note,omitempty" maxLength:"2000"`
	}
	// RequestSupplementBody asks the citizen to add to the dossier.
	RequestSupplementBody struct {
		Reason     string   `json:"reason" minLength:"1" maxLength:"2000"`
		Components []string `json:"components" maxItems:"50" doc:"The components to add or replace, by code."`
	}
	// RefuseBody refuses the dossier, with a reason the citizen can read.
	RefuseBody struct {
		Reason string `json:"reason" minLength:"1" maxLength:"2000"`
	}
	// CounterPaymentBody records fees paid at the counter.
	CounterPaymentBody struct {
		ReceiptNo string    `json:"receipt_no" minLength:"1" maxLength:"100"`
		Amount    money.VND `json:"amount" minimum:"0" maximum:"1000000000000"`
	}
	// DigitizeBody attaches an electronic copy to a component.
	DigitizeBody struct {
		Component string `json:"component" minLength:"1" maxLength:"80"`
		Document  string `json:"document,omitempty" maxLength:"200" doc:"The ID of the scan, from POST /uploads."`
		Reuse     string `json:"reuse,omitempty" maxLength:"200" doc:"A document already digitized, from the applicant's store."`
	}
	// CompleteStepBody marks the current processing step done.
	CompleteStepBody struct {
		Step string `json:"step" minLength:"1" maxLength:"80"`
		Role string `json:"role" minLength:"1" maxLength:"80" doc:"The step's role, as the procedure names it."`
		Note string `json:"note,omitempty" maxLength:"2000"`
	}
	// ApproveBody decides for the citizen.
	ApproveBody struct {
		Result string `json:"result,omitempty" maxLength:"200" doc:"The ID of the digitized result, from POST /uploads."`
	}
	// ReturnResultBody hands the result over.
	ReturnResultBody struct {
		Via string `json:"via" enum:"online,counter"`
	}
	// ApologizeBody issues an apology letter with a new appointment.
	ApologizeBody struct {
		Reason string    `json:"reason" minLength:"1" maxLength:"2000"`
		NewDue time.Time `json:"new_due"`
	}
	// SupplementBody is what the citizen adds.
	SupplementBody struct {
		Components []Component `json:"components" maxItems:"50"`
		Note       string      `json:"note,omitempty" maxLength:"2000"`
	}
	// WithdrawBody takes the dossier back.
	WithdrawBody struct {
		Reason string `json:"reason,omitempty" maxLength:"2000"`
	}
)

// doc is what an operation's entry in the OpenAPI document says of it: a
// line for lists, and what it does for those who call it.
type doc struct{ summary, description string }

// idempotent ends every action's description: how a retry is answered.
const idempotent = "With an Idempotency-Key, a retry gets the first attempt's answer, and the same key with another body is refused (422); " +
	"a retry while the first attempt is still running gets 409 with Retry-After."

type actionInput[B any] struct {
	Code string `path:"code" maxLength:"80"`
	Key  string `header:"Idempotency-Key" minLength:"8" maxLength:"200" doc:"Chosen by the client. A retry with the same key gets the first attempt's answer, whether or not that attempt finished; the same key with another body is refused."`
	Body B
}

type ackOutput struct {
	Replayed bool `header:"Idempotent-Replayed"`
	Body     workflows.Ack
}

// actor is the caller acting on a dossier they may act on.
type actor struct {
	auth.Principal
	Dossier model.Projection
}

// action registers one action: who may take it, and how its body becomes
// the workflow update.
func action[B any](api huma.API, s *Server, path, update string, about doc, roles []auth.Role,
	build func(context.Context, actor, B) (any, error)) {
	actionWith(api, s, path, update, about, roles, func(ctx context.Context, a actor, b B, id string) (*ackOutput, error) {
		arg, err := build(ctx, a, b)
		if err != nil {
			return nil, err
		}
		ack, err := s.update(ctx, a.Dossier.Code, update, arg, id)
		if err != nil {
			return nil, s.closedTo(ctx, a.Dossier.Code, err)
		}
		return ack, nil
	})
}

// actionWith registers an action that does more than send its update.
// Every action is idempotent under its key: the key becomes the update's
// ID, so that Temporal attaches a retry to the first attempt while the
// dossier runs, and the answer is kept, so that a retry after the dossier
// closed still gets it.
func actionWith[B any](api huma.API, s *Server, path, update string, about doc, roles []auth.Role,
	do func(ctx context.Context, a actor, b B, updateID string) (*ackOutput, error)) {
	fields := jsonFields[B]()
	inner := do
	do = func(ctx context.Context, a actor, b B, updateID string) (*ackOutput, error) {
		out, err := inner(ctx, a, b, updateID)
		return out, pointAt(err, fields)
	}
	huma.Register(api, huma.Operation{OperationID: update, Method: http.MethodPost, Path: "/dossiers/{code}/" + path,
		Summary: about.summary, Description: about.description + " " + idempotent, Tags: []string{"Actions"}, Security: bearer, MaxBodyBytes: 64 << 10, Errors: []int{401, 403, 404, 409, 422, 503}},
		func(ctx context.Context, in *actionInput[B]) (*ackOutput, error) {
			p, rec, err := s.dossierFor(ctx, in.Code, roles...)
			if err != nil {
				return nil, err
			}
			if in.Key == "" {
				return do(ctx, actor{p, rec}, in.Body, "")
			}
			scope, key := p.Subject, "action/"+in.Code+"/"+update+"/"+in.Key
			canonical, _ := json.Marshal(in.Body) // the parsed body: spacing and key order do not count
			sum := sha256.Sum256(canonical)
			claim, err := s.Store.ClaimKey(ctx, scope, key, hex.EncodeToString(sum[:]), in.Code, s.Now(), 0)
			switch {
			case errors.Is(err, store.ErrKeyReused):
				return nil, unprocessable(err.Error(), field("header.Idempotency-Key", err.Error(), in.Key))
			case err != nil:
				return nil, s.storeError(ctx, err)
			case claim.Done:
				out := &ackOutput{Replayed: true}
				if err := json.Unmarshal([]byte(claim.Response), &out.Body); err != nil {
					return nil, s.storeError(ctx, err)
				}
				return out, nil
			}
			idSum := sha256.Sum256([]byte(scope + "\x00" + key))
			out, err := do(ctx, actor{p, rec}, in.Body, "key-"+hex.EncodeToString(idSum[:16]))
			var status huma.StatusError
			switch {
			case err == nil:
				b, _ := json.Marshal(out.Body)
				if err := s.Store.CompleteKey(detached(ctx), scope, key, string(b)); err != nil {
					s.Log.ErrorContext(ctx, "completing an idempotency key", "dossier", in.Code, "err", err)
				}
			case errors.As(err, &status) && status.GetStatus() < 500:
				// Refused: nothing happened, and the key is free for a
				// corrected body.
				_ = s.Store.ForgetKey(detached(ctx), scope, key)
			}
			return out, err
		})
}

// jsonFields lists the JSON names of a body's fields.
func jsonFields[B any]() []string {
	var out []string
	t := reflect.TypeFor[B]()
	if t.Kind() != reflect.Struct {
		return nil
	}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// pointAt names the field a refusal is about. The workflow words its
// refusals after the body's fields ("reason is required", "new_due … is
// not in the future"); a refusal that begins with one of them is at that
// field, not at the body as a whole.
func pointAt(err error, fields []string) error {
	var m *huma.ErrorModel
	if !errors.As(err, &m) {
		return err
	}
	for _, d := range m.Errors {
		if d == nil || d.Location != "body" {
			continue
		}
		for _, f := range fields {
			if strings.HasPrefix(d.Message, f+" ") || strings.HasPrefix(d.Message, f+"[") {
				d.Location = "body." + f
				break
			}
		}
	}
	return err
}

// closedTo answers an action that found no running workflow. When the
// dossier is closed, that is a conflict, as for any stage that does not
// allow the action: the dossier exists, and a client that retried an
// action whose first attempt closed it must be able to tell. Otherwise the
// answer is Temporal's, as fromTemporal maps it.
func (s *Server) closedTo(ctx context.Context, code string, err error) error {
	var status huma.StatusError
	if !errors.As(err, &status) || status.GetStatus() != http.StatusNotFound {
		return err
	}
	rec, serr := s.Store.Dossier(ctx, code)
	if serr != nil || rec.Stage != string(workflows.Closed) {
		return err
	}
	outcome := rec.Outcome
	if outcome == "" {
		outcome = "closed"
	}
	return huma.Error409Conflict(fmt.Sprintf("dossier %s is closed (%s): no action can change it now; GET /dossiers/%s shows how it ended", code, outcome, code))
}

// update sends an action to the dossier's workflow and waits for its
// answer. An update ID, when given, makes a resent action the same update.
func (s *Server) update(ctx context.Context, code, name string, arg any, updateID string) (*ackOutput, error) {
	out, err := s.send(ctx, code, name, arg, updateID)
	if err != nil {
		return nil, s.mayHaveApplied(ctx, code, err)
	}
	return out, nil
}

// send is update with Temporal's own error, for callers that read it.
func (s *Server) send(ctx context.Context, code, name string, arg any, updateID string) (*ackOutput, error) {
	ctx, cancel := context.WithTimeout(ctx, s.ActionTimeout)
	defer cancel()
	h, err := s.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: workflows.WorkflowID(code),
		UpdateID: updateID, UpdateName: name, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err != nil {
		return nil, err
	}
	out := &ackOutput{}
	if err := h.Get(ctx, &out.Body); err != nil {
		return nil, err
	}
	s.Log.InfoContext(ctx, "action", "dossier", code, "action", name, "stage", out.Body.Stage)
	return out, nil
}

// mayHaveApplied maps Temporal's answer, and says so when an action timed
// out after it was sent: it may yet be applied, and only a retry with the
// same Idempotency-Key can tell the client which.
func (s *Server) mayHaveApplied(ctx context.Context, code string, err error) error {
	mapped := s.fromTemporal(ctx, code, err)
	var status huma.StatusError
	if errors.As(mapped, &status) && status.GetStatus() == http.StatusServiceUnavailable {
		return huma.ErrorWithHeaders(&huma.ErrorModel{Status: http.StatusServiceUnavailable, Title: "Service Unavailable",
			Detail: "the action did not get its answer in time and may have been applied: retry it with the same " +
				"Idempotency-Key to learn its outcome, or read the dossier"}, http.Header{"Retry-After": {"5"}})
	}
	return mapped
}

var (
	officers  = []auth.Role{auth.Officer}
	applicant = []auth.Role{auth.Citizen, auth.Portal}
)

func (s *Server) registerActions(api huma.API) {
	action(api, s, "accept", workflows.UpdateAccept, doc{"Accept a complete dossier", "An officer of the receiving agency finds the dossier complete. It moves on to payment when fees are due, otherwise to digitization or processing; the answer is the stage it reached."}, officers,
		func(_ context.Context, a actor, _ AcceptBody) (any, error) {
			return workflows.Accept{By: a.Subject}, nil
		})
	action(api, s, "request-supplement", workflows.UpdateRequestSupplement, doc{"Ask the citizen to supplement", "An officer sends the dossier back for the components listed, with the reason. The deadline stops (or starts again, as the procedure says) until the applicant supplements, and a supplement request (phiếu yêu cầu bổ sung) is issued."}, officers,
		func(_ context.Context, a actor, b RequestSupplementBody) (any, error) {
			for i, c := range b.Components {
				if len(c) > 80 {
					return nil, unprocessable("a component code is too long", field(fmt.Sprintf("body.components[%d]", i), "at most 80 characters", c))
				}
			}
			return workflows.RequestSupplement{By: a.Subject, ByName: a.Name, Reason: b.Reason, Components: b.Components}, nil
		})
	action(api, s, "refuse", workflows.UpdateRefuse, doc{"Refuse the dossier", "An officer refuses the dossier with the reason. It closes as refused, and a refusal (phiếu từ chối) is issued."}, officers,
		func(_ context.Context, a actor, b RefuseBody) (any, error) {
			return workflows.Refuse{By: a.Subject, ByName: a.Name, Reason: b.Reason}, nil
		})
	actionWith(api, s, "counter-payment", workflows.UpdateCounterPayment, doc{"Record fees paid at the counter", "An officer records fees paid in cash at the counter, under the receipt number, which is unique at the agency. The amount must be what the dossier owes."}, officers,
		func(ctx context.Context, a actor, b CounterPaymentBody, _ string) (*ackOutput, error) {
			// The receipt number is the payment's own key in the ledger,
			// unique at the agency's counter.
			e := store.LedgerEntry{Source: store.CounterSource(a.Dossier.Agency), TxID: b.ReceiptNo, Dossier: a.Dossier.Code,
				Amount: b.Amount, Success: true, At: s.Now()}
			var ack *ackOutput
			t, err := s.take(ctx, e, "body.receipt_no", workflows.UpdateCounterPayment,
				workflows.CounterPayment{By: a.Subject, ReceiptNo: b.ReceiptNo, Amount: b.Amount}, func(o *ackOutput) { ack = o })
			switch {
			case err != nil:
				return nil, err
			case !t.Applied:
				return nil, refusedAtCounter(t)
			case ack == nil: // the same receipt again: answered as before
				ack = &ackOutput{Body: workflows.Ack{Stage: t.Stage}}
			}
			return ack, nil
		})
	action(api, s, "digitize", workflows.UpdateDigitize, doc{"Attach an electronic copy to a component", "An officer attaches an uploaded electronic copy (bản điện tử) to a component the procedure requires digitized, or reuses one the applicant already holds."}, officers,
		func(ctx context.Context, a actor, b DigitizeBody) (any, error) {
			ref, err := s.componentFile(ctx, a, b.Component, b.Document, "body.document")
			if err != nil {
				return nil, err
			}
			return workflows.Digitize{By: a.Subject, Component: b.Component, Document: ref, Reuse: b.Reuse}, nil
		})
	action(api, s, "complete-step", workflows.UpdateCompleteStep, doc{"Complete the current processing step", "An officer holding the step's role completes the current processing step; the next one begins."}, officers,
		func(_ context.Context, a actor, b CompleteStepBody) (any, error) {
			if !a.MayDo(b.Role) {
				return nil, huma.Error403Forbidden("you do not hold the "+b.Role+" duty", field("body.role", "not one of your duties", b.Role))
			}
			return workflows.CompleteStep{By: a.Subject, Role: b.Role, Step: b.Step, Note: b.Note}, nil
		})
	action(api, s, "approve", workflows.UpdateApprove, doc{"Approve, with the result document", "An officer approves the dossier, once every step is done, with the result's uploaded electronic copy. The deadline stops here: whether the dossier was on time is decided at this instant."}, officers,
		func(ctx context.Context, a actor, b ApproveBody) (any, error) {
			ref, err := s.componentFile(ctx, a, "", b.Result, "body.result")
			if err != nil {
				return nil, err
			}
			return workflows.Approve{By: a.Subject, Result: ref}, nil
		})
	action(api, s, "return-result", workflows.UpdateReturnResult, doc{"Hand the result over", "An officer hands the result over, online or at the counter. The dossier closes as returned."}, officers,
		func(_ context.Context, a actor, b ReturnResultBody) (any, error) {
			return workflows.ReturnResult{By: a.Subject, Via: b.Via}, nil
		})
	action(api, s, "apologize", workflows.UpdateApologize, doc{"Issue an apology letter with a new date", "An officer issues an apology letter (phiếu xin lỗi và hẹn lại ngày trả kết quả) with the reason and a new appointment; the letter is kept as a paper of the dossier."}, officers,
		func(_ context.Context, a actor, b ApologizeBody) (any, error) {
			return workflows.Apologize{By: a.Subject, ByName: a.Name, Reason: b.Reason, NewDue: b.NewDue}, nil
		})
	action(api, s, "supplement", workflows.UpdateSupplement, doc{"Supplement the dossier", "The applicant, or the portal on their behalf, adds the components the officer asked for; the deadline runs again."}, applicant,
		func(ctx context.Context, a actor, b SupplementBody) (any, error) {
			x := workflows.Supplement{By: a.Dossier.Applicant, Note: b.Note}
			for i, c := range b.Components {
				ref, err := s.componentFile(ctx, a, c.Code, c.Document, fmt.Sprintf("body.components[%d].document", i))
				if err != nil {
					return nil, err
				}
				x.Components = append(x.Components, workflows.Submission{Code: c.Code, Document: ref, Reuse: c.Reuse})
			}
			return x, nil
		})
	action(api, s, "withdraw", workflows.UpdateWithdraw, doc{"Withdraw the dossier", "The applicant, or the portal on their behalf, withdraws the dossier before it is decided. It closes as withdrawn."}, applicant,
		func(_ context.Context, a actor, b WithdrawBody) (any, error) {
			return workflows.Withdraw{By: a.Dossier.Applicant, Reason: b.Reason}, nil
		})
}

// componentFile resolves an uploaded file given for a component of a
// dossier, checked against the component's limits in the dossier's
// version; with no component, it is the result. An empty ID is no file.
func (s *Server) componentFile(ctx context.Context, a actor, component, id, loc string) (*workflows.DocumentRef, error) {
	d := a.Dossier
	if id == "" {
		return nil, nil
	}
	var need *procedures.Need
	if p, err := s.Catalogue.Version(d.Procedure.Code, d.Procedure.Version); err == nil && component != "" {
		if c := componentOf(p, component); c != nil {
			need = &procedures.Need{Code: c.Code, Media: c.Media, MaxSize: maxSize(*c)}
		}
	}
	ref, err := s.document(ctx, a.Principal, d.Applicant, id, need)
	if errors.Is(err, errNotYours) {
		return nil, huma.Error403Forbidden("component "+component+": "+err.Error(), field(loc, err.Error(), id))
	}
	var bad fileProblem
	if errors.As(err, &bad) {
		return nil, unprocessable("the file is not right", field(loc, err.Error(), id))
	}
	return ref, err
}
