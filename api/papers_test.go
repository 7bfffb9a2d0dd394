package api_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/printables/printablestest"
)

// get fetches a path's raw bytes.
func get(t *testing.T, path, token string) (int, http.Header, []byte) {
	t.Helper()
	r := call(t, http.MethodGet, path, token, nil)
	return r.status, r.header, []byte(r.raw)
}

// A building permit filed at the counter: the slip the officer hands over
// carries the code, the procedure, the components received, the fee and the
// appointment, signed by the officer; when the dossier will be late, the
// officer's new date issues an apology letter, linked from the citizen's
// notice. Another citizen can read neither.
func TestReceiptSlipAndApologyLetter(t *testing.T) {
	sub := fileBuildingPermit(t)
	code := sub.str("code")
	due, _ := time.Parse(time.RFC3339, sub.body["quote"].(map[string]any)["due"].(string))
	waitStage(t, officerXa, code, "in_review")

	status, header, slip := get(t, "/dossiers/"+code+"/receipt", citizenBinh)
	if status != 200 || header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("receipt: %d %s: %.200s", status, header.Get("Content-Type"), slip)
	}
	hcm, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	text := printablestest.Text(t, slip)
	for _, want := range []string{"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mã hồ sơ: " + code,
		"Cấp giấy phép xây dựng nhà ở riêng lẻ", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "ỦY BAN NHÂN DÂN XÃ THẠCH HÀ",
		"Bộ phận Một cửa, Ủy ban nhân dân xã Thạch Hà, tiếp nhận hồ sơ của: Trần Thị Bình", "042185005678",
		"Thạch Hà, ngày ", "/TN", "NGƯỜI NỘP HỒ SƠ",
		"Đơn đề nghị cấp giấy phép xây dựng (bản giấy)", "Giấy tờ chứng minh quyền sử dụng đất (bản giấy)",
		"15 ngày làm việc", "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ: 75.000 đồng", "Tổng cộng: 75.000 đồng",
		"Thời gian trả kết quả giải quyết hồ sơ: " + due.In(hcm).Format("15 giờ 04 phút, ngày 02/01/2006"),
		"NGƯỜI TIẾP NHẬN", "Lê Văn Cường"} {
		if !strings.Contains(text, want) {
			t.Errorf("the slip lacks %q; it reads:\n%s", want, text)
		}
	}
	if _, _, again := get(t, "/dossiers/"+code+"/receipt", officerXa); !bytes.Equal(slip, again) {
		t.Error("a reprint of the slip differs from the slip issued")
	}
	if st, _, _ := get(t, "/dossiers/"+code+"/receipt", citizenAn); st != 403 {
		t.Errorf("another citizen got the slip: %d", st)
	}
	if st, _, b := get(t, "/dossiers/"+code+"/apologies/1", officerXa); st != 404 {
		t.Errorf("a letter before any apology: %d %s", st, b)
	}

	// A refusal names the field it is about, not the body as a whole.
	problem(t, call(t, http.MethodPost, "/dossiers/"+code+"/apologize", officerXa, map[string]any{
		"reason": "cần kiểm tra thực địa bổ sung", "new_due": due.Add(-24 * time.Hour)}), 422, "body.new_due")
	newDue := due.Add(48 * time.Hour)
	call(t, http.MethodPost, "/dossiers/"+code+"/apologize", officerXa, map[string]any{
		"reason": "cần kiểm tra thực địa bổ sung", "new_due": newDue}).must(t, 200)
	status, _, letter := get(t, "/dossiers/"+code+"/apologies/1", citizenBinh)
	if status != 200 {
		t.Fatalf("letter: %d %s", status, letter)
	}
	text = printablestest.Text(t, letter)
	for _, want := range []string{"VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN", "/XL", "ỦY BAN NHÂN DÂN XÃ THẠCH HÀ",
		"Kính gửi: Ông/Bà Trần Thị Bình", "Lý do: cần kiểm tra thực địa bổ sung",
		due.In(hcm).Format("15 giờ 04 phút, ngày 02/01/2006"), newDue.In(hcm).Format("15 giờ 04 phút, ngày 02/01/2006"),
		"THỦ TRƯỞNG CƠ QUAN", "Lê Văn Cường"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q; it reads:\n%s", want, text)
		}
	}
	if st, _, _ := get(t, "/dossiers/"+code+"/apologies/1", citizenAn); st != 403 {
		t.Errorf("another citizen got the letter: %d", st)
	}
	view := call(t, http.MethodGet, "/dossiers/"+code, citizenBinh, nil).must(t, 200)
	if papers := view.body["papers"].([]any); len(papers) != 2 {
		t.Errorf("papers = %v", papers)
	}
	notices, err := svc.Store.Notices(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	linked := false
	for _, n := range notices {
		linked = linked || (n.Kind == "apology" && strings.Contains(n.Text, "/dossiers/"+code+"/apologies/1"))
	}
	if !linked {
		t.Errorf("no apology notice links the letter: %v", notices)
	}
}

