package api

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/workflows"
)

// Filing is a dossier as a portal or a counter submits it.
type Filing struct {
	Procedure  string         `json:"procedure" minLength:"1" maxLength:"40" doc:"The national procedure code."`
	Agency     string         `json:"agency" minLength:"1" maxLength:"80" pattern:"^[a-z0-9-]+$" doc:"The unit that receives the dossier, such as ubnd-xa-thach-ha."`
	Channel    string         `json:"channel" enum:"online,counter,postal"`
	Applicant  Applicant      `json:"applicant"`
	Inputs     map[string]any `json:"inputs,omitempty" maxProperties:"50" doc:"The procedure's form, as its inputs declare."`
	Components []Component    `json:"components" maxItems:"50" doc:"The components filed: uploaded, reused, or handed over on paper at a counter."`
}

// Applicant is who files.
type Applicant struct {
	ID   string `json:"id" minLength:"9" maxLength:"20" pattern:"^[0-9A-Za-z]+$" doc:"The citizen's ID number or the business code."`
	Name string `json:"name" minLength:"1" maxLength:"200"`
	Kind string `json:"kind,omitempty" enum:"individual,organization" default:"individual"`
}

// Component is one component as filed.
type Component struct {
	Code     string `json:"code" minLength:"1" maxLength:"80"`
	Document string `json:"document,omitempty" maxLength:"200" doc:"The ID of an uploaded file, from POST /uploads."`
	Reuse    string `json:"reuse,omitempty" maxLength:"200" doc:"The ID of a document in the applicant's store to reuse."`
}

// Submitted is the answer to a submission.
type Submitted struct {
	Code      string            `json:"code" doc:"The dossier code (mã hồ sơ)."`
	Stage     workflows.Stage   `json:"stage"`
	Received  time.Time         `json:"received"`
	Quote     *procedures.Quote `json:"quote"`
	Procedure procedures.Ref    `json:"procedure"`
}

type submitInput struct {
	Key     string `header:"Idempotency-Key" required:"true" minLength:"8" maxLength:"200" doc:"Chosen by the client; a retry with the same key and body returns the same dossier."`
	RawBody []byte
	Body    Filing
}

type submitOutput struct {
	Location string `header:"Location"`
	Replayed bool   `header:"Idempotent-Replayed"`
	Body     Submitted
}

type getDossierInput struct {
	Code string `path:"code" maxLength:"80"`
}

// DossierView is a dossier: its record, timeline, files and money, which
// the store keeps for good, and its live state while its workflow is kept.
type DossierView struct {
	Record   model.Projection    `json:"record"`
	State    *workflows.State    `json:"state,omitempty" doc:"The workflow's state; absent once Temporal has let the closed workflow go."`
	Timeline []model.Event       `json:"timeline" doc:"Who did what and when: every officer action, payment and refusal."`
	Files    []model.File        `json:"files" doc:"Every electronic copy attached, including those a supplement replaced."`
	Payments []store.LedgerEntry `json:"payments"`
	Refunds  []model.Refund      `json:"refunds"`
	Papers   []store.PaperInfo   `json:"papers" doc:"The receipt slip and apology letters issued, at /dossiers/{code}/receipt and /dossiers/{code}/apologies/{n}."`
}

type getDossierOutput struct {
	Body DossierView
}

