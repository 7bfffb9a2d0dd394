package model

// Stage is where a dossier stands.
type Stage string

// The stages of a dossier, in the order it normally passes them.
const (
	Received           Stage = "received"
	InReview           Stage = "in_review"           // the officer checks completeness
	Accepted           Stage = "accepted"            // found complete; payment or processing follows
	AwaitingSupplement Stage = "awaiting_supplement" // yêu cầu bổ sung: the citizen must add to it
	AwaitingPayment    Stage = "awaiting_payment"
	Paid               Stage = "paid"       // paid; digitization or processing follows
	Digitizing         Stage = "digitizing" // số hóa: components still lack an electronic copy
	Processing         Stage = "processing" // the procedure's steps
	ReadyToReturn      Stage = "ready_to_return"
	Closed             Stage = "closed"
)

// Stages lists every stage, in the order a dossier normally passes them.
var Stages = []Stage{Received, InReview, Accepted, AwaitingSupplement, AwaitingPayment, Paid, Digitizing, Processing,
	ReadyToReturn, Closed}

// Outcome is how a closed dossier ended.
type Outcome string

// The outcomes of a dossier.
const (
	NotReceived Outcome = "not_received" // refused at receipt: no dossier was opened
	Returned    Outcome = "returned"     // approved, and the result handed over
	Refused     Outcome = "refused"      // refused by the officer, with a reason
	Withdrawn   Outcome = "withdrawn"    // withdrawn by the citizen
	Lapsed      Outcome = "lapsed"       // the supplement or payment period ran out
)

// Outcomes lists every outcome.
var Outcomes = []Outcome{NotReceived, Returned, Refused, Withdrawn, Lapsed}

// Decided reports whether the agency has made its decision.
func (s Stage) Decided() bool { return s == ReadyToReturn || s == Closed }
