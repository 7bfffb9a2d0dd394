package activities

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/printables"
)

// registerCodes are the marks each kind of paper carries in its register
// number: 15/2026/TN is the 15th receipt slip of 2026.
var registerCodes = map[string]string{model.PaperReceipt: "TN", model.PaperSupplement: "BS",
	model.PaperRefusal: "TC", model.PaperApology: "XL"}

// render completes the paper's facts from the catalogue and the directory
// of units, numbers it in its unit's register, and renders it.
func (a *Activities) render(ctx context.Context, dossier string, p *model.Paper) error {
	doc := p.Document()
	if doc == nil {
		return fmt.Errorf("paper %s %d has no facts", p.Kind, p.Number)
	}
	facts := doc.Facts()
	if proc, err := a.Catalogue.Lookup(facts.ProcedureCode, facts.Received); err == nil {
		facts.Procedure, facts.AgencyName = proc.Name, proc.Agency.Name
		if r := p.Receipt; r != nil {
			r.Deadline = deadlineWords(proc.Deadline.WorkingDays, proc.Deadline.WorkingHours)
		}
	}
	var err error
	if facts.Head, err = a.letterhead(ctx, facts.Agency, dossier, p, p.Issued()); err != nil {
		return err
	}
	p.PDF, err = doc.PDF()
	return err
}

// letterhead names the unit that issues a paper, the body above it and its
// place, from the directory, and gives the paper its register number. A
// unit the directory does not know is printed by its code.
func (a *Activities) letterhead(ctx context.Context, unit, dossier string, p *model.Paper, issued time.Time) (printables.Letterhead, error) {
	units := a.Catalogue.Units()
	h := printables.Letterhead{Body: unit}
	if u, ok := units.Unit(unit); ok {
		h.Body, h.Place = u.Name, u.Place
		if parent, ok := units.Unit(u.Parent); ok {
			h.Parent = parent.Name
		}
	}
	year := calendar.DayOf(issued, calendar.Vietnam).Year
	seq, err := a.Store.Register(ctx, unit, year, p.Kind, dossier, p.Number)
	if err != nil {
		return h, err
	}
	h.Register = fmt.Sprintf("%d/%d/%s", seq, year, registerCodes[p.Kind])
	return h, nil
}

// deadlineWords writes a deadline as the procedure states it.
func deadlineWords(days, hours float64) string {
	if hours > 0 {
		return strconv.FormatFloat(hours, 'f', -1, 64) + " giờ làm việc"
	}
	return strconv.FormatFloat(days, 'f', -1, 64) + " ngày làm việc"
}
