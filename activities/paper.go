package activities

import (
	"fmt"
	"strconv"

	"github.com/motcua/motcua/model"
)

// render completes the paper's facts from the catalogue and renders it.
func (a *Activities) render(p *model.Paper) error {
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