// A supplement request and a refusal each issue their form at their
// milestone, headed by the real unit and numbered in its register.
func TestSupplementRequestAndRefusalForms(t *testing.T) {
	code := fileResidence(t, "forms")
	waitStage(t, officerXa, code, "in_review")
	if st, _, _ := get(t, "/dossiers/"+code+"/supplement-requests/1", citizenBinh); st != 404 {
		t.Errorf("a request before any: %d", st)
	}
	call(t, http.MethodPost, "/dossiers/"+code+"/request-supplement", officerXa, map[string]any{
		"reason": "Sổ đỏ chụp mờ, đề nghị nộp lại", "components": []string{"cho_o_hop_phap"}}).must(t, 200)
	waitStage(t, citizenBinh, code, "awaiting_supplement")
	status, _, form := get(t, "/dossiers/"+code+"/supplement-requests/1", citizenBinh)
	if status != 200 {
		t.Fatalf("supplement request: %d %s", status, form)
	}
	text := printablestest.Text(t, form)
	for _, want := range []string{"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
		"ỦY BAN NHÂN DÂN XÃ THẠCH HÀ", "Thạch Hà, ngày ", "/BS", "Kính gửi: Ông/Bà Trần Thị Bình", "mã hồ sơ " + code,
		"1) Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", "Lý do: Sổ đỏ chụp mờ, đề nghị nộp lại", "NGƯỜI HƯỚNG DẪN", "Lê Văn Cường"} {
		if !strings.Contains(text, want) {
			t.Errorf("the request lacks %q; it reads:\n%s", want, text)
		}
	}
	clearer := upload(t, citizenBinh, "1.004194", "cho_o_hop_phap", "so-do-ro.pdf", pdf("so do Binh, forms")).must(t, 201)
	call(t, http.MethodPost, "/dossiers/"+code+"/supplement", citizenBinh, map[string]any{
		"components": []map[string]any{{"code": "cho_o_hop_phap", "document": clearer.str("id")}}}).must(t, 200)
	waitStage(t, officerXa, code, "in_review")
	call(t, http.MethodPost, "/dossiers/"+code+"/refuse", officerXa, map[string]any{
		"reason": "chỗ ở không thuộc địa bàn xã"}).must(t, 200)
	waitStage(t, citizenBinh, code, "closed")
	status, _, form = get(t, "/dossiers/"+code+"/refusal", citizenBinh)
	if status != 200 {
		t.Fatalf("refusal: %d %s", status, form)
	}
	text = printablestest.Text(t, form)
	for _, want := range []string{"PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ", "ỦY BAN NHÂN DÂN XÃ THẠCH HÀ", "/TC",
		"Đăng ký thường trú (mã thủ tục 1.004194)", "với lý do cụ thể như sau: chỗ ở không thuộc địa bàn xã", "Lê Văn Cường"} {
		if !strings.Contains(text, want) {
			t.Errorf("the refusal lacks %q; it reads:\n%s", want, text)
		}
	}
	if st, _, _ := get(t, "/dossiers/"+code+"/refusal", citizenAn); st != 403 {
		t.Errorf("another citizen got the refusal: %d", st)
	}
}
