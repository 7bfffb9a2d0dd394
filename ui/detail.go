package ui

import (
	"regexp"
	"strings"
)

// The timeline's details as the workflow writes them: in the records'
// own words, which stay as they were written. Pages in Vietnamese say the
// known ones in Vietnamese; anything else (an officer's reason, say) is
// shown as written.
var (
	receivedDetail = regexp.MustCompile(`^via (\w+); due (.+)$`)
	requestedFee   = regexp.MustCompile(`^(.+) by (\d{4}-\d\d-\d\d \d\d:\d\d)$`)
	paidOnline     = regexp.MustCompile(`^(.+) online, transaction (.+)$`)
	paidAtCounter  = regexp.MustCompile(`^(.+) at the counter, receipt (.+)$`)
	digitizedHow   = regexp.MustCompile(`^(.+) \((\w+)\)$`)
	dueAt          = regexp.MustCompile(`^due (.+)$`)
	wasDueAt       = regexp.MustCompile(`^was due (.+)$`)
)

// Detail is a timeline event's detail in the page's language.
func (l Lang) Detail(action, detail string) string {
	if l != Vietnamese || detail == "" {
		return detail
	}
	switch action {
	case "received":
		if m := receivedDetail.FindStringSubmatch(detail); m != nil {
			how := l.T(m[1])
			if m[1] == "postal" {
				how = "qua " + how
			}
			return "nộp " + how + "; hẹn trả kết quả " + m[2]
		}
	case "payment_requested":
		if m := requestedFee.FindStringSubmatch(detail); m != nil {
			return m[1] + ", hạn nộp " + m[2]
		}
	case "paid":
		if m := paidOnline.FindStringSubmatch(detail); m != nil {
			return m[1] + " nộp trực tuyến, mã giao dịch " + m[2]
		}
		if m := paidAtCounter.FindStringSubmatch(detail); m != nil {
			return m[1] + " nộp tại bộ phận một cửa, biên lai " + m[2]
		}
	case "due_soon":
		if m := dueAt.FindStringSubmatch(detail); m != nil {
			return "hẹn trả kết quả " + m[1]
		}
	case "overdue":
		if m := wasDueAt.FindStringSubmatch(detail); m != nil {
			return "quá hẹn trả kết quả " + m[1]
		}
	case "returned":
		return "trả " + strings.ToLower(l.Word("via_", detail))
	case "digitized":
		if m := digitizedHow.FindStringSubmatch(detail); m != nil {
			return m[1] + " (" + strings.ToLower(l.Word("how_", m[2])) + ")"
		}
	}
	return detail
}
