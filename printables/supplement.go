package printables

import (
	"fmt"
	"time"
)

// SupplementRequest is a phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: what the
// dossier lacks, why, and by when the citizen must add it.
type SupplementRequest struct {
	About
	Number     int       `json:"number"`     // 1 for the dossier's first request
	Components []string  `json:"components"` // the names of the components to add or complete
	Reason     string    `json:"reason"`
	By         time.Time `json:"by"` // the last instant to supplement
	Issued     time.Time `json:"issued"`
	Officer    string    `json:"officer"`
}

// PDF renders the request, Mẫu số 02 of Thông tư 03/2025/TT-VPCP. The
// wording follows the request of Thông tư 01/2018/TT-VPCP it replaced; we
// could not open the new form's full text to compare it word for word.
func (r SupplementRequest) PDF() ([]byte, error) {
	head := r.Head.or(r.AgencyName)
	p := newPage("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ "+r.Dossier, r.Issued)
	p.header(head, fmt.Sprintf("%s/BS-%d", r.Dossier, r.Number), r.Issued)
	p.title("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ")
	p.addressee(r.Applicant)
	p.para("Ngày %s, Bộ phận Một cửa, %s, tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ %s, đề nghị giải quyết thủ tục: %s (mã thủ tục %s).",
		r.Received.In(vietnam).Format("02/01/2006"), head.Body, r.Dossier, r.Procedure, r.ProcedureCode)
	p.para("Sau khi xem xét, hồ sơ của Ông/Bà chưa đầy đủ, hợp lệ. Đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:")
	if len(r.Components) == 0 {
		p.item("- %s", r.Reason)
	} else {
		for i, c := range r.Components {
			p.item("%d) %s", i+1, c)
		}
		p.para("Lý do: %s", r.Reason)
	}
	p.para("Thời hạn bổ sung, hoàn thiện hồ sơ: trước %s. Trong thời gian chờ bổ sung, thời hạn giải quyết hồ sơ tạm dừng.", moment(r.By))
	p.para("Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ Bộ phận Một cửa, %s, để được hướng dẫn./.", head.Body)
	p.signature("Người hướng dẫn", r.Officer)
	return p.bytes()
}
