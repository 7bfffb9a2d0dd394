package model

import (
	"time"

	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
)

// Projection is the record of a dossier that outlives its workflow, with
// what supervisors count: channel, fee, online payment, digitization, time.
type Projection struct {
	Code            string             `json:"code"`
	Procedure       procedures.Ref     `json:"procedure"`
	Agency          string             `json:"agency"`
	Level           procedures.Level   `json:"level"`
	Channel         procedures.Channel `json:"channel"`
	AssistedBy      string             `json:"assisted_by,omitempty"`
	Applicant       string             `json:"applicant"`
	Stage           string             `json:"stage"`
	Outcome         string             `json:"outcome,omitempty"`
	Received        time.Time          `json:"received"`
	Due             time.Time          `json:"due,omitzero"`
	OriginalDue     time.Time          `json:"original_due,omitzero"`
	Decided         time.Time          `json:"decided,omitzero"`
	Returned        time.Time          `json:"returned,omitzero"`
	Fee             money.VND          `json:"fee"`
	PaidOnline      bool               `json:"paid_online"`
	ResultDigitized bool               `json:"result_digitized"`
	OnTime          *bool              `json:"on_time,omitempty"`
	// ResultVia is how the result went back: online, counter or postal.
	ResultVia string `json:"result_via,omitempty"`
	// Supplements counts the supplement requests made: Decision 766
	// counts a dossier asked to supplement more than once as late.
	Supplements int `json:"supplements,omitempty"`
}

// FullOnline reports whether the dossier was handled online from filing to
// result (dịch vụ công trực tuyến toàn trình, Nghị định 42/2022/NĐ-CP,
// Điều 11): filed online, any fee paid online, and the result returned
// electronically, or by public post where the law allows it, which is the
// one paper step the definition admits. A dossier filed online and handed
// back at a counter is filed online, not full-online.
func (p Projection) FullOnline() bool {
	return p.Channel == procedures.Online && p.Outcome == string(Returned) &&
		(p.Fee == 0 || p.PaidOnline) && (p.ResultVia == "online" || p.ResultVia == "postal")
}
