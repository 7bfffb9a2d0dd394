package api_test

import (
	"net/http"
	"path/filepath"
	"testing"

	"github.com/motcua/motcua/codec/codectest"
)

// A citizen whose name and ID number appear nowhere else in the tests.
const (
	privateName = "Đặng Thị Kín Đáo"
	privateID   = "079199004321"
)

// fileResidenceAs files permanent residence for someone, through the
// portal, and returns its code.
func fileResidenceAs(t *testing.T, id, name string) string {
	t.Helper()
	tk := upload(t, portal, "1.004194", "to_khai", "ct01.pdf", pdf("CT01 "+id)).must(t, 201)
	home := upload(t, portal, "1.004194", "cho_o_hop_phap", "so-do.pdf", pdf("so do "+id)).must(t, 201)
	return call(t, http.MethodPost, "/dossiers", portal, map[string]any{
		"procedure": "1.004194", "agency": "ubnd-xa-thach-ha", "channel": "online",
		"applicant": map[string]any{"id": id, "name": name},
		"inputs":    map[string]any{"own_home": true},
		"components": []map[string]any{{"code": "to_khai", "document": tk.str("id")},
			{"code": "cho_o_hop_phap", "document": home.str("id")}},
	}, "Idempotency-Key", key(t)).must(t, 201).str("code")
}

// Temporal's SQLite file, read byte by byte after a dossier went through
// filing, a supplement request that names the citizen, acceptance, a
// refused second acceptance and payment, holds neither the citizen's name nor their ID
// number: payloads and failure messages are sealed, and the search
// attributes carry none. motcua's own store, read the same way, does hold
// them, which shows the search would find them.
func TestTemporalsFilesHoldNoPersonalData(t *testing.T) {
	code := fileResidenceAs(t, privateID, privateName)
	waitStage(t, officerXa, code, "in_review")
	call(t, http.MethodPost, "/dossiers/"+code+"/request-supplement", officerXa, map[string]any{
		"reason": "Bà " + privateName + " (CCCD " + privateID + ") nộp lại sổ đỏ", "components": []string{"cho_o_hop_phap"}}).must(t, 200)
	waitStage(t, portal, code, "awaiting_supplement")
	clearer := upload(t, portal, "1.004194", "cho_o_hop_phap", "so-do.pdf", pdf("so do ro "+privateID)).must(t, 201)
	call(t, http.MethodPost, "/dossiers/"+code+"/supplement", portal, map[string]any{
		"components": []map[string]any{{"code": "cho_o_hop_phap", "document": clearer.str("id")}}}).must(t, 200)
	waitStage(t, officerXa, code, "in_review")
	call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerXa, map[string]any{}).must(t, 200)
	call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerXa, map[string]any{}).must(t, 409)
	waitStage(t, portal, code, "awaiting_payment")
	payOnline(t, portal, code)

	dir := svc.Config.DataDir
	if found, err := codectest.Leaks(filepath.Join(dir, "temporal"), privateName, privateID); err != nil || len(found) > 0 {
		t.Fatalf("Temporal's files hold personal data: %v %v", found, err)
	}
	if found, err := codectest.Leaks(dir, privateID); err != nil || len(found) == 0 {
		t.Fatalf("the search found the ID nowhere, not even in motcua's own store: %v", err)
	}
}
