package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Seen from two months ahead, every open dossier is overdue: the list
// puts the latest first and says by how many working days.
func TestLateDossiers(t *testing.T) {
	sub := call(t, http.MethodPost, "/dossiers", portal, filing(t, uniqueApplicant()), "Idempotency-Key", key(t)).must(t, 201)
	code := sub.str("code")
	waitStage(t, officerTinh, code, "in_review")
	srv := svc.API()
	srv.Now = func() time.Time { return time.Now().AddDate(0, 2, 0) }
	h := httptest.NewServer(srv.Handler())
	defer h.Close()
	get := func(token, query string) response {
		req, _ := http.NewRequest(http.MethodGet, h.URL+"/supervision/late"+query, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		return do(t, req)
	}
	r := get(supervisor, "?level=province&only=overdue").must(t, 200)
	var found bool
	var last float64 = 1e9
	for _, d := range r.body["dossiers"].([]any) {
		d := d.(map[string]any)
		if d["overdue"] != true || d["level"] != "province" {
			t.Errorf("listed %v", d)
		}
		late := d["late_by_days"].(float64)
		if late > last {
			t.Errorf("not the latest first: %v after %v", late, last)
		}
		last = late
		found = found || d["code"] == code
	}
	if !found {
		t.Errorf("%s is not listed: %s", code, r.raw)
	}
	if last < 20 {
		t.Errorf("late by %v working days two months on", last)
	}
	// An officer sees only their agency's; another agency is refused.
	for _, d := range get(officerXa, "").must(t, 200).body["dossiers"].([]any) {
		if d.(map[string]any)["agency"] != "ubnd-xa-thach-ha" {
			t.Errorf("officer sees %v", d)
		}
	}
	problem(t, get(officerXa, "?agency=so-tu-phap-ha-tinh"), 403, "query.agency")
	problem(t, get(citizenAn, ""), 403, "")
}

// The OpenAPI document and the docs page are served without reaching any
// other host.
func TestDocsWorkOffline(t *testing.T) {
	r := call(t, http.MethodGet, "/openapi.json", "", nil).must(t, 200)
	if r.str("openapi") != "3.1.0" {
		t.Errorf("openapi = %q", r.str("openapi"))
	}
	page := call(t, http.MethodGet, "/docs/", "", nil).must(t, 200)
	for _, cdn := range []string{"unpkg.com", "cdn.jsdelivr", "cdnjs", "googleapis"} {
		if strings.Contains(page.raw, cdn) {
			t.Errorf("the docs page loads from %s", cdn)
		}
	}
	if !strings.Contains(page.raw, "swagger-ui") {
		t.Errorf("docs page: %.300s", page.raw)
	}
	call(t, http.MethodGet, "/healthz", "", nil).must(t, 200)
	call(t, http.MethodGet, "/readyz", "", nil).must(t, 200)
}