type listDossiersInput struct {
	Agency    string `query:"agency" maxLength:"80" doc:"One unit's dossiers."`
	Unit      string `query:"unit" maxLength:"80" doc:"A unit's dossiers and those of every unit under it."`
	Level     string `query:"level" enum:"province,district,commune"`
	Procedure string `query:"procedure" maxLength:"80"`
	Stage     string `query:"stage" maxLength:"80"`
	Applicant string `query:"applicant" maxLength:"80"`
	Cursor    string `query:"cursor" maxLength:"200" doc:"The next cursor of the previous page."`
	Limit     int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

type listDossiersOutput struct {
	Link string `header:"Link"`
	Body struct {
		Dossiers []model.Projection `json:"dossiers"`
		Next     string             `json:"next,omitempty" doc:"Pass as cursor for the next page; absent on the last."`
	}
}

func (s *Server) registerDossiers(api huma.API) {
	huma.Register(api, huma.Operation{OperationID: "submit-dossier", Description: "Files a dossier for a procedure, with its components already uploaded. The workflow receives it in the same call: the answer is 201 with the dossier's code, the quote and the stage, or 422 naming the field at fault when the filing is not received. With an Idempotency-Key, a retry gets the first answer, and the same key with another body is refused.", Method: http.MethodPost, Path: "/dossiers",
		Summary: "Submit a dossier", DefaultStatus: http.StatusCreated, MaxBodyBytes: 256 << 10, Tags: []string{"Dossiers"}, Security: bearer,
		Errors: []int{401, 403, 409, 422, 503}}, s.submit)
	huma.Register(api, huma.Operation{OperationID: "get-dossier", Description: "The dossier's record: its stage and outcome, the deadline, its components and files, payments and refunds, the timeline, and the papers issued. Applicants see their own dossiers, officers those of their agency, supervisors all.", Method: http.MethodGet, Path: "/dossiers/{code}",
		Summary: "Get a dossier", Tags: []string{"Dossiers"}, Security: bearer}, s.getDossier)
	huma.Register(api, huma.Operation{OperationID: "list-dossiers", Description: "The dossiers the caller may see, newest first, filtered by unit, agency, level, procedure, stage or applicant. The next page is at the Link header's rel=next, or at cursor=next.", Method: http.MethodGet, Path: "/dossiers",
		Summary: "List dossiers, newest first", Tags: []string{"Dossiers"}, Security: bearer}, s.listDossiers)
}

func (s *Server) submit(ctx context.Context, in *submitInput) (*submitOutput, error) {
	p, err := caller(ctx, auth.Citizen, auth.Portal, auth.Officer)
	if err != nil {
		return nil, err
	}
	f := in.Body
	assistedBy, err := filerMay(p, f)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	claim, err := s.Store.ClaimKey(ctx, p.Subject, in.Key, fingerprint(in.RawBody), newCode(f.Agency, now), now, s.KeyLease)
	switch {
	case errors.Is(err, store.ErrKeyReused):
		return nil, unprocessable(err.Error(), field("header.Idempotency-Key", err.Error(), in.Key))
	case errors.Is(err, store.ErrKeyInFlight):
		// The first request will answer within seconds: come back then.
		return nil, huma.ErrorWithHeaders(huma.Error409Conflict(err.Error()), http.Header{"Retry-After": {"1"}})
	case err != nil:
		return nil, s.storeError(ctx, err)
	case claim.Done:
		var out submitOutput
		if err := json.Unmarshal([]byte(claim.Response), &out.Body); err != nil {
			return nil, s.storeError(ctx, err)
		}
		out.Location, out.Replayed = "/dossiers/"+out.Body.Code, true
		return &out, nil
	}
	filing, quote, _, err := s.check(ctx, p, f, now)
	if err != nil {
		// Refused before anything happened: the key is free for a
		// corrected body.
		_ = s.Store.ForgetKey(detached(ctx), p.Subject, in.Key)
		return nil, err
	}
	filing.Code, filing.AssistedBy, filing.ReceivedAt = claim.Dossier, assistedBy, now
	if p.Role != auth.Citizen {
		filing.Receiver = p.Name
	}
	// The workflow is started with its receipt update in one call, and the
	// answer waits for the receipt: the workflow writes the dossier's
	// record itself, so the store never holds a dossier without one.
	rc, err := s.startAndReceive(detached(ctx), filing)
	if err != nil {
		// The start may or may not have reached Temporal: the next retry
		// takes the key over at once and starts the same code, which
		// Temporal dedups.
		_ = s.Store.ReleaseKey(detached(ctx), p.Subject, in.Key)
		return nil, s.fromTemporal(ctx, filing.Code, err)
	}
	if rc.Outcome == workflows.NotReceived {
		// Refused at receipt: the dossier is closed with the reason, and
		// the key is free for a corrected filing.
		_ = s.Store.ForgetKey(detached(ctx), p.Subject, in.Key)
		return nil, notReceived(f, rc)
	}
	out := submitOutput{Location: "/dossiers/" + filing.Code, Body: Submitted{Code: filing.Code, Stage: rc.Stage,
		Received: now, Quote: quote, Procedure: quote.Procedure}}
	b, _ := json.Marshal(out.Body)
	if err := s.Store.CompleteKey(detached(ctx), p.Subject, in.Key, string(b)); err != nil {
		s.Log.ErrorContext(ctx, "completing an idempotency key", "dossier", filing.Code, "err", err)
	}
	s.Log.InfoContext(ctx, "dossier submitted", "dossier", filing.Code, "procedure", f.Procedure, "channel", f.Channel)
	return &out, nil
}

// startAndReceive starts a dossier's workflow with its receipt update and
// waits for the receipt. A retry finds the workflow already started (the
// conflict policy uses it) and gets the same receipt. A workflow that has
// already closed, refused at receipt, answers from its record.
func (s *Server) startAndReceive(ctx context.Context, f workflows.Filing) (workflows.ReceiptAck, error) {
	var rc workflows.ReceiptAck
	ctx, cancel := context.WithTimeout(ctx, s.ActionTimeout)
	defer cancel()
	start := s.Temporal.NewWithStartWorkflowOperation(workflows.StartOptions(f.Code), workflows.WorkflowName, f.Stamped())
	h, err := s.Temporal.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{StartWorkflowOperation: start,
		UpdateOptions: client.UpdateWorkflowOptions{WorkflowID: workflows.WorkflowID(f.Code), UpdateID: "receipt",
			UpdateName: workflows.UpdateReceipt, WaitForStage: client.WorkflowUpdateStageCompleted}})
	if err == nil {
		err = h.Get(ctx, &rc)
	}
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) {
		rec, serr := s.Store.Dossier(ctx, f.Code)
		if serr != nil {
			return rc, err
		}
		rc = workflows.ReceiptAck{Stage: workflows.Stage(rec.Stage), Due: rec.Due, Outcome: workflows.Outcome(rec.Outcome)}
		if rc.Outcome == workflows.NotReceived {
			rc.Reason = "the filing was not received"
			if events, _ := s.Store.Timeline(ctx, f.Code); len(events) > 0 {
				rc.Reason = events[len(events)-1].Detail
			}
		}
		return rc, nil
	}
	return rc, err
}

