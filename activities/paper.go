package activities

import (
	"fmt"
	"strconv"
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
	return time.Time{}
}

// render completes the paper's facts from the catalogue and renders it.
func (a *Activities) render(p *Paper) error {
	var err error
	switch {
	case p.Receipt != nil:
		r := p.Receipt
		if proc, lerr := a.Catalogue.Lookup(r.ProcedureCode, r.Received); lerr == nil {
			r.Procedure, r.AgencyName = proc.Name, proc.Agency.Name
			r.Deadline = deadlineWords(proc.Deadline.WorkingDays, proc.Deadline.WorkingHours)
		}
		p.PDF, err = r.PDF()
	case p.Apology != nil:
		l := p.Apology
		if proc, lerr := a.Catalogue.Lookup(l.ProcedureCode, l.Received); lerr == nil {
			l.Procedure, l.AgencyName = proc.Name, proc.Agency.Name
		}
		p.PDF, err = l.PDF()
	default:
		return fmt.Errorf("paper %s %d has no facts", p.Kind, p.Number)
	}
	return err
}

// deadlineWords writes a deadline as the procedure states it.
func deadlineWords(days, hours float64) string {
	if hours > 0 {
		return strconv.FormatFloat(hours, 'f', -1, 64) + " giờ làm việc"
	}
	return strconv.FormatFloat(days, 'f', -1, 64) + " ngày làm việc"
}
