package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/workflows"
)

// steps completes every processing step in order.
func steps(t *testing.T, token, code string, steps [][2]string) {
	t.Helper()
	for _, s := range steps {
		call(t, http.MethodPost, "/dossiers/"+code+"/complete-step", token, map[string]any{"step": s[0], "role": s[1]}).must(t, 200)
	}
}

// payOnline pays a dossier's fee through the simulated gateway, whose
// signed callback reaches the API over HTTP.
func payOnline(t *testing.T, token, code string) string {
	t.Helper()
	p := call(t, http.MethodPost, "/simulator/payments", token, map[string]any{"dossier": code}).must(t, 201)
	tx := p.str("tx_id")
	r := call(t, http.MethodPost, "/simulator/payments/"+tx+"/complete", token, nil).must(t, 200)
	if s := r.body["callback_status"].(float64); s != 200 {
		t.Fatalf("the callback was answered %v", s)
	}
	return tx
}

func outcome(t *testing.T, token, code string) map[string]any {
	t.Helper()
	r := call(t, http.MethodGet, "/dossiers/"+code, token, nil).must(t, 200)
	return r.body["state"].(map[string]any)
}

// criminalRecord files a criminal record certificate (province) online as
// the citizen An, with two uploads; the officer accepts it; An pays through
// the gateway; it is processed, approved with a digitized result and
// returned online. label makes its files its own.
type criminalRecord struct {
	code, tx, toKhai, cccd, result string
}

func fileCriminalRecord(t *testing.T, label string) criminalRecord {
	t.Helper()
	var c criminalRecord
	c.toKhai = upload(t, citizenAn, "2.000488", "to_khai", "to-khai.pdf", pdf("to khai An "+label)).must(t, 201).str("id")
	c.cccd = upload(t, citizenAn, "2.000488", "giay_to_tuy_than", "cccd.pdf", pdf("cccd An "+label)).must(t, 201).str("id")
	sub := call(t, http.MethodPost, "/dossiers", citizenAn, map[string]any{
		"procedure": "2.000488", "agency": "so-tu-phap-ha-tinh", "channel": "online",
		"applicant": map[string]any{"id": "042090001234", "name": "Nguyễn Văn An"},
		"inputs":    map[string]any{"certificates": 1},
		"components": []map[string]any{{"code": "to_khai", "document": c.toKhai},
			{"code": "giay_to_tuy_than", "document": c.cccd}},
	}, "Idempotency-Key", key(t)).must(t, 201)
	c.code = sub.str("code")
	if sub.header.Get("Location") != "/dossiers/"+c.code {
		t.Errorf("Location = %q", sub.header.Get("Location"))
	}
	waitStage(t, officerTinh, c.code, "in_review")
	call(t, http.MethodPost, "/dossiers/"+c.code+"/accept", officerTinh, map[string]any{}).must(t, 200)
	waitStage(t, citizenAn, c.code, "awaiting_payment")
	c.tx = payOnline(t, citizenAn, c.code)
	steps(t, officerTinh, c.code, [][2]string{{"tiep_nhan", "receiver"}, {"tra_cuu", "judicial_record_officer"},
		{"ky_phieu", "director"}, {"tra_ket_qua", "receiver"}})
	c.result = upload(t, officerTinh, "2.000488", "result", "phieu-lltp.pdf", pdf("phieu LLTP An "+label)).must(t, 201).str("id")
	call(t, http.MethodPost, "/dossiers/"+c.code+"/approve", officerTinh, map[string]any{"result": c.result}).must(t, 200)
	ack := call(t, http.MethodPost, "/dossiers/"+c.code+"/return-result", officerTinh, map[string]any{"via": "online"}).must(t, 200)
	if ack.str("stage") != "closed" {
		t.Errorf("after return: %s", ack.raw)
	}
	return c
}

func TestCriminalRecordFlow(t *testing.T) {
	c := fileCriminalRecord(t, "flow")
	code, tx := c.code, c.tx
	st := outcome(t, citizenAn, code)
	if st["outcome"] != "returned" {
		t.Errorf("outcome = %v", st["outcome"])
	}
	pays := st["payments"].([]any)
	if len(pays) != 1 || pays[0].(map[string]any)["tx_id"] != tx || pays[0].(map[string]any)["online"] != true {
		t.Errorf("payments = %v", pays)
	}
	// The record in the store says the same, for reports.
	rec := call(t, http.MethodGet, "/dossiers/"+code, supervisor, nil).must(t, 200).body["record"].(map[string]any)
	if rec["paid_online"] != true || rec["result_digitized"] != true || rec["stage"] != "closed" || rec["level"] != "province" {
		t.Errorf("record = %v", rec)
	}
}