// notReceived answers a filing the workflow refused at receipt, naming the
// field at fault where it can.
func notReceived(f Filing, rc workflows.ReceiptAck) error {
	at := "body"
	switch rc.Refusal {
	case "component_refused":
		for i, c := range f.Components {
			if c.Code == rc.Component {
				at = fmt.Sprintf("body.components[%d]", i)
				if c.Reuse != "" {
					at += ".reuse"
				}
			}
		}
	case "missing_components":
		at = "body.components"
	case "invalid_inputs":
		at = "body.inputs"
	case "unknown_procedure", procedures.ReasonNotInForce:
		at = "body.procedure"
	case procedures.ReasonChannel, procedures.ReasonPaperless:
		at = "body.channel"
	}
	return unprocessable("the filing was not received: "+rc.Reason, field(at, rc.Reason, nil))
}

// filerMay checks who may file what: a citizen as themself, an officer at
// their own agency (filing online on a citizen's behalf counts as assisted),
// a portal for anyone. It returns who assisted, if anyone.
func filerMay(p auth.Principal, f Filing) (string, error) {
	switch p.Role {
	case auth.Citizen:
		if f.Applicant.ID != p.CitizenID {
			return "", huma.Error403Forbidden("a citizen files as themself",
				field("body.applicant.id", "must be your own ID number", f.Applicant.ID))
		}
		if f.Channel != string(procedures.Online) {
			return "", unprocessable("citizens file online", field("body.channel", "a citizen's own filing is online", f.Channel))
		}
	case auth.Officer:
		if f.Agency != p.Agency {
			return "", huma.Error403Forbidden("an officer files at their own agency",
				field("body.agency", "must be "+p.Agency, f.Agency))
		}
		if f.Channel == string(procedures.Online) {
			return p.Subject, nil
		}
	}
	return "", nil
}

