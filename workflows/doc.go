// Package workflows holds the dossier's life as a durable Temporal workflow:
// receipt, the completeness review, supplements, payment, digitization, the
// processing steps, the legal clock in working days, the decision, the
// return of the result, and withdrawal.
//
// Workflow code here is deterministic: time is workflow.Now, every
// computation that reads the catalogue or the calendar runs as a local
// activity (so its result is in history and replays unchanged even after a
// holiday is added), and every side effect is an activity.
package workflows
