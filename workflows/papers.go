package workflows

import (
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/printables"
)

// receiptSlip is the giấy tiếp nhận hồ sơ và hẹn trả kết quả for the
// dossier as received: what came, what it costs, and the appointment.
func (d *dossier) receiptSlip() *model.Paper {
	f := d.filing
	r := &printables.Receipt{About: d.about(), ApplicantID: f.Applicant.ID, Channel: string(d.Channel),
		Appointment: d.Clock.Due, Receiver: f.Receiver,
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
		About: d.about(), Number: n, Reason: l.Reason, OldDue: l.OldDue, NewDue: l.NewDue, Issued: l.At, Signer: signer}}
}

// supplementForm is the phiếu yêu cầu bổ sung, hoàn thiện hồ sơ for the
// request just made.
func (d *dossier) supplementForm(x RequestSupplement, by time.Time) *model.Paper {
	r := &printables.SupplementRequest{About: d.about(), Number: d.Supplements, Reason: x.Reason, By: by, Issued: d.Supplement.At, Officer: orName(x.ByName, x.By), Components: []string{}}
	for _, code := range x.Components {
		if c := d.component(code); c != nil {
			r.Components = append(r.Components, c.Name)
		}
	}
	return &model.Paper{Kind: model.PaperSupplement, Number: d.Supplements, Supplement: r}
}

// refusalForm is the phiếu từ chối tiếp nhận, giải quyết hồ sơ.
func (d *dossier) refusalForm(x Refuse) *model.Paper {
	return &model.Paper{Kind: model.PaperRefusal, Number: 1, Refusal: &printables.Refusal{About: d.about(),
		Reason: x.Reason, Issued: d.Decided, Officer: orName(x.ByName, x.By)}}
}

// about is what every paper of the dossier says of it.
func (d *dossier) about() printables.About {
	return printables.About{Dossier: d.Code, ProcedureCode: d.Procedure.Code, Agency: d.Agency,
		Applicant: d.filing.Applicant.Name, Received: d.filing.ReceivedAt}
}

func orName(name, subject string) string {
	if name != "" {
		return name
	}
	return subject
}