// check validates a filing against the version in force, as the receipt
// will, so that the filer hears what is wrong at once and in terms of the
// fields they sent.
func (s *Server) check(ctx context.Context, who auth.Principal, f Filing, now time.Time) (workflows.Filing, *procedures.Quote, procedures.Level, error) {
	kind := procedures.ApplicantKind(f.Applicant.Kind)
	if kind == "" {
		kind = procedures.Individual
	}
	channel := procedures.Channel(f.Channel)
	filing := workflows.Filing{Procedure: f.Procedure, Agency: f.Agency, Channel: channel,
		Applicant: workflows.Person{ID: f.Applicant.ID, Name: f.Applicant.Name, Kind: kind}, Inputs: f.Inputs}
	p, err := s.Catalogue.Lookup(f.Procedure, now)
	if errors.Is(err, procedures.ErrUnknownProcedure) {
		return filing, nil, "", unprocessable("unknown procedure", field("body.procedure", "there is no procedure "+f.Procedure, f.Procedure))
	}
	if err != nil {
		return filing, nil, "", unprocessable(err.Error(), field("body.procedure", err.Error(), f.Procedure))
	}
	// The unit and the quote are both checked before answering, so that a
	// filing wrong in both ways hears of both at once.
	unitErr := s.mayReceive(f.Agency, p, now)
	q, err := p.Quote(f.Inputs, channel, kind, now)
	if err != nil {
		err = quoteProblem(err)
	}
	if err := together(unitErr, err); err != nil {
		return filing, nil, "", err
	}
	var errs, forbidden []error
	given := map[string]bool{}
	for i, c := range f.Components {
		at := fmt.Sprintf("body.components[%d]", i)
		need := needOf(q, c.Code)
		switch {
		case need == nil:
			errs = append(errs, field(at+".code", "the procedure has no component "+c.Code, c.Code))
			continue
		case given[c.Code]:
			errs = append(errs, field(at+".code", "component "+c.Code+" is given twice", c.Code))
			continue
		}
		given[c.Code] = true
		switch {
		case c.Document != "" && c.Reuse != "":
			errs = append(errs, field(at, "give either a document or a reuse, not both", nil))
			continue
		case c.Document == "" && c.Reuse == "" && !channel.Paper():
			errs = append(errs, field(at, "an online filing needs the file: upload it with POST /uploads and give its id as document, or give reuse", nil))
			continue
		}
		sub := workflows.Submission{Code: c.Code, Reuse: c.Reuse}
		if c.Document != "" {
			ref, err := s.document(ctx, who, f.Applicant.ID, c.Document, need)
			if errors.Is(err, errNotYours) {
				forbidden = append(forbidden, field(at+".document", "component "+c.Code+": "+err.Error(), c.Document))
				continue
			}
			var bad fileProblem
			if errors.As(err, &bad) {
				errs = append(errs, field(at+".document", err.Error(), c.Document))
				continue
			}
			if err != nil {
				return filing, nil, "", err
			}
			sub.Document = ref
		}
		filing.Components = append(filing.Components, sub)
	}
	for _, code := range q.Required() {
		if !given[code] {
			errs = append(errs, field("body.components", fmt.Sprintf("required component %s (%s) is missing: add it to components", code, needOf(q, code).Name), nil))
		}
	}
	if len(forbidden) > 0 {
		return filing, nil, "", huma.Error403Forbidden("a file filed is not yours to file", forbidden...)
	}
	if len(errs) > 0 {
		return filing, nil, "", unprocessable("the components are not right", errs...)
	}
	return filing, q, p.Level, nil
}

// mayReceive refuses a filing at a unit that may not take it, naming the
// units that may: the portal or the counter can then offer the right one.
func (s *Server) mayReceive(unit string, p *procedures.Procedure, now time.Time) error {
	units := s.Catalogue.Units()
	day := calendar.DayOf(now, p.Calendar().Location())
	err := units.MayReceive(unit, p, day)
	if err == nil {
		return nil
	}
	var valid []string
	for _, u := range units.Receivers(p, day) {
		valid = append(valid, u.Code+" ("+u.Name+")")
	}
	msg := err.Error()
	if len(valid) > 0 {
		msg += "; on " + day.String() + " procedure " + p.Code + " is received at " + strings.Join(valid, ", ")
	}
	return unprocessable("the unit may not receive this procedure", field("body.agency", msg, unit))
}

