package workflows

import (
	"strconv"
	"time"

	"github.com/motcua/motcua/model"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// Search attributes for supervision: what lists of dossiers filter on. They
// fit SQL visibility's limits (at most 3 Datetime and 10 Keyword per
// namespace) and carry no personal data; reports live in the store.
var (
	AttrProcedure = temporal.NewSearchAttributeKeyKeyword("MotcuaProcedure")
	AttrAgency    = temporal.NewSearchAttributeKeyKeyword("MotcuaAgency")
	AttrLevel     = temporal.NewSearchAttributeKeyKeyword("MotcuaLevel")
	AttrStage     = temporal.NewSearchAttributeKeyKeyword("MotcuaStage")
	AttrChannel   = temporal.NewSearchAttributeKeyKeyword("MotcuaChannel")
	// AttrDue is the deadline. Dossiers started before the outcome was
	// shown lose it at the decision; later ones keep it.
	AttrDue = temporal.NewSearchAttributeKeyTime("MotcuaDue")
	// AttrOutcome is how a closed dossier ended: returned, refused,
	// withdrawn, lapsed or not_received.
	AttrOutcome = temporal.NewSearchAttributeKeyKeyword("MotcuaOutcome")
	// AttrLate is set at the decision: true when it came after the
	// original deadline, whatever new date an apology set.
	AttrLate = temporal.NewSearchAttributeKeyBool("MotcuaLate")
)

// SearchAttributes lists every key, for registering them at start-up.
var SearchAttributes = []temporal.SearchAttributeKey{AttrProcedure, AttrAgency, AttrLevel, AttrStage, AttrChannel, AttrDue,
	AttrOutcome, AttrLate}

// searchShown is what the search attributes last showed, so that they are
// upserted only when they change: each upsert is a history event.
type searchShown struct {
	stage Stage
	due   time.Time
}

// record appends an event to the timeline, writes the milestone to the
// store, and brings the search attributes up to date.
func (d *dossier) record(ctx workflow.Context, actor, action, detail string) error {
	return d.issue(ctx, actor, action, detail, nil)
}

// issue is record for a milestone that also hands the citizen a paper,
// written in the milestone's own local activity: no event is added to the
// history, so dossiers already in flight replay unchanged.
func (d *dossier) issue(ctx workflow.Context, actor, action, detail string, paper *model.Paper) error {
	if err := d.milestone(ctx, actor, action, detail, paper); err != nil {
		return err
	}
	return d.showSearch(ctx)
}

// milestone appends an event to the timeline and writes it to the store
// with what rides on it (notices, a paper, a published result), leaving
// the search attributes as they are: issue brings them up to date, or a
// change that follows in the same workflow task does.
func (d *dossier) milestone(ctx workflow.Context, actor, action, detail string, paper *model.Paper) error {
	d.seq++
	e := model.Event{Seq: d.seq, At: workflow.Now(ctx), Actor: actor, Action: action, Detail: detail}
	d.Timeline = append(d.Timeline, e)
	m := model.Milestone{Dossier: d.projection(), Event: e, Files: d.files(), Payments: d.Payments, Refunds: d.Refunds,
		Paper: paper}
	for _, n := range d.pending {
		n.Key = d.Code + "/" + n.Kind + "/" + strconv.Itoa(d.seq)
		m.Notices = append(m.Notices, n)
	}
	d.pending = nil
	m.Publish, d.publish = d.publish, nil
	return d.write(ctx, m)
}

// write keeps trying a milestone until the store takes it. A store that is
// away for longer than one local activity's budget must not fail the
// dossier, whose legal record it is: the workflow waits a minute and tries
// again, for as long as it takes. Only the workflow's own end stops it.
func (d *dossier) write(ctx workflow.Context, m model.Milestone) error {
	for {
		err := workflow.ExecuteLocalActivity(localCtx(ctx), a.Record, m).Get(ctx, nil)
		if err == nil || ctx.Err() != nil {
			return err
		}
		workflow.GetLogger(ctx).Error("milestone not recorded yet; trying again", "dossier", d.Code, "seq", m.Event.Seq, "error", err)
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return err
		}
	}
}

