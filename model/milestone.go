package model

// Milestone is one step of a dossier's life: the projection as it now
// stands, and the event that made it so.
type Milestone struct {
	Dossier Projection `json:"dossier"`
	Event   Event      `json:"event"`
	// Files, Payments and Refunds are the dossier's electronic copies and
	// money as they now stand, so that the store still holds them after
	// Temporal has let the closed workflow go. Each is written once.
	Files    []File    `json:"files,omitempty"`
	Payments []Payment `json:"payments,omitempty"`
	Refunds  []Refund  `json:"refunds,omitempty"`
	// Paper is a paper the milestone issues to the citizen, if any.
	Paper *Paper `json:"paper,omitempty"`
	// Notices are the notices the milestone gives, kept in the same
	// write: an outbox the notifier drains.
	Notices []Notice `json:"notices,omitempty"`
	// Publish is a digitized result the milestone puts in the applicant's
	// store of documents, in the same write: the approval and the copy
	// the next dossier may reuse are recorded together or not at all.
	Publish *Document `json:"publish,omitempty"`
}
