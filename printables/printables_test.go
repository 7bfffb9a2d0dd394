package printables_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/printables"
	"github.com/motcua/motcua/printables/printablestest"
)

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, hcm)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReceiptSlipPrintsEveryFieldWithItsDiacritics(t *testing.T) {
	r := printables.Receipt{About: printables.About{Dossier: "UBND-XA-THACH-HA-260305-ABCDEFGHIJ", Procedure: "Đăng ký thường trú", ProcedureCode: "1.004194", Agency: "ubnd-xa-thach-ha", AgencyName: "Ủy ban nhân dân cấp xã", Applicant: "Trần Thị Bình", Received: at("2026-03-05 14:30"), Head: xaThachHa("15/2026/TN")}, ApplicantID: "042185005678", Channel: "online", Components: []printables.Received{{Name: "Tờ khai thay đổi thông tin cư trú", How: "uploaded"},
		{Name: "Giấy tờ chứng minh chỗ ở hợp pháp", How: "reused"}}, Fees: []printables.FeeItem{{Name: "Lệ phí đăng ký cư trú", Amount: 10000, Discount: "Giảm 50% khi nộp trực tuyến"}}, Total: 10000, Deadline: "7 ngày làm việc", Appointment: at("2026-03-16 14:30"), Receiver: "Lê Văn Cường"}
	b, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b, "giay-tiep-nhan.pdf")
	for _, want := range []string{
		"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "ỦY BAN NHÂN DÂN XÃ THẠCH HÀ", "Số: 15/2026/TN",
		"Bộ phận Một cửa, Ủy ban nhân dân xã Thạch Hà, tiếp nhận hồ sơ của: Trần Thị Bình",
		"Mã hồ sơ: UBND-XA-THACH-HA-260305-ABCDEFGHIJ", "Trần Thị Bình", "042185005678",
		"Đăng ký thường trú", "1.004194", "Tờ khai thay đổi thông tin cư trú (bản điện tử)",
		"Giấy tờ chứng minh chỗ ở hợp pháp (tái sử dụng dữ liệu đã số hóa)", "7 ngày làm việc",
		"Thời gian nhận hồ sơ: 14 giờ 30 phút, ngày 05/03/2026",
		"Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 30 phút, ngày 16/03/2026",
		"Lệ phí đăng ký cư trú: 10.000 đồng (Giảm 50% khi nộp trực tuyến)", "Tổng cộng: 10.000 đồng",
		"Thạch Hà, ngày 05 tháng 03 năm 2026", "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN", "Lê Văn Cường",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the slip lacks %q; it reads:\n%s", want, text)
		}
	}
	again, _ := r.PDF()
	if !bytes.Equal(b, again) {
		t.Error("the same receipt rendered twice differs: a reprint must have the same bytes")
	}
}

// xaThachHa is the letterhead of a commune since 1 July 2025.
func xaThachHa(register string) printables.Letterhead {
	return printables.Letterhead{Parent: "Ủy ban nhân dân tỉnh Hà Tĩnh", Body: "Ủy ban nhân dân xã Thạch Hà",
		Place: "Thạch Hà", Register: register}
}

func TestReceiptWithoutFeesSaysNoneAreCharged(t *testing.T) {
	r := printables.Receipt{About: printables.About{Dossier: "X-1", Procedure: "Cấp bản sao trích lục hộ tịch", AgencyName: "Ủy ban nhân dân cấp xã", Applicant: "Nguyễn Văn An", Received: at("2026-03-05 08:00")}, Channel: "counter", Components: []printables.Received{{Name: "Tờ khai", How: "paper"}}, Appointment: at("2026-03-05 16:00"), Receiver: "Lê Văn Cường"}
	b, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b, "")
	for _, want := range []string{"Phí, lệ phí: không thu", "Tờ khai (bản giấy)", "trực tiếp tại Bộ phận Một cửa"} {
		if !strings.Contains(text, want) {
			t.Errorf("the slip lacks %q; it reads:\n%s", want, text)
		}
	}
}

func TestApologyLetterPrintsReasonAndNewDate(t *testing.T) {
	a := printables.Apology{About: printables.About{Dossier: "SO-TU-PHAP-HA-TINH-260305-KLMNOPQRST", Procedure: "Cấp Phiếu lý lịch tư pháp", ProcedureCode: "2.000815", Agency: "so-tu-phap-ha-tinh", AgencyName: "Sở Tư pháp", Applicant: "Nguyễn Văn An", Received: at("2026-03-02 09:00"), Head: printables.Letterhead{Parent: "Ủy ban nhân dân tỉnh Hà Tĩnh", Body: "Sở Tư pháp tỉnh Hà Tĩnh", Place: "Hà Tĩnh", Register: "3/2026/XL"}}, Number: 2, Reason: "chờ kết quả xác minh từ tỉnh khác", OldDue: at("2026-03-12 09:00"), NewDue: at("2026-03-19 09:00"), Issued: at("2026-03-11 10:15"), Signer: "Phạm Thị Dung"}
	b, err := a.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b, "phieu-xin-loi.pdf")
	for _, want := range []string{
		"VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN", "THỜI GIAN GIẢI QUYẾT HỒ SƠ", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
		"SỞ TƯ PHÁP TỈNH HÀ TĨNH", "Số: 3/2026/XL", "Hà Tĩnh, ngày 11 tháng 03 năm 2026",
		"Kính gửi: Ông/Bà Nguyễn Văn An", "Cấp Phiếu lý lịch tư pháp", "chờ kết quả xác minh từ tỉnh khác",
		"09 giờ 00 phút, ngày 12/03/2026", "09 giờ 00 phút, ngày 19/03/2026",
		"THỦ TRƯỞNG CƠ QUAN", "Phạm Thị Dung",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q; it reads:\n%s", want, text)
		}
	}
}