// tell queues a notice to ride on the next milestone's write: the store
// keeps it in the same transaction, and the notifier reads it from there,
// so that no notifier outage can hold the dossier's lock.
func (d *dossier) tell(to, kind, text string) {
	d.pending = append(d.pending, model.Notice{Dossier: d.Code, To: to, Kind: kind, Text: text})
}

func (d *dossier) showSearch(ctx workflow.Context) error {
	if d.shown.stage == d.Stage && d.shown.due.Equal(d.Clock.Due) {
		return nil
	}
	var updates []temporal.SearchAttributeUpdate
	if d.shown.stage == "" {
		updates = append(updates, AttrProcedure.ValueSet(d.Procedure.Code), AttrAgency.ValueSet(d.Agency),
			AttrLevel.ValueSet(string(d.Level)), AttrChannel.ValueSet(string(d.Channel)))
	}
	updates = append(updates, AttrStage.ValueSet(string(d.Stage)))
	if d.showsOutcome() {
		updates = append(updates, d.outcomeShown()...)
	} else if !d.Clock.Due.IsZero() && !d.Stage.Decided() {
		updates = append(updates, AttrDue.ValueSet(d.Clock.Due))
	} else if !d.shown.due.IsZero() {
		updates = append(updates, AttrDue.ValueUnset())
	}
	decidedBefore := d.shown.stage.Decided()
	d.shown = searchShown{d.Stage, d.Clock.Due}
	if d.Stage.Decided() && !d.showsOutcome() {
		d.shown.due = time.Time{}
	}
	if d.showsOutcome() && d.Stage.Decided() && !decidedBefore && !d.Decided.IsZero() && !d.Clock.OriginalDue.IsZero() {
		updates = append(updates, AttrLate.ValueSet(d.Decided.After(d.Clock.OriginalDue)))
	}
	return workflow.UpsertTypedSearchAttributes(ctx, updates...)
}

// outcomeShown is what a dossier that shows its outcome adds to an
// upsert: the deadline whenever it changed, kept after the decision, and
// the outcome once it is closed.
func (d *dossier) outcomeShown() []temporal.SearchAttributeUpdate {
	var out []temporal.SearchAttributeUpdate
	if !d.Clock.Due.IsZero() && !d.shown.due.Equal(d.Clock.Due) {
		out = append(out, AttrDue.ValueSet(d.Clock.Due))
	}
	if d.Stage == Closed && d.Outcome != "" {
		out = append(out, AttrOutcome.ValueSet(string(d.Outcome)))
	}
	return out
}

// files lists the electronic copies the dossier holds: its components'
// and its result's.
func (d *dossier) files() []model.File {
	var out []model.File
	for _, c := range d.Components {
		switch {
		case c.Document != nil:
			out = append(out, model.File{Component: c.Code, Document: c.Document.ID, SHA256: c.Document.SHA256,
				Media: c.Document.Media, Size: c.Document.Size, How: c.How, ReusedFrom: c.ReusedFrom})
		case c.ReusedFrom != "":
			out = append(out, model.File{Component: c.Code, Document: c.ReusedFrom, How: Reused, ReusedFrom: c.ReusedFrom})
		}
	}
	if r := d.Result.Document; r != nil {
		out = append(out, model.File{Component: "result", Document: r.ID, SHA256: r.SHA256, Media: r.Media,
			Size: r.Size, How: "result"})
	}
	return out
}

// projection is the record of the dossier as it now stands.
func (d *dossier) projection() model.Projection {
	p := model.Projection{Code: d.Code, Procedure: d.Procedure, Agency: d.Agency, Level: d.Level,
		Channel: d.Channel, AssistedBy: d.AssistedBy, Applicant: d.Applicant, Stage: string(d.Stage),
		Outcome: string(d.Outcome), Received: d.filing.ReceivedAt, Due: d.Clock.Due, OriginalDue: d.Clock.OriginalDue,
		Decided: d.Decided, Returned: d.Result.Returned, Fee: d.fee(), ResultDigitized: d.Result.Document != nil,
		ResultVia: d.Result.Via, Supplements: d.Supplements}
	for _, pay := range d.Payments {
		p.PaidOnline = p.PaidOnline || pay.Online
	}
	if !d.Decided.IsZero() && !d.Clock.OriginalDue.IsZero() {
		onTime := !d.Decided.After(d.Clock.OriginalDue)
		p.OnTime = &onTime
	}
	return p
}