// A building permit (at the commune since 1 July 2025): filed on paper at the counter by the
// officer, paid at the counter, digitized by scanning, processed and
// returned at the counter.
func TestBuildingPermitCounterFlow(t *testing.T) {
	sub := fileBuildingPermit(t)
	code := sub.str("code")
	fee := sub.body["quote"].(map[string]any)["total"].(float64)
	if fee != 75000 {
		t.Errorf("counter fee = %v, want the full 75000", fee)
	}
	waitStage(t, officerXa, code, "in_review")
	call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerXa, map[string]any{}).must(t, 200)
	waitStage(t, officerXa, code, "awaiting_payment")
	call(t, http.MethodPost, "/dossiers/"+code+"/counter-payment", officerXa, map[string]any{"receipt_no": "BL-" + code, "amount": fee}).must(t, 200)
	waitStage(t, officerXa, code, "digitizing")
	for _, c := range []string{"don", "giay_to_dat", "ban_ve"} {
		scan := upload(t, officerXa, "1.009994", c, c+".pdf", pdf("scan "+c+" "+code)).must(t, 201)
		call(t, http.MethodPost, "/dossiers/"+code+"/digitize", officerXa, map[string]any{"component": c, "document": scan.str("id")}).must(t, 200)
	}
	waitStage(t, officerXa, code, "processing")
	steps(t, officerXa, code, [][2]string{{"tiep_nhan", "receiver"}, {"tham_dinh", "construction_officer"},
		{"phe_duyet", "vice_chairman"}, {"tra_ket_qua", "receiver"}})
	result := upload(t, officerXa, "1.009994", "result", "gpxd.pdf", pdf("GPXD "+code)).must(t, 201)
	call(t, http.MethodPost, "/dossiers/"+code+"/approve", officerXa, map[string]any{"result": result.str("id")}).must(t, 200)
	call(t, http.MethodPost, "/dossiers/"+code+"/return-result", officerXa, map[string]any{"via": "counter"}).must(t, 200)
	st := outcome(t, officerXa, code)
	if st["outcome"] != "returned" || st["channel"] != "counter" {
		t.Errorf("state = %v %v", st["outcome"], st["channel"])
	}
	// The citizen sees the dossier filed for her.
	call(t, http.MethodGet, "/dossiers/"+code, citizenBinh, nil).must(t, 200)
}

// fileBuildingPermit files a building permit for Bình at the district's
// counter, on paper, as the officer Hoàng Văn Em.
func fileBuildingPermit(t *testing.T) response {
	t.Helper()
	return call(t, http.MethodPost, "/dossiers", officerXa, map[string]any{
		"procedure": "1.009994", "agency": "ubnd-xa-thach-ha", "channel": "counter",
		"applicant":  map[string]any{"id": "042185005678", "name": "Trần Thị Bình"},
		"inputs":     map[string]any{"floors": 3},
		"components": []map[string]any{{"code": "don"}, {"code": "giay_to_dat"}, {"code": "ban_ve"}},
	}, "Idempotency-Key", key(t)).must(t, 201)
}

// fileResidence files permanent residence (commune) online as the citizen
// Bình, with two uploads made distinct by label, and returns its code.
func fileResidence(t *testing.T, label string) string {
	t.Helper()
	tk := upload(t, citizenBinh, "1.004194", "to_khai", "ct01.pdf", pdf("CT01 Binh "+label)).must(t, 201)
	home := upload(t, citizenBinh, "1.004194", "cho_o_hop_phap", "so-do.pdf", pdf("so do Binh "+label)).must(t, 201)
	return call(t, http.MethodPost, "/dossiers", citizenBinh, map[string]any{
		"procedure": "1.004194", "agency": "ubnd-xa-thach-ha", "channel": "online",
		"applicant": map[string]any{"id": "042185005678", "name": "Trần Thị Bình"},
		"inputs":    map[string]any{"own_home": true},
		"components": []map[string]any{{"code": "to_khai", "document": tk.str("id")},
			{"code": "cho_o_hop_phap", "document": home.str("id")}},
	}, "Idempotency-Key", key(t)).must(t, 201).str("code")
}

