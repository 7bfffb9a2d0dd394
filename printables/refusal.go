package printables

import "time"

// Refusal is a phiếu từ chối tiếp nhận, giải quyết hồ sơ: the unit will
// not resolve the dossier, and says why in words the citizen can act on.
type Refusal struct {
	About
	Reason  string    `json:"reason"`
	Issued  time.Time `json:"issued"`
	Officer string    `json:"officer"`
}

// PDF renders the refusal, Mẫu số 03 of Thông tư 03/2025/TT-VPCP. The
// wording follows the refusal of Thông tư 01/2018/TT-VPCP it replaced; we
// could not open the new form's full text to compare it word for word.
func (r Refusal) PDF() ([]byte, error) {
	head := r.Head.or(r.AgencyName)
	p := newPage("Phiếu từ chối tiếp nhận, giải quyết hồ sơ "+r.Dossier, r.Issued)
	p.header(head, r.Dossier+"/TC", r.Issued)
	p.title("PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ")
	p.addressee(r.Applicant)
	p.para("Ngày %s, Bộ phận Một cửa, %s, tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ %s, đề nghị giải quyết thủ tục: %s (mã thủ tục %s).",
		r.Received.In(vietnam).Format("02/01/2006"), head.Body, r.Dossier, r.Procedure, r.ProcedureCode)
	p.para("Qua xem xét, cơ quan thông báo không giải quyết hồ sơ này với lý do cụ thể như sau: %s", r.Reason)
	p.para("Xin thông báo để Ông/Bà được biết và thực hiện./.")
	p.signature("Người tiếp nhận", r.Officer)
	return p.bytes()
}
