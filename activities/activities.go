// Package activities holds the dossier workflow's side effects and the pure
// computations it must not do inline: reading the catalogue and the
// calendar, writing records, verifying reused documents, refunds and
// notices. Activities run at least once, so every one is idempotent.
package activities

import (
	"context"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
)

// Activities holds what the side effects need. The worker registers one
// instance; workflows name its methods.
type Activities struct {
	Catalogue *procedures.Catalogue
	Store     Store
	Documents Documents
	Gateway   Gateway
	Notifier  Notifier
	// Ledger records refunds of money no dossier took.
	Ledger Ledger
	// Reconciler runs the scheduled reconciliation.
	Reconciler Reconciler
	// Portal runs the scheduled sync with the national portal.
	Portal PortalSync
	// Platform runs the scheduled reconciliation with the national
	// payment platform.
	Platform PaymentPlatform
	// WarningLead is how much working time before the due instant a
	// "due soon" warning is raised.
	WarningLead time.Duration
}

// Store keeps the records that outlive workflows: the dossier projection and
// its append-only timeline.
type Store interface {
	// Record upserts the projection and appends the event, once: a second
	// call with the same dossier and sequence number changes nothing. It
	// queues the milestone's notices and puts the result it publishes in
	// the citizens' store of documents in the same write.
	Record(ctx context.Context, m model.Milestone) error
	// Register gives a paper its number in its unit's register for the
	// year, the same number every time it is asked again.
	Register(ctx context.Context, unit string, year int, kind, dossier string, number int) (int, error)
}

// Documents is the citizens' store of digitized documents (kho dữ liệu điện tử).
type Documents interface {
	// Get returns a stored document by ID.
	Get(ctx context.Context, id string) (model.Document, error)
	// CountReuse records that a document stood in for a component of a
	// dossier, once per (document, dossier, component).
	CountReuse(ctx context.Context, id, dossier, component string) error
	// Put stores a digitized document, once per ID.
	Put(ctx context.Context, d model.Document) error
}

// Gateway is the payment gateway, outside the system.
type Gateway interface {
	// Refund returns money to the payer, once per key.
	Refund(ctx context.Context, key, txID string, amount money.VND) (string, error)
}

// Notifier tells citizens and officers what happened.
type Notifier interface {
	// Notify sends a notice, once per key.
	Notify(ctx context.Context, n model.Notice) error
}