// Permanent residence (commune): filed online, sent back for a
// supplement, supplemented, accepted, paid online and returned.
func TestResidenceSupplementFlow(t *testing.T) {
	code := fileResidence(t, "flow")
	waitStage(t, officerXa, code, "in_review")
	call(t, http.MethodPost, "/dossiers/"+code+"/request-supplement", officerXa, map[string]any{
		"reason": "Sổ đỏ chụp mờ, đề nghị nộp lại", "components": []string{"cho_o_hop_phap"}}).must(t, 200)
	waitStage(t, citizenBinh, code, "awaiting_supplement")
	clearer := upload(t, citizenBinh, "1.004194", "cho_o_hop_phap", "so-do-ro.pdf", pdf("so do Binh, ro")).must(t, 201)
	call(t, http.MethodPost, "/dossiers/"+code+"/supplement", citizenBinh, map[string]any{
		"components": []map[string]any{{"code": "cho_o_hop_phap", "document": clearer.str("id")}}}).must(t, 200)
	waitStage(t, officerXa, code, "in_review")
	call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerXa, map[string]any{}).must(t, 200)
	waitStage(t, citizenBinh, code, "awaiting_payment")
	payOnline(t, citizenBinh, code)
	steps(t, officerXa, code, [][2]string{{"tiep_nhan", "receiver"}, {"tham_dinh", "police_officer"}, {"phe_duyet", "chief"}})
	result := upload(t, officerXa, "1.004194", "result", "xac-nhan.pdf", pdf("xac nhan "+code)).must(t, 201)
	call(t, http.MethodPost, "/dossiers/"+code+"/approve", officerXa, map[string]any{"result": result.str("id")}).must(t, 200)
	call(t, http.MethodPost, "/dossiers/"+code+"/return-result", officerXa, map[string]any{"via": "online"}).must(t, 200)
	st := outcome(t, citizenBinh, code)
	if st["outcome"] != "returned" {
		t.Errorf("outcome = %v", st["outcome"])
	}
	// Filed, paid and returned online: the record says how the result went.
	rec := call(t, http.MethodGet, "/dossiers/"+code, citizenBinh, nil).must(t, 200).body["record"].(map[string]any)
	if rec["result_via"] != "online" {
		t.Errorf("the record's result_via = %v", rec["result_via"])
	}
	var actions []string
	for _, e := range st["timeline"].([]any) {
		actions = append(actions, e.(map[string]any)["action"].(string))
	}
	if !contains(actions, "supplement_requested") || !contains(actions, "supplemented") {
		t.Errorf("timeline = %v", actions)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Gateways deliver a callback again when unsure, even days later: one
// arriving after the dossier has closed is acknowledged, not refused, or
// the gateway would retry it for ever.
func TestACallbackRedeliveredAfterTheDossierClosedIsAcknowledged(t *testing.T) {
	c := fileCriminalRecord(t, "late callback")
	waitStage(t, citizenAn, c.code, "closed")
	waitClosed(t, c.code) // no update can reach it now
	again := call(t, http.MethodPost, "/simulator/payments/"+c.tx+"/complete", citizenAn, nil).must(t, 200)
	if status, _ := again.body["callback_status"].(float64); status != 200 {
		t.Fatalf("the late callback was answered %v", again.body["callback_status"])
	}
	v := call(t, http.MethodGet, "/dossiers/"+c.code, citizenAn, nil).must(t, 200)
	if payments, _ := v.body["payments"].([]any); len(payments) != 1 {
		t.Fatalf("the ledger has %d lines after a late callback", len(payments))
	}
}

// An action sent again after its first attempt closed the dossier, as a
// client does when the answer was lost, is told the dossier is closed: a
// conflict it can check against the dossier, not a 404 for a dossier that
// exists.
func TestAnActionOnAClosedDossierIsAConflict(t *testing.T) {
	c := fileCriminalRecord(t, "retried return")
	waitClosed(t, c.code)
	again := call(t, http.MethodPost, "/dossiers/"+c.code+"/return-result", officerTinh, map[string]any{"via": "online"})
	if again.status != http.StatusConflict || !strings.Contains(again.str("detail"), "is closed (returned)") {
		t.Fatalf("return-result again: %d %s", again.status, again.raw)
	}
	// Reading it still works, and says how it ended.
	if rec := call(t, http.MethodGet, "/dossiers/"+c.code, officerTinh, nil).must(t, 200).body["record"].(map[string]any); rec["outcome"] != "returned" {
		t.Errorf("record = %v", rec)
	}
}

// waitClosed waits until Temporal has closed the dossier's workflow.
func waitClosed(t *testing.T, code string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		d, err := svc.Temporal.DescribeWorkflowExecution(context.Background(), workflows.WorkflowID(code), "")
		if err == nil && d.GetWorkflowExecutionInfo().GetCloseTime() != nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the workflow of %s did not close: %v", code, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
