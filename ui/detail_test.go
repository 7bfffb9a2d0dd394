package ui

import "testing"

// The timeline's details, written by the workflow in the records' words,
// read in Vietnamese on Vietnamese pages and unchanged in English.
func TestDetailsInVietnamese(t *testing.T) {
	for _, c := range []struct{ action, detail, vi string }{
		{"received", "via online; due 2026-12-16 17:00", "nộp trực tuyến; hẹn trả kết quả 2026-12-16 17:00"},
		{"received", "via postal; due 2026-12-16 17:00", "nộp qua bưu chính; hẹn trả kết quả 2026-12-16 17:00"},
		{"payment_requested", "200.000 ₫ by 2026-12-20 17:00", "200.000 ₫, hạn nộp 2026-12-20 17:00"},
		{"paid", "200.000 ₫ online, transaction TX-1", "200.000 ₫ nộp trực tuyến, mã giao dịch TX-1"},
		{"paid", "20.000 ₫ at the counter, receipt BL-7", "20.000 ₫ nộp tại bộ phận một cửa, biên lai BL-7"},
		{"returned", "online", "trả trực tuyến"},
		{"digitized", "to_khai (scanned)", "to_khai (số hóa tại bộ phận một cửa)"},
		{"due_soon", "due 2026-12-04 09:57", "hẹn trả kết quả 2026-12-04 09:57"},
		{"overdue", "was due 2026-12-04 09:57", "quá hẹn trả kết quả 2026-12-04 09:57"},
		{"refused", "Giấy tờ không hợp lệ", "Giấy tờ không hợp lệ"},
		{"withdrawn", "", ""},
	} {
		if got := Vietnamese.Detail(c.action, c.detail); got != c.vi {
			t.Errorf("%s %q: %q, want %q", c.action, c.detail, got, c.vi)
		}
		if got := English.Detail(c.action, c.detail); got != c.detail {
			t.Errorf("in English %s %q became %q", c.action, c.detail, got)
		}
	}
	for _, k := range []string{"oc_returned", "how_uploaded", "actor_system", "actor_gateway", "actor_clock", "role_receiver"} {
		if Vietnamese.T(k) == k || English.T(k) == k {
			t.Errorf("%s has no words", k)
		}
	}
}
