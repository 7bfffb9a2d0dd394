package model

import (
	"time"

	"github.com/motcua/motcua/printables"
)

// The kinds of paper a dossier gives its citizen.
const (
	// PaperReceipt is the receipt slip, issued when the dossier is received.
	PaperReceipt = "receipt"
	// PaperApology is an apology letter, issued when an officer sets a new
	// appointment.
	PaperApology = "apology"
	// PaperSupplement is a supplement request, issued when an officer
	// sends the dossier back to its citizen.
	PaperSupplement = "supplement"
	// PaperRefusal is the refusal, issued when an officer refuses the
	// dossier.
	PaperRefusal = "refusal"
)

// Paper is a printed paper a milestone issues. The workflow gives the
// facts it holds; Record adds the catalogue's names and renders the PDF
// inside the milestone's own write, so that issuing a paper costs the
// history nothing and the paper exists exactly when its milestone does.
type Paper struct {
	Kind    string              `json:"kind"`
	Number  int                 `json:"number"` // 1 for the receipt; the letter's number
	Receipt *printables.Receipt `json:"receipt,omitempty"`
	Apology *printables.Apology `json:"apology,omitempty"`
	// Supplement and Refusal are the forms of those milestones.
	Supplement *printables.SupplementRequest `json:"supplement,omitempty"`
	Refusal    *printables.Refusal           `json:"refusal,omitempty"`
	// PDF is the rendered paper, filled by Record.
	PDF []byte `json:"pdf,omitempty"`
}

// Issued is when the paper was issued.
func (p *Paper) Issued() time.Time {
	if p.Apology != nil {
		return p.Apology.Issued
	}
	if p.Receipt != nil {
		return p.Receipt.Received
	}
	if p.Supplement != nil {
		return p.Supplement.Issued
	}
	if p.Refusal != nil {
		return p.Refusal.Issued
	}
	return time.Time{}
}

// Document is the paper's facts as a document to render, or nil for a
// paper without facts.
func (p *Paper) Document() printables.Document {
	switch {
	case p.Receipt != nil:
		return p.Receipt
	case p.Apology != nil:
		return p.Apology
	case p.Supplement != nil:
		return p.Supplement
	case p.Refusal != nil:
		return p.Refusal
	}
	return nil
}
