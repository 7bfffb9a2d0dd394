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
		"Cấp giấy phép xây dựng nhà ở riêng lẻ", "ỦY BAN NHÂN DÂN CẤP XÃ", "Trần Thị Bình", "042185005678",
		"Đơn đề nghị cấp giấy phép xây dựng (bản giấy)", "Giấy tờ chứng minh quyền sử dụng đất (bản giấy)",
		"15 ngày làm việc", "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ: 75.000 đồng", "Tổng cộng: 75.000 đồng",
		"Thời gian trả kết quả giải quyết hồ sơ: " + due.In(hcm).Format("15 giờ 04 phút, ngày 02/01/2006"),
		"NGƯỜI TIẾP NHẬN", "Hoàng Văn Em"} {
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

	newDue := due.Add(48 * time.Hour)
	call(t, http.MethodPost, "/dossiers/"+code+"/apologize", officerXa, map[string]any{
		"reason": "cần kiểm tra thực địa bổ sung", "new_due": newDue}).must(t, 200)
	status, _, letter := get(t, "/dossiers/"+code+"/apologies/1", citizenBinh)
	if status != 200 {
		t.Fatalf("letter: %d %s", status, letter)
	}
	text = printablestest.Text(t, letter)
	for _, want := range []string{"PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Số: " + code + "/XL-1",
		"Kính gửi: Ông/Bà Trần Thị Bình", "Lý do: cần kiểm tra thực địa bổ sung",
		due.In(hcm).Format("15 giờ 04 phút, ngày 02/01/2006"), newDue.In(hcm).Format("15 giờ 04 phút, ngày 02/01/2006"),
		"THỦ TRƯỞNG CƠ QUAN", "Hoàng Văn Em"} {
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
