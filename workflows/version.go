package workflows

import (
	"fmt"

	"go.temporal.io/sdk/workflow"
)

// The changes to the dossier workflow that alter the commands it makes,
// each behind a version so that dossiers already in flight replay as they
// ran. A dossier learns its version once, at its start: a version is a
// property of the whole dossier, never of one step, so every rule below
// reads d.bound() and the code stays one flow.
const (
	// changeRecordsBound is when the records were bound to the workflow:
	// notices ride on the milestone's own write instead of an activity of
	// their own, the main loop's transitions take the dossier's lock, and
	// a refused filing waits for its receipt to be answered.
	changeRecordsBound = "records-bound"
)

// The versions a dossier can start with, under the one change ID: each
// adds to the one before. A new change bumps the newest version rather
// than adding a change ID, so that a dossier still makes one marker.
const (
	// recordsBound: see changeRecordsBound.
	recordsBound workflow.Version = 1
	// outcomeShown: the search attributes carry the outcome
	// (MotcuaOutcome) and whether the decision came late (MotcuaLate),
	// and MotcuaDue keeps the deadline after the decision, so that
	// Temporal's own lists find refused and late dossiers.
	outcomeShown workflow.Version = 2
	// lean: a dossier costs the engine fewer round trips. The approval's
	// milestone write also puts the digitized result in the applicant's
	// store, instead of an activity of its own; an acceptance with fees
	// to pay leaves the search attributes to the payment request made in
	// the same workflow task; and a payment with nothing left to
	// digitize moves the dossier straight to processing, so that no
	// supervisor's list ever shows the passing stage "paid".
	lean workflow.Version = 3
)

// newest is the version a dossier started by this release runs at.
const newest = lean

// Stamped is the filing as this release starts a dossier with it: at the
// newest version of the workflow, carried in its input.
func (f Filing) Stamped() Filing {
	f.FlowVersion = newest
	return f
}

// startVersion reads the dossier's version as the first thing it does:
// from its filing's stamp, or, for a filing without one, from the marker
// that GetVersion records.
func (d *dossier) startVersion(ctx workflow.Context) {
	stamp := d.filing.FlowVersion
	if stamp == 0 {
		d.version = workflow.GetVersion(ctx, changeRecordsBound, workflow.DefaultVersion, newest)
		return
	}
	if stamp < recordsBound || stamp > newest {
		// As the SDK does with a marker it does not know: the workflow
		// task fails and is tried again, until a worker of the release
		// that stamped the filing takes it. Nothing is recorded.
		panic(fmt.Sprintf("dossier %s is stamped with version %d of the workflow; this worker runs %d to %d",
			d.Code, stamp, recordsBound, newest))
	}
	d.version = stamp
	if workflow.IsReplaying(ctx) {
		// A worker of a release from before the stamp may have run the
		// first task, ignored the stamp and recorded a marker: the marker
		// says what the dossier ran at. In replay GetVersion records
		// nothing, and where there is no marker it answers DefaultVersion.
		if v := workflow.GetVersion(ctx, changeRecordsBound, workflow.DefaultVersion, newest); v != workflow.DefaultVersion {
			d.version = v
		}
	}
}

// bound reports whether the dossier runs with its records bound to it.
func (d *dossier) bound() bool { return d.version >= recordsBound }

// showsOutcome reports whether the dossier's search attributes carry its
// outcome and keep its deadline after the decision.
func (d *dossier) showsOutcome() bool { return d.version >= outcomeShown }

// isLean reports whether the dossier runs with the fewer round trips of
// version lean.
func (d *dossier) isLean() bool { return d.version >= lean }