func needOf(q *procedures.Quote, code string) *procedures.Need {
	for i := range q.Components {
		if q.Components[i].Code == code {
			return &q.Components[i]
		}
	}
	return nil
}

// fromStore fills the view's timeline, files, payments, refunds and
// papers from the store. The workflow's own timeline wins while it is
// longer: the store lags the workflow by at most the write under way.
func (s *Server) fromStore(ctx context.Context, code string, v *DossierView) error {
	f, err := s.Store.Folder(ctx, code)
	if err != nil {
		return err
	}
	v.Timeline, v.Files, v.Payments, v.Refunds, v.Papers = f.Timeline, f.Files, f.Payments, f.Refunds, f.Papers
	if v.State != nil && len(v.State.Timeline) > len(v.Timeline) {
		v.Timeline = v.State.Timeline
	}
	return nil
}

// newCode makes a dossier code: the receiving unit, the day, and a random
// part that no two submissions share.
func newCode(agency string, now time.Time) string {
	return strings.ToUpper(fmt.Sprintf("%s-%s-%s", agency, now.Format("060102"), rand.Text()[:10]))
}

func (s *Server) getDossier(ctx context.Context, in *getDossierInput) (*getDossierOutput, error) {
	_, rec, err := s.dossierFor(ctx, in.Code, auth.Citizen, auth.Portal, auth.Officer, auth.Supervisor)
	if err != nil {
		return nil, err
	}
	out := &getDossierOutput{Body: DossierView{Record: rec}}
	v, err := s.Temporal.QueryWorkflow(ctx, workflows.WorkflowID(in.Code), "", workflows.QueryState)
	var st workflows.State
	switch {
	case err == nil && v.Get(&st) == nil:
		out.Body.State = &st
	case err != nil && isUnavailable(err):
		return nil, s.fromTemporal(ctx, in.Code, err)
	}
	// The store has the rest, and all of it once the workflow is gone.
	if err := s.fromStore(ctx, in.Code, &out.Body); err != nil {
		return nil, s.storeError(ctx, err)
	}
	return out, nil
}

func (s *Server) listDossiers(ctx context.Context, in *listDossiersInput) (*listDossiersOutput, error) {
	p, err := caller(ctx, auth.Citizen, auth.Portal, auth.Officer, auth.Supervisor)
	if err != nil {
		return nil, err
	}
	f := store.Filter{Agency: in.Agency, Level: in.Level, Procedure: in.Procedure, Stage: in.Stage, Applicant: in.Applicant}
	switch p.Role {
	case auth.Citizen:
		if f.Applicant != "" && f.Applicant != p.CitizenID {
			return nil, huma.Error403Forbidden("a citizen lists their own dossiers", field("query.applicant", "must be your own ID number", f.Applicant))
		}
		f.Applicant = p.CitizenID
	case auth.Officer, auth.Supervisor:
		if err := s.scoped(p, &f, in.Unit, "query.unit"); err != nil {
			return nil, err
		}
	default:
		if in.Unit != "" {
			if err := s.scoped(p, &f, in.Unit, "query.unit"); err != nil {
				return nil, err
			}
		}
	}
	page, err := s.Store.List(ctx, f, in.Cursor, in.Limit)
	if errors.Is(err, store.ErrBadCursor) {
		return nil, huma.Error400BadRequest(err.Error(), field("query.cursor", err.Error(), in.Cursor))
	}
	if err != nil {
		return nil, s.storeError(ctx, err)
	}
	out := &listDossiersOutput{}
	out.Body.Dossiers, out.Body.Next = page.Dossiers, page.Next
	if page.Next != "" {
		out.Link = fmt.Sprintf(`</dossiers?cursor=%s&limit=%d>; rel="next"`, page.Next, in.Limit)
	}
	return out, nil
}
