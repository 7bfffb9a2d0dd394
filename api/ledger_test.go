package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/gateway"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/store"
)

// callback delivers a gateway's signed callback, as the gateway would.
func callback(t *testing.T, dossier, tx string, amount money.VND, success bool) response {
	t.Helper()
	body, _ := json.Marshal(gateway.Callback{TxID: tx, Dossier: dossier, Amount: amount, Success: success, GatewayRef: "REF-" + tx})
	return call(t, http.MethodPost, "/payments/callback", "", string(body),
		"X-Motcua-Signature", gateway.Sign([]byte("test-payment-secret"), body))
}

// refused asserts that the gateway heard 200 and that the money was not
// applied, for the reason.
func refused(t *testing.T, r response, reason string) {
	t.Helper()
	r.must(t, 200)
	if r.body["applied"] != false || r.str("reason") != reason {
		t.Errorf("want not applied (%s): %s", reason, r.raw)
	}
}

// settled waits until no money of the dossier is undecided or owed back,
// then checks that every đồng received is applied or refunded, and that
// the dossier's share is as wanted.
func settled(t *testing.T, dossier string, applied, refunded money.VND) {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(20 * time.Second)
	for {
		b, err := svc.Store.Balance(ctx, dossier)
		if err != nil {
			t.Fatal(err)
		}
		if b.RefundPending == 0 && b.Undecided == 0 {
			if !b.Balances() || b.Applied != applied || b.Refunded != refunded {
				t.Errorf("ledger of %s: %+v, want %s applied and %s refunded", dossier, b, applied, refunded)
			}
			all, _ := svc.Store.Balance(ctx, "")
			if all.Received != all.Applied+all.Refunded+all.RefundPending+all.Undecided {
				t.Errorf("the whole ledger does not add up: %+v", all)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("ledger of %s never settled: %+v", dossier, b)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// fileAndAccept files a criminal-record dossier (200.000 đ) without taking
// it further than the stage asked for.
func fileUntil(t *testing.T, label string, accept bool) string {
	t.Helper()
	toKhai := upload(t, citizenAn, "2.000488", "to_khai", "to-khai.pdf", pdf("to khai "+label)).must(t, 201).str("id")
	cccd := upload(t, citizenAn, "2.000488", "giay_to_tuy_than", "cccd.pdf", pdf("cccd "+label)).must(t, 201).str("id")
	code := call(t, http.MethodPost, "/dossiers", citizenAn, map[string]any{
		"procedure": "2.000488", "agency": "so-tu-phap-ha-tinh", "channel": "online",
		"applicant": map[string]any{"id": "042090001234", "name": "Nguyễn Văn An"},
		"inputs":    map[string]any{"certificates": 1},
		"components": []map[string]any{{"code": "to_khai", "document": toKhai},
			{"code": "giay_to_tuy_than", "document": cccd}},
	}, "Idempotency-Key", key(t)).must(t, 201).str("code")
	if accept {
		call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerTinh, map[string]any{}).must(t, 200)
		waitStage(t, citizenAn, code, "awaiting_payment")
	}
	return code
}

// Every payment a gateway reports is kept. Money the dossier does not take
// is refunded at once, without waiting for a redelivery, and after every
// case the ledger balances: received = applied + refunded + owed back.
func TestMoneyTheDossierRefusesIsKeptAndRefunded(t *testing.T) {
	code := fileUntil(t, "ledger", false)
	refused(t, callback(t, code, "TX-EARLY-"+code, 200000, true), store.UnappliedTooEarly)
	settled(t, code, 0, 200000)

	call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerTinh, map[string]any{}).must(t, 200)
	waitStage(t, citizenAn, code, "awaiting_payment")
	refused(t, callback(t, code, "TX-WRONG-"+code, 1000, true), store.UnappliedWrongAmount)
	settled(t, code, 0, 201000)

	// A failure, then a success of the same transaction: its line updated.
	r := callback(t, code, "TX-OK-"+code, 200000, false).must(t, 200)
	if r.body["applied"] != false || r.str("state") != "failed" {
		t.Errorf("a failed payment: %s", r.raw)
	}
	r = callback(t, code, "TX-OK-"+code, 200000, true).must(t, 200)
	if r.body["applied"] != true || r.str("state") != "applied" {
		t.Errorf("a success after a failure: %s", r.raw)
	}
	settled(t, code, 200000, 201000)
	if again := callback(t, code, "TX-OK-"+code, 200000, true).must(t, 200); again.body["applied"] != true {
		t.Errorf("the same success again: %s", again.raw)
	}

	refused(t, callback(t, code, "TX-TWICE-"+code, 200000, true), store.UnappliedDuplicate)
	settled(t, code, 200000, 401000)

	refused(t, callback(t, "NO-SUCH-DOSSIER", "TX-NOBODY-"+code, 75000, true), store.UnappliedUnknownDossier)
	settled(t, "NO-SUCH-DOSSIER", 0, 75000)

	// A gateway's transaction belongs to one dossier.
	other := fileUntil(t, "ledger-other", true)
	callback(t, other, "TX-OK-"+code, 200000, true).must(t, 409)

	// After closure: withdrawn, then paid.
	call(t, http.MethodPost, "/dossiers/"+other+"/withdraw", citizenAn, map[string]any{"reason": "không cần nữa"}).must(t, 200)
	waitClosed(t, other)
	refused(t, callback(t, other, "TX-LATE-"+other, 200000, true), store.UnappliedAfterClosure)
	settled(t, other, 0, 200000)

	// The finance office sees every unapplied payment, with its reason and refund.
	un, err := svc.Store.UnappliedPayments(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range un {
		if p.State != store.PaymentRefunded || p.RefundRef == "" {
			t.Errorf("unapplied but not refunded: %+v", p)
		}
		seen[p.Reason] = true
	}
	for _, reason := range []string{store.UnappliedTooEarly, store.UnappliedWrongAmount, store.UnappliedDuplicate,
		store.UnappliedUnknownDossier, store.UnappliedAfterClosure} {
		if !seen[reason] {
			t.Errorf("no refunded payment for %s: %+v", reason, un)
		}
	}
}

// A counter receipt number is unique at its agency: another dossier of the
// same agency cannot use it, and money the dossier refuses at the counter
// is recorded and refunded there.
func TestCounterReceiptsAreUniquePerAgency(t *testing.T) {
	a := fileUntil(t, "counter-a", true)
	b := fileUntil(t, "counter-b", true)
	receipt := "BL-" + a
	call(t, http.MethodPost, "/dossiers/"+a+"/counter-payment", officerTinh, map[string]any{"receipt_no": receipt, "amount": 200000}).must(t, 200)
	r := call(t, http.MethodPost, "/dossiers/"+b+"/counter-payment", officerTinh, map[string]any{"receipt_no": receipt, "amount": 200000}).must(t, 409)
	if !strings.Contains(r.raw, a) {
		t.Errorf("the conflict does not name the dossier holding the receipt: %s", r.raw)
	}
	// The same receipt again for the same dossier: answered as before.
	call(t, http.MethodPost, "/dossiers/"+a+"/counter-payment", officerTinh, map[string]any{"receipt_no": receipt, "amount": 200000}).must(t, 200)
	settled(t, a, 200000, 0)
	// Paid twice at the counter: the second receipt is refunded there.
	call(t, http.MethodPost, "/dossiers/"+a+"/counter-payment", officerTinh, map[string]any{"receipt_no": receipt + "-2", "amount": 200000}).must(t, 409)
	settled(t, a, 200000, 200000)
	call(t, http.MethodPost, "/dossiers/"+b+"/counter-payment", officerTinh, map[string]any{"receipt_no": "BL-" + b, "amount": 200000}).must(t, 200)
	settled(t, b, 200000, 0)
}
