package workflows

import (
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

// startVersion reads the dossier's version as the first thing it does.
func (d *dossier) startVersion(ctx workflow.Context) {
	d.version = workflow.GetVersion(ctx, changeRecordsBound, workflow.DefaultVersion, 1)
}

// bound reports whether the dossier runs with its records bound to it.
func (d *dossier) bound() bool { return d.version >= 1 }
