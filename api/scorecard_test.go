package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// The scorecard over the API: every unit with dossiers this month and its
// indicators for a supervisor; an officer's own unit only; a scoped
// supervisor kept to their subtree; the same scorecard as a workbook.
func TestTheScorecardOverTheAPI(t *testing.T) {
	call(t, http.MethodPost, "/dossiers", portal, filing(t, "042090008888"), "Idempotency-Key", key(t)).must(t, 201)
	month := time.Now().Format("2006-01")
	q := "?from=" + month + "-01&to=" + month + "-28"
	r := call(t, http.MethodGet, "/reports/index"+q, supervisor, nil).must(t, 200)
	units, _ := r.body["units"].([]any)
	var sotp map[string]any
	for _, u := range units {
		if m := u.(map[string]any); m["unit"] == "so-tu-phap-ha-tinh" {
			sotp = m
		}
	}
	if sotp == nil || sotp["name"] != "Sở Tư pháp tỉnh Hà Tĩnh" || len(sotp["indicators"].([]any)) != 7 {
		t.Fatalf("the Department of Justice's scorecard: %v", sotp)
	}
	for _, l := range sotp["indicators"].([]any) {
		l := l.(map[string]any)
		if l["code"] == "1.4" && l["denominator"].(float64) < 1 {
			t.Errorf("1.4 counts nothing received: %v", l)
		}
	}
	mine := call(t, http.MethodGet, "/reports/index"+q, officerTinh, nil).must(t, 200)
	if len(mine.body["units"].([]any)) == 0 {
		t.Errorf("an officer sees no scorecard: %s", mine.raw)
	}
	for _, u := range mine.body["units"].([]any) {
		if code := u.(map[string]any)["unit"]; code != "so-tu-phap-ha-tinh" {
			t.Errorf("an officer of the department sees %v", code)
		}
	}
	problem(t, call(t, http.MethodGet, "/reports/index"+q+"&unit=so-tu-phap-ha-tinh", supervisorXa, nil), 403, "query.unit")
	problem(t, call(t, http.MethodGet, "/reports/index?from=2026-02-30&to=2026-03-01", supervisor, nil), 422, "query.from")
	problem(t, call(t, http.MethodGet, "/reports/index"+q, citizenAn, nil), 403, "")
	x := call(t, http.MethodGet, "/reports/index"+q+"&format=xlsx", supervisor, nil).must(t, 200)
	if !strings.Contains(x.header.Get("Content-Type"), "spreadsheetml") || !strings.Contains(x.header.Get("Content-Disposition"), "chi-so-766") {
		t.Errorf("the workbook: %v", x.header)
	}
}
