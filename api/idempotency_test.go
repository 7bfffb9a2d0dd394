package api_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// filing is a criminal-record filing by the portal for an applicant.
func filing(t *testing.T, applicant string) map[string]any {
	tk := upload(t, portal, "2.000488", "to_khai", "tk.pdf", pdf("tk "+applicant)).must(t, 201)
	id := upload(t, portal, "2.000488", "giay_to_tuy_than", "id.pdf", pdf("id "+applicant)).must(t, 201)
	return map[string]any{"procedure": "2.000488", "agency": "so-tu-phap-ha-tinh", "channel": "online",
		"applicant": map[string]any{"id": applicant, "name": "Lê Thị Idempotent"},
		"inputs":    map[string]any{"certificates": 1},
		"components": []map[string]any{{"code": "to_khai", "document": tk.str("id")},
			{"code": "giay_to_tuy_than", "document": id.str("id")}}}
}

func uniqueApplicant() string { return fmt.Sprintf("9%011d", time.Now().UnixNano()%1e11) }

// A portal that retries one submission 100 times at once creates exactly
// one dossier: the retries that arrive while the first is in flight get
// 409, and every 201 names the same dossier.
func TestConcurrentRetriesCreateOneDossier(t *testing.T) {
	applicant := uniqueApplicant()
	body := filing(t, applicant)
	k := key(t)
	var mu sync.Mutex
	statuses := map[int]int{}
	codes := map[string]bool{}
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() {
			r := call(t, http.MethodPost, "/dossiers", portal, body, "Idempotency-Key", k)
			mu.Lock()
			defer mu.Unlock()
			statuses[r.status]++
			if r.status == 409 && r.header.Get("Retry-After") == "" {
				statuses[-409]++ // in flight, without saying when to come back
			}
			if r.status == 201 {
				codes[r.str("code")] = true
			}
		})
	}
	wg.Wait()
	if statuses[201]+statuses[409] != 100 || statuses[201] == 0 || len(codes) != 1 || statuses[-409] > 0 {
		t.Fatalf("statuses %v, codes %v", statuses, codes)
	}
	// Once the first has finished, a retry gets the same dossier.
	again := call(t, http.MethodPost, "/dossiers", portal, body, "Idempotency-Key", k).must(t, 201)
	if !codes[again.str("code")] || again.header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("retry = %s %v", again.raw, again.header)
	}
	// The same JSON spaced and ordered otherwise is the same request.
	respaced := call(t, http.MethodPost, "/dossiers", portal, reordered(body, "\n  "), "Idempotency-Key", k).must(t, 201)
	if !codes[respaced.str("code")] || respaced.header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("the same body respaced and reordered = %s %v", respaced.raw, respaced.header)
	}
	list := call(t, http.MethodGet, "/dossiers?applicant="+applicant, supervisor, nil).must(t, 200)
	if n := len(list.body["dossiers"].([]any)); n != 1 {
		t.Errorf("%d dossiers for the applicant, want 1", n)
	}
	// The same key with another body is refused.
	other := filing(t, applicant)
	other["inputs"] = map[string]any{"certificates": 2}
	r := call(t, http.MethodPost, "/dossiers", portal, other, "Idempotency-Key", k).must(t, 422)
	if !hasLocation(r, "header.Idempotency-Key") {
		t.Errorf("key reuse: %s", r.raw)
	}
}

// reordered writes v as JSON with its object keys in reverse order and
// space between every token, as another client's encoder might.
func reordered(v any, space string) string {
	switch x := v.(type) {
	case map[string]any:
		keys := slices.Sorted(maps.Keys(x))
		slices.Reverse(keys)
		var parts []string
		for _, k := range keys {
			kb, _ := json.Marshal(k)
			parts = append(parts, string(kb)+" : "+reordered(x[k], space))
		}
		return "{" + space + strings.Join(parts, ","+space) + space + "}"
	case []map[string]any:
		var parts []string
		for _, e := range x {
			parts = append(parts, reordered(e, space))
		}
		return "[ " + strings.Join(parts, " , ") + " ]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// hasLocation reports whether a problem names the field.
func hasLocation(r response, loc string) bool {
	errs, _ := r.body["errors"].([]any)
	for _, e := range errs {
		if e.(map[string]any)["location"] == loc {
			return true
		}
	}
	return false
}

func TestListPagesWithACursor(t *testing.T) {
	applicant := uniqueApplicant()
	body := filing(t, applicant)
	for range 3 {
		call(t, http.MethodPost, "/dossiers", portal, body, "Idempotency-Key", key(t)).must(t, 201)
	}
	seen := map[string]bool{}
	path := "/dossiers?limit=2&applicant=" + applicant
	for pages := 0; ; pages++ {
		r := call(t, http.MethodGet, path, supervisor, nil).must(t, 200)
		for _, d := range r.body["dossiers"].([]any) {
			seen[d.(map[string]any)["code"].(string)] = true
		}
		next := r.str("next")
		if next == "" {
			break
		}
		if pages > 3 {
			t.Fatal("too many pages")
		}
		path = "/dossiers?limit=2&applicant=" + applicant + "&cursor=" + next
	}
	if len(seen) != 3 {
		t.Errorf("saw %d dossiers over the pages, want 3", len(seen))
	}
}
