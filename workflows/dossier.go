package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
)

// a names the activities' methods; the worker registers the instance.
var a *activities.Activities

// Ack is what an update answers: where the dossier now stands. It is small
// on purpose, since every answer is kept in history.
type Ack struct {
	Stage Stage     `json:"stage"`
	Due   time.Time `json:"due,omitzero"`
}

// dossier is the workflow's private state.
type dossier struct {
	State
	filing       Filing
	seq          int
	clockVersion int // bumped whenever the clock changes, to wake the monitor
	lock         workflow.Mutex
	shown        searchShown
	onSupplement procedures.SupplementRule
	// afterAcceptance allows a supplement request once the dossier was
	// accepted; the procedure says so.
	afterAcceptance bool
	version         workflow.Version
	// received is set when the receipt has been decided and recorded,
	// either way: the receipt update waits for it.
	received bool
	// refusal and refusedComponent say why a filing was not received.
	refusal, refusedComponent string
	// pending are the notices that ride on the next milestone's write.
	pending []model.Notice
	// publish is a result that rides on the next milestone's write into
	// the applicant's store.
	publish *model.Document
	// failedCallbacks counts the gateway's reports of failed payments.
	failedCallbacks int
	// historyWarned is set once Temporal has said the history is large.
	historyWarned bool
}

// Dossier carries one dossier from receipt to closure.
func Dossier(ctx workflow.Context, f Filing) (State, error) {
	d := &dossier{filing: f}
	d.State = State{Code: f.Code, Agency: f.Agency, Channel: f.Channel, AssistedBy: f.AssistedBy,
		Applicant: f.Applicant.ID, Stage: Received, Payments: []Payment{}, Refunds: []model.Refund{},
		Apologies: []ApologyLetter{}, Timeline: []model.Event{}}
	d.startVersion(ctx)
	if err := d.setup(ctx); err != nil {
		return d.State, err
	}
	return d.run(ctx)
}

// setup registers the query and the updates before anything can block, so
// that no early request is lost.
func (d *dossier) setup(ctx workflow.Context) error {
	d.lock = workflow.NewMutex(ctx)
	if err := workflow.SetQueryHandler(ctx, QueryState, func() (State, error) { return d.State, nil }); err != nil {
		return err
	}
	return d.registerUpdates(ctx)
}

func (d *dossier) run(ctx workflow.Context) (State, error) {
	err := d.receive(ctx)
	d.received = true
	if err != nil {
		return d.State, err
	}
	if d.Stage == Closed {
		// The filer is waiting for the receipt's answer: let it go out.
		if d.bound() {
			err = workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
		}
		return d.State, err
	}
	workflow.Go(ctx, d.watchClock)
	phases := []func(workflow.Context) error{d.review, d.payment, d.digitization, d.processing, d.handOver}
	for _, phase := range phases {
		if d.Stage == Closed {
			break
		}
		if err := phase(ctx); err != nil {
			return d.State, err
		}
	}
	if err := d.settle(ctx); err != nil {
		return d.State, err
	}
	// Let handlers that are still running finish before the workflow ends,
	// so that no accepted update is cut off.
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return d.State, err
	}
	return d.State, nil
}

// localCtx runs pure computations and record writes as local activities:
// each costs history one marker. Writes retry until the store answers.
func localCtx(ctx workflow.Context) workflow.Context {
	return workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout:    10 * time.Second,
		ScheduleToCloseTimeout: 24 * time.Hour,
		RetryPolicy:            &temporal.RetryPolicy{MaximumInterval: time.Minute},
	})
}

// remoteCtx runs calls to systems outside: the payment gateway, notices.
func remoteCtx(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{MaximumInterval: 5 * time.Minute},
	})
}

// until returns how long from now to t, never negative.
func until(ctx workflow.Context, t time.Time) time.Duration {
	return max(t.Sub(workflow.Now(ctx)), 0)
}

// close ends the dossier with an outcome. The citizen's notice of how it
// ended rides on the milestone that records the closing.
func (d *dossier) close(ctx workflow.Context, o Outcome, reason string) {
	d.Stage, d.Outcome, d.Reason, d.Closed = Closed, o, reason, workflow.Now(ctx)
	d.Clock.Running = false
	d.clockVersion++
	if d.bound() && o != NotReceived {
		d.tell(d.Applicant, "closed_"+string(o), d.closingWords())
	}
}
