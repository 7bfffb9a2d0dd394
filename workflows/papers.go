package workflows

import (
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/printables"
)

// receiptSlip is the giấy tiếp nhận hồ sơ và hẹn trả kết quả for the
// dossier as received: what came, what it costs, and the appointment.
func (d *dossier) receiptSlip() *model.Paper {
	f := d.filing
	r := &printables.Receipt{Dossier: d.Code, ProcedureCode: d.Procedure.Code, Agency: d.Agency,
		Applicant: f.Applicant.Name, ApplicantID: f.Applicant.ID, Channel: string(d.Channel),
		Received: f.ReceivedAt, Appointment: d.Clock.Due, Receiver: f.Receiver,
		Components: []printables.Received{}, Fees: []printables.FeeItem{}}
	if r.Receiver == "" {
		r.Receiver = "Tiếp nhận trực tuyến"
	}
	for _, c := range d.Components {
		if !c.Present {
			continue
		}
		how := c.How
		if how == "" {
			how = "paper"
		}
		r.Components = append(r.Components, printables.Received{Name: c.Name, How: how})
	}
	if d.Quote != nil {
		for _, l := range d.Quote.Fees {
			r.Fees = append(r.Fees, printables.FeeItem{Name: l.Name, Amount: l.Amount, Discount: l.Discount})
		}
		r.Total = d.Quote.Total
	}
	return &model.Paper{Kind: model.PaperReceipt, Number: 1, Receipt: r}
}

// apologyLetter is the phiếu xin lỗi và hẹn lại for the letter just added.
func (d *dossier) apologyLetter(l ApologyLetter, signer string) *model.Paper {
	n := len(d.Apologies)
	return &model.Paper{Kind: model.PaperApology, Number: n, Apology: &printables.Apology{
		Dossier: d.Code, Number: n, ProcedureCode: d.Procedure.Code, Agency: d.Agency,
		Applicant: d.filing.Applicant.Name, Received: d.filing.ReceivedAt, Reason: l.Reason,
		OldDue: l.OldDue, NewDue: l.NewDue, Issued: l.At, Signer: signer}}
}
