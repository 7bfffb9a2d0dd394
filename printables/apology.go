package printables

import (
	"fmt"
	"time"
)

// Apology is a phiếu xin lỗi và hẹn lại ngày trả kết quả: the unit's
// apology for a dossier that will miss its appointment, why, and the new
// date. The one-stop rules (Nghị định 118/2025/NĐ-CP, as Nghị định
// 61/2018/NĐ-CP before it) require one whenever a dossier will be late.
type Apology struct {
	About
	Number int       `json:"number"` // 1 for the dossier's first letter
	Reason string    `json:"reason"`
	OldDue time.Time `json:"old_due"`
	NewDue time.Time `json:"new_due"`
	Issued time.Time `json:"issued"`
	Signer string    `json:"signer"`
}

// PDF renders the letter, Mẫu số 04 of Thông tư 03/2025/TT-VPCP (văn bản
// xin lỗi và đề nghị gia hạn thời gian giải quyết), addressed to the
// citizen with the new appointment. The wording follows the letter of
// Thông tư 01/2018/TT-VPCP it replaced; we could not open the new form's
// full text to compare it word for word.
func (a Apology) PDF() ([]byte, error) {
	head := a.Head.or(a.AgencyName)
	p := newPage("Văn bản xin lỗi và hẹn lại ngày trả kết quả "+a.Dossier, a.Issued)
	p.header(head, fmt.Sprintf("%s/XL-%d", a.Dossier, a.Number), a.Issued)
	p.title("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN", "THỜI GIAN GIẢI QUYẾT HỒ SƠ")
	p.addressee(a.Applicant)
	p.para("Ngày %s, %s (%s) tiếp nhận giải quyết hồ sơ của Ông/Bà, mã hồ sơ %s, nội dung yêu cầu giải quyết: %s (mã thủ tục %s).",
		a.Received.In(vietnam).Format("02/01/2006"), head.Body, a.Agency, a.Dossier, a.Procedure, a.ProcedureCode)
	p.para("Thời gian hẹn trả kết quả giải quyết hồ sơ: %s.", moment(a.OldDue))
	p.para("Tuy nhiên đến nay, cơ quan chưa trả kết quả giải quyết hồ sơ cho Ông/Bà. Lý do: %s.", a.Reason)
	p.para("Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại cho Ông/Bà. Cơ quan xin lỗi Ông/Bà và hẹn lại "+
		"thời gian trả kết quả giải quyết hồ sơ vào: %s.", moment(a.NewDue))
	p.para("Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.")
	p.signature("Thủ trưởng cơ quan", a.Signer)
	return p.bytes()
}
