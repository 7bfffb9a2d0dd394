package workflows

import (
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/activities/activitiestest"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
)

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, hcm)
	if err != nil {
		panic(err)
	}
	return t
}

var catalogue = func() *procedures.Catalogue {
	c, err := procedures.Default()
	if err != nil {
		panic(err)
	}
	return c
}()

// run drives one dossier through the test environment with time skipping:
// actions are sent as updates at instants of the dossier's own clock.
type run struct {
	t       *testing.T
	env     *testsuite.TestWorkflowEnvironment
	store   *activitiestest.Store
	docs    *activitiestest.Documents
	gateway *activitiestest.Gateway
	notices *activitiestest.Notifier
	filing  Filing
	results map[string]error // by action label
}

func newRun(t *testing.T, f Filing, docs ...model.Document) *run {
	return newRunOn(t, f, nil, docs...)
}

// newRunOn is newRun with the store's writes passed through wrap, such as
// a store that is down for a while.
func newRunOn(t *testing.T, f Filing, wrap func(activities.Store) activities.Store, docs ...model.Document) *run {
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(quietSDK())
	r := &run{t: t, env: suite.NewTestWorkflowEnvironment(), store: activitiestest.NewStore(),
		docs: activitiestest.NewDocuments(docs...), gateway: activitiestest.NewGateway(),
		notices: activitiestest.NewNotifier(), filing: f, results: map[string]error{}}
	r.store.Outbox, r.store.Shelf = r.notices, r.docs
	var st activities.Store = r.store
	if wrap != nil {
		st = wrap(r.store)
	}
	Register(r.env, &activities.Activities{Catalogue: catalogue, Store: st, Documents: r.docs,
		Gateway: r.gateway, Notifier: r.notices, WarningLead: 450 * time.Minute})
	r.env.SetStartTime(f.ReceivedAt)
	r.env.SetWorkflowRunTimeout(365 * 24 * time.Hour)
	return r
}

// do sends an action at a moment; label names its result.
func (r *run) do(label, when, update string, arg any) {
	r.env.RegisterDelayedCallback(func() {
		r.env.UpdateWorkflow(update, label, &testsuite.TestUpdateCallback{
			OnReject:   func(err error) { r.results[label] = err },
			OnAccept:   func() {},
			OnComplete: func(_ any, err error) { r.results[label] = err },
		}, arg)
	}, at(when).Sub(r.filing.ReceivedAt))
}

// query reads the state at a moment, into *s.
func (r *run) query(when string, s *State) {
	r.env.RegisterDelayedCallback(func() {
		v, err := r.env.QueryWorkflow(QueryState)
		if err != nil {
			r.t.Errorf("query at %s: %v", when, err)
			return
		}
		if err := v.Get(s); err != nil {
			r.t.Errorf("query at %s: %v", when, err)
		}
	}, at(when).Sub(r.filing.ReceivedAt))
}

func (r *run) finish() State {
	r.t.Helper()
	// Stamped, as the API starts dossiers.
	r.env.ExecuteWorkflow(Dossier, r.filing.Stamped())
	if !r.env.IsWorkflowCompleted() {
		r.t.Fatal("the dossier's workflow did not complete")
	}
	if err := r.env.GetWorkflowError(); err != nil {
		r.t.Fatalf("the workflow failed: %v", err)
	}
	var s State
	if err := r.env.GetWorkflowResult(&s); err != nil {
		r.t.Fatal(err)
	}
	return s
}

// ok asserts that an action succeeded.
func (r *run) ok(labels ...string) {
	r.t.Helper()
	for _, l := range labels {
		err, done := r.results[l]
		if !done {
			r.t.Errorf("%s: never answered", l)
		} else if err != nil {
			r.t.Errorf("%s: %v", l, err)
		}
	}
}

// refused asserts that an action was refused with an error of the type.
func (r *run) refused(label, errType string) {
	r.t.Helper()
	err := r.results[label]
	var app *temporal.ApplicationError
	if !errors.As(err, &app) || app.Type() != errType {
		r.t.Errorf("%s: got %v, want a %s refusal", label, err, errType)
	}
}

func (r *run) actions() []string {
	var out []string
	for _, e := range r.store.Timeline(r.filing.Code) {
		out = append(out, e.Action)
	}
	return out
}

func doc(id string) *DocumentRef {
	return &DocumentRef{ID: id, SHA256: "sha-" + id, Media: "application/pdf", Size: 1000}
}

// criminalRecord is a full-online filing of the criminal-record certificate:
// 200.000 đ, 10 working days, four steps, a digitized result.
func criminalRecord(code, received string) Filing {
	return Filing{Code: code, Procedure: "2.000488", Agency: "so-tu-phap-ha-tinh", Channel: procedures.Online,
		Applicant:  Person{ID: "042090001234", Name: "Nguyễn Văn An", Kind: procedures.Individual},
		Inputs:     map[string]any{"certificates": 1},
		Components: []Submission{{Code: "to_khai", Document: doc("tk-" + code)}, {Code: "giay_to_tuy_than", Document: doc("cc-" + code)}},
		ReceivedAt: at(received)}
}

// processAll completes the criminal-record steps, approves and returns.
func (r *run) processAll(from string, day time.Duration) {
	t := at(from)
	steps := []struct{ step, role string }{{"tiep_nhan", "receiver"}, {"tra_cuu", "judicial_record_officer"}, {"ky_phieu", "director"}, {"tra_ket_qua", "receiver"}}
	for i, s := range steps {
		r.do("step "+s.step, t.Add(time.Duration(i)*day).Format("2006-01-02 15:04"), UpdateCompleteStep, CompleteStep{By: "officer-1", Role: s.role, Step: s.step})
	}
	t = t.Add(time.Duration(len(steps)) * day)
	r.do("approve", t.Format("2006-01-02 15:04"), UpdateApprove, Approve{By: "director-1", Result: doc("result-" + r.filing.Code)})
	r.do("return", t.Add(time.Hour).Format("2006-01-02 15:04"), UpdateReturnResult, ReturnResult{By: "officer-1", Via: "online"})
}

// quietSDK is a logger that keeps the SDK's debug lines out of test output.
func quietSDK() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
}
