package printables

import (
	"time"

	"github.com/motcua/motcua/money"
)

// Receipt is a giấy tiếp nhận hồ sơ và hẹn trả kết quả: what the one-stop
// counter received, what it costs, and when the result will be ready. The
// citizen keeps it; the appointment on it is the one on-time is judged by.
type Receipt struct {
	About
	ApplicantID string     `json:"applicant_id"`
	Channel     string     `json:"channel"` // online, counter or postal
	Components  []Received `json:"components"`
	Fees        []FeeItem  `json:"fees"`
	Total       money.VND  `json:"total"`
	Deadline    string     `json:"deadline"` // as the procedure words it: 5 ngày làm việc
	Appointment time.Time  `json:"appointment"`
	Receiver    string     `json:"receiver"` // who signs: the counter officer, or the portal
}

// Received is one component as received.
type Received struct {
	Name string `json:"name"`
	// How is how it came: uploaded, reused, scanned, or paper.
	How string `json:"how"`
}

// FeeItem is one fee as charged, after any discount.
type FeeItem struct {
	Name     string    `json:"name"`
	Amount   money.VND `json:"amount"`
	Discount string    `json:"discount,omitempty"`
}

// PDF renders the receipt and appointment slip, Mẫu số 01 of Thông tư
// 03/2025/TT-VPCP. Its order follows the form of Thông tư 01/2018/TT-VPCP,
// which the new one kept as far as we could read it: we could not open
// the new form's full text to compare it word for word.
func (r Receipt) PDF() ([]byte, error) {
	head := r.Head.or(r.AgencyName)
	p := newPage("Giấy tiếp nhận hồ sơ và hẹn trả kết quả "+r.Dossier, r.Received)
	p.header(head, r.Dossier, r.Received)
	p.title("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
	p.para("Mã hồ sơ: %s", r.Dossier)
	p.para("Bộ phận Một cửa, %s, tiếp nhận hồ sơ của: %s", head.Body, r.Applicant)
	p.para("Số định danh: %s", r.ApplicantID)
	p.para("Nội dung yêu cầu giải quyết: %s (mã thủ tục %s)", r.Procedure, r.ProcedureCode)
	p.para("Hình thức nộp: %s", channelName(r.Channel))
	p.para("1. Thành phần hồ sơ nộp gồm:")
	for i, c := range r.Components {
		p.item("%d) %s (%s)", i+1, c.Name, howName(c.How))
	}
	p.para("2. Số lượng hồ sơ: 01 bộ")
	p.para("3. Thời gian giải quyết hồ sơ theo quy định: %s", r.Deadline)
	p.para("4. Thời gian nhận hồ sơ: %s", moment(r.Received))
	p.para("5. Thời gian trả kết quả giải quyết hồ sơ: %s", moment(r.Appointment))
	if len(r.Fees) == 0 {
		p.para("6. Phí, lệ phí: không thu")
	} else {
		p.para("6. Phí, lệ phí:")
		for _, f := range r.Fees {
			if f.Discount != "" {
				p.item("- %s: %s (%s)", f.Name, dong(f.Amount), f.Discount)
			} else {
				p.item("- %s: %s", f.Name, dong(f.Amount))
			}
		}
		p.item("Tổng cộng: %s", dong(r.Total))
	}
	p.para("7. Nhận kết quả tại: %s", resultPlace(r.Channel))
	p.signatures("Người nộp hồ sơ", r.Applicant, "Người tiếp nhận", r.Receiver)
	return p.bytes()
}

func channelName(c string) string {
	switch c {
	case "online":
		return "trực tuyến"
	case "postal":
		return "qua dịch vụ bưu chính"
	}
	return "trực tiếp tại Bộ phận Một cửa"
}

func howName(how string) string {
	switch how {
	case "uploaded":
		return "bản điện tử"
	case "reused":
		return "tái sử dụng dữ liệu đã số hóa"
	case "scanned":
		return "bản giấy, đã số hóa"
	}
	return "bản giấy"
}

func resultPlace(channel string) string {
	if channel == "online" {
		return "trực tuyến, trên Cổng Dịch vụ công, hoặc tại Bộ phận Một cửa"
	}
	return "Bộ phận Một cửa, nơi nộp hồ sơ"
}