func TestSupplementRequestPrintsWhatToAddAndByWhen(t *testing.T) {
	r := printables.SupplementRequest{About: printables.About{Head: xaThachHa("7/2026/BS"), Dossier: "UBND-XA-THACH-HA-260305-ABCDEFGHIJ", Procedure: "Đăng ký thường trú", ProcedureCode: "1.004194", Applicant: "Trần Thị Bình", Received: at("2026-03-05 14:30")}, Number: 1, Components: []string{"Ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở"}, Reason: "thiếu chữ ký của chủ hộ", By: at("2026-03-19 14:30"), Issued: at("2026-03-06 10:00"), Officer: "Lê Văn Cường"}
	b, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b, "phieu-yeu-cau-bo-sung.pdf")
	for _, want := range []string{
		"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "ỦY BAN NHÂN DÂN XÃ THẠCH HÀ",
		"Số: 7/2026/BS", "Thạch Hà, ngày 06 tháng 03 năm 2026", "Kính gửi: Ông/Bà Trần Thị Bình",
		"Ngày 05/03/2026, Bộ phận Một cửa, Ủy ban nhân dân xã Thạch Hà, tiếp nhận hồ sơ của Ông/Bà",
		"1) Ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở", "Lý do: thiếu chữ ký của chủ hộ",
		"trước 14 giờ 30 phút, ngày 19/03/2026", "NGƯỜI HƯỚNG DẪN", "Lê Văn Cường",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the request lacks %q; it reads:\n%s", want, text)
		}
	}
}

func TestRefusalPrintsItsReason(t *testing.T) {
	r := printables.Refusal{About: printables.About{Head: xaThachHa("2/2026/TC"), Dossier: "UBND-XA-THACH-HA-260305-ABCDEFGHIJ", Procedure: "Đăng ký khai sinh", ProcedureCode: "1.001193", Applicant: "Nguyễn Văn An", Received: at("2026-03-05 14:30")}, Reason: "giấy chứng sinh không hợp lệ", Issued: at("2026-03-09 15:45"), Officer: "Lê Văn Cường"}
	b, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b, "phieu-tu-choi.pdf")
	for _, want := range []string{
		"PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ", "ỦY BAN NHÂN DÂN XÃ THẠCH HÀ", "Số: 2/2026/TC",
		"Thạch Hà, ngày 09 tháng 03 năm 2026", "Kính gửi: Ông/Bà Nguyễn Văn An", "Đăng ký khai sinh (mã thủ tục 1.001193)",
		"với lý do cụ thể như sau: giấy chứng sinh không hợp lệ", "NGƯỜI TIẾP NHẬN", "Lê Văn Cường",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the refusal lacks %q; it reads:\n%s", want, text)
		}
	}
}

// pdfText extracts a PDF's text with poppler's pdftotext, as a reader's
// copy-and-paste would, and keeps the PDF as an artefact when asked.
func pdfText(t *testing.T, pdf []byte, artefact string) string {
	t.Helper()
	if dir := os.Getenv("MOTCUA_ARTEFACTS"); dir != "" && artefact != "" {
		if err := os.MkdirAll(dir, 0o755); err == nil {
			_ = os.WriteFile(filepath.Join(dir, artefact), pdf, 0o644)
		}
	}
	return printablestest.Text(t, pdf)
}

// BenchmarkReceiptPDF is the cost a receipt adds to the receipt's
// milestone write: laying out the page, cutting the three fonts to the
// glyphs it prints and compressing them. The fonts are read once, before
// the loop.
func BenchmarkReceiptPDF(b *testing.B) {
	r := printables.Receipt{About: printables.About{Dossier: "UBND-XA-THACH-HA-260305-ABCDEFGHIJ", Procedure: "Đăng ký thường trú", ProcedureCode: "1.004194", AgencyName: "Ủy ban nhân dân cấp xã", Applicant: "Trần Thị Bình", Received: at("2026-03-05 14:30")}, Channel: "online", Components: []printables.Received{{Name: "Tờ khai thay đổi thông tin cư trú", How: "uploaded"}}, Fees: []printables.FeeItem{{Name: "Lệ phí đăng ký cư trú", Amount: 10000}}, Total: 10000, Appointment: at("2026-03-16 14:30"), Receiver: "Lê Văn Cường"}
	for b.Loop() {
		if _, err := r.PDF(); err != nil {
			b.Fatal(err)
		}
	}
}
