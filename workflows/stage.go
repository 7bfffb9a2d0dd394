package workflows

import "github.com/motcua/motcua/model"

// Stage is where a dossier stands; the names are the records', in model.
type Stage = model.Stage

// Outcome is how a closed dossier ended.
type Outcome = model.Outcome

// The stages and outcomes, by the names the workflow's code reads.
const (
	Received           = model.Received
	InReview           = model.InReview
	Accepted           = model.Accepted
	AwaitingSupplement = model.AwaitingSupplement
	AwaitingPayment    = model.AwaitingPayment
	Paid               = model.Paid
	Digitizing         = model.Digitizing
	Processing         = model.Processing
	ReadyToReturn      = model.ReadyToReturn
	Closed             = model.Closed
	NotReceived        = model.NotReceived
	Returned           = model.Returned
	Refused            = model.Refused
	Withdrawn          = model.Withdrawn
	Lapsed             = model.Lapsed
)
