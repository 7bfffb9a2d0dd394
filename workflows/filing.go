package workflows

import (
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/motcua/motcua/procedures"
)

// Filing is a dossier (hồ sơ) as a portal or a counter submits it: the
// workflow's input.
type Filing struct {
	Code      string             `json:"code"`      // the dossier code
	Procedure string             `json:"procedure"` // the procedure code
	Agency    string             `json:"agency"`    // the unit that receives it
	Channel   procedures.Channel `json:"channel"`
	// AssistedBy names the counter officer who filed online on the
	// citizen's behalf; the dossier still counts as filed online.
	AssistedBy string `json:"assisted_by,omitempty"`
	// Receiver is the name of whoever took the filing, the counter
	// officer or the portal, as the receipt slip is signed.
	Receiver   string         `json:"receiver,omitempty"`
	Applicant  Person         `json:"applicant"`
	Inputs     map[string]any `json:"inputs"`
	Components []Submission   `json:"components"`
	ReceivedAt time.Time      `json:"received_at"`
	// FlowVersion is the version of this workflow the dossier runs at,
	// stamped on the filing by whoever starts it (Stamped). A dossier
	// that carries it in its input needs no version marker, and with
	// the marker the SDK would upsert TemporalChangeVersion: a history
	// event and a visibility write in every filing's first task. A
	// filing without it, as every release before this one started
	// them, learns its version from the marker.
	FlowVersion workflow.Version `json:"flow_version,omitempty"`
}

// Person is an applicant: a citizen or an organisation.
type Person struct {
	ID   string                   `json:"id"` // the citizen's ID number or the business code
	Name string                   `json:"name"`
	Kind procedures.ApplicantKind `json:"kind"`
}

// Submission is one component as filed: an uploaded electronic copy, a
// reference to a document already digitized, or paper only.
type Submission struct {
	Code     string       `json:"code"`
	Document *DocumentRef `json:"document,omitempty"`
	// Reuse names a document in the applicant's store of digitized
	// documents that stands in for this component.
	Reuse string `json:"reuse,omitempty"`
}

// DocumentRef points at a stored file; workflow payloads carry references,
// never bytes.
type DocumentRef struct {
	ID     string `json:"id"`
	SHA256 string `json:"sha256"`
	Media  string `json:"media"`
	Size   int64  `json:"size"`
}
