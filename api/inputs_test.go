package api_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/motcua/motcua/embedded"
	"github.com/motcua/motcua/gateway"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/store"
)

// problem checks an answer is an RFC 9457 problem with the status, naming
// the location when one is given.
func problem(t *testing.T, r response, status int, loc string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.raw)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("Content-Type %q", ct)
	}
	if loc != "" && !hasLocation(r, loc) {
		t.Errorf("no error at %s: %s", loc, r.raw)
	}
	if strings.Contains(r.raw, "goroutine") || strings.Contains(r.raw, ".go:") {
		t.Errorf("leaks internals: %s", r.raw)
	}
}

func TestBadInputsGetClearAnswers(t *testing.T) {
	good := func() map[string]any { return filing(t, "042090001234") }
	post := func(token string, body any) response {
		return call(t, http.MethodPost, "/dossiers", token, body, "Idempotency-Key", key(t))
	}
	t.Run("malformed JSON", func(t *testing.T) {
		r := post(portal, `{"procedure": "2.000488",`)
		if r.status != 400 && r.status != 422 {
			t.Fatalf("status %d: %s", r.status, r.raw)
		}
		problem(t, r, r.status, "")
	})
	t.Run("unknown field", func(t *testing.T) {
		b := good()
		b["colour"] = "blue"
		problem(t, post(portal, b), 422, "body.colour")
	})
	t.Run("wrong type", func(t *testing.T) {
		b := good()
		b["channel"] = 5
		problem(t, post(portal, b), 422, "body.channel")
	})
	t.Run("wrong input type", func(t *testing.T) {
		b := good()
		b["inputs"] = map[string]any{"certificates": "many"}
		problem(t, post(portal, b), 422, "body.inputs.certificates")
	})
	t.Run("missing required component", func(t *testing.T) {
		b := good()
		b["components"] = b["components"].([]map[string]any)[:1]
		r := post(portal, b)
		problem(t, r, 422, "body.components")
		if !strings.Contains(r.raw, "giay_to_tuy_than") {
			t.Errorf("does not name the component: %s", r.raw)
		}
	})
	t.Run("unknown component", func(t *testing.T) {
		b := good()
		b["components"] = append(b["components"].([]map[string]any), map[string]any{"code": "so_ho_khau", "document": "x"})
		problem(t, post(portal, b), 422, "body.components[2].code")
	})
	t.Run("no idempotency key", func(t *testing.T) {
		problem(t, call(t, http.MethodPost, "/dossiers", portal, good()), 422, "header.Idempotency-Key")
	})
	t.Run("no token", func(t *testing.T) {
		problem(t, post("", good()), 401, "")
	})
	t.Run("bad token", func(t *testing.T) {
		problem(t, post("not-a-token-at-all", good()), 401, "")
	})
	t.Run("citizen filing for another", func(t *testing.T) {
		problem(t, post(citizenBinh, good()), 403, "body.applicant.id")
	})
	t.Run("officer of another agency files", func(t *testing.T) {
		b := good()
		b["channel"] = "counter"
		problem(t, post(officerXa, b), 403, "body.agency")
	})
	t.Run("channel not offered", func(t *testing.T) {
		b := good()
		b["channel"] = "postal"
		problem(t, post(portal, b), 422, "body.channel")
	})
}

func TestUploadsAreBoundedAndSniffed(t *testing.T) {
	// 5MB is the limit of to_khai; the declared type is ignored.
	big := append(pdf("big"), bytes.Repeat([]byte{' '}, 5<<20)...)
	problem(t, upload(t, portal, "2.000488", "to_khai", "big.pdf", big), 413, "body.file")
	problem(t, upload(t, portal, "2.000488", "to_khai", "fake.pdf", []byte("MZ\x90\x00 an executable in disguise")), 415, "body.file")
	problem(t, upload(t, portal, "2.000488", "so_ho_khau", "x.pdf", pdf("x")), 422, "body.component")
	// A body larger than any component takes is refused before it is read.
	req, _ := http.NewRequest(http.MethodPost, base+"/uploads", bytes.NewReader(make([]byte, 101<<20)))
	req.Header.Set("Authorization", "Bearer "+portal)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	problem(t, do(t, req), 413, "body")
}

func TestOfficersActOnlyOnTheirAgency(t *testing.T) {
	sub := call(t, http.MethodPost, "/dossiers", portal, filing(t, uniqueApplicant()), "Idempotency-Key", key(t)).must(t, 201)
	code := sub.str("code")
	problem(t, call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerXa, map[string]any{}), 403, "")
	problem(t, call(t, http.MethodGet, "/dossiers/"+code, officerXa, nil), 403, "")
	problem(t, call(t, http.MethodGet, "/dossiers/"+code, citizenBinh, nil), 403, "")
	// A citizen may not act as an officer, even on their own dossier.
	problem(t, call(t, http.MethodPost, "/dossiers/"+code+"/accept", citizenAn, map[string]any{}), 403, "")
	// An action the stage does not allow is a conflict, in plain words.
	waitStage(t, officerTinh, code, "in_review")
	r := call(t, http.MethodPost, "/dossiers/"+code+"/approve", officerTinh, map[string]any{})
	problem(t, r, 409, "")
	if !strings.Contains(r.str("detail"), "cannot approve") {
		t.Errorf("detail = %q", r.str("detail"))
	}
	problem(t, call(t, http.MethodGet, "/dossiers/NO-SUCH-CODE", supervisor, nil), 404, "")
}

func TestPaymentCallbacksMustBeSignedAndApplyOnce(t *testing.T) {
	sub := call(t, http.MethodPost, "/dossiers", portal, filing(t, uniqueApplicant()), "Idempotency-Key", key(t)).must(t, 201)
	code := sub.str("code")
	waitStage(t, officerTinh, code, "in_review")
	call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerTinh, map[string]any{}).must(t, 200)
	fee := sub.body["quote"].(map[string]any)["total"].(float64)
	body := []byte(`{"tx_id":"TX-` + code + `","dossier":"` + code + `","amount":` + strconv.FormatFloat(fee, 'f', -1, 64) + `,"success":true}`)
	send := func(sig string) response {
		req, _ := http.NewRequest(http.MethodPost, base+"/payments/callback", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(gateway.SignatureHeader, sig)
		return do(t, req)
	}
	problem(t, send(gateway.Sign([]byte("a guessed secret"), body)), 401, "header.X-Motcua-Signature")
	first := send(gateway.Sign([]byte("test-payment-secret"), body)).must(t, 200)
	second := send(gateway.Sign([]byte("test-payment-secret"), body)).must(t, 200)
	// Both answers say the dossier took the money: the second delivery is
	// the same payment, kept once.
	if first.body["applied"] != true || second.body["applied"] != true || second.str("state") != "applied" {
		t.Errorf("first %s, second %s", first.raw, second.raw)
	}
	settled(t, code, money.VND(fee), 0)
	st := outcome(t, supervisor, code)
	if n := len(st["payments"].([]any)); n != 1 {
		t.Errorf("%d payments, want 1", n)
	}
}

// A paper filing during a paperless pilot is refused, naming the channel.
// The pilot ran in 2024, before the unit filed at existed.
func TestPaperFilingInAPaperlessPilot(t *testing.T) {
	srv := svc.API()
	srv.Now = func() time.Time { return time.Date(2024, 3, 4, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)) }
	h := httptest.NewServer(srv.Handler())
	defer h.Close()
	body := `{"procedure":"1.004194","agency":"ubnd-xa-thach-ha","channel":"counter",
		"applicant":{"id":"042185005678","name":"Trần Thị Bình"},"inputs":{"own_home":true},
		"components":[{"code":"to_khai"},{"code":"cho_o_hop_phap"}]}`
	req, _ := http.NewRequest(http.MethodPost, h.URL+"/dossiers", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+officerXa)
	req.Header.Set("Idempotency-Key", "paperless-pilot-1")
	r := do(t, req)
	problem(t, r, 422, "body.channel")
	// Xã Thạch Hà was formed in 2025: the filing is wrong in its unit too,
	// and hears of both at once.
	if !hasLocation(r, "body.agency") {
		t.Errorf("no error at body.agency: %s", r.raw)
	}
	if !strings.Contains(strings.ToLower(r.raw), "paper") {
		t.Errorf("does not say why: %s", r.raw)
	}
}

// With Temporal out of reach the API answers 503 with Retry-After, and
// the submission can be retried with the same key.
func TestTemporalUnreachableIs503(t *testing.T) {
	port, _ := embedded.FreePort("127.0.0.1")
	dead, err := client.NewLazyClient(client.Options{HostPort: "127.0.0.1:" + strconv.Itoa(port), Namespace: "default",
		ConnectionOptions: client.ConnectionOptions{}})
	if err != nil {
		t.Fatal(err)
	}
	defer dead.Close()
	srv := svc.API()
	srv.Temporal = dead
	srv.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv.ActionTimeout = 2 * time.Second
	h := httptest.NewServer(srv.Handler())
	defer h.Close()
	b := filing(t, uniqueApplicant())
	k := key(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, h.URL+"/dossiers", jsonBody(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+portal)
	req.Header.Set("Idempotency-Key", k)
	r := do(t, req)
	problem(t, r, 503, "")
	if r.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	// The same submission on the live API goes through, under the same key.
	call(t, http.MethodPost, "/dossiers", portal, b, "Idempotency-Key", k).must(t, 201)
	rr := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rr, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rr.Code != 503 {
		t.Errorf("readyz = %d with Temporal away", rr.Code)
	}
}

// A payment that reaches a dossier only after it closed (withdrawn before
// the gateway's callback got through) is acknowledged to the gateway and
// refunded.
func TestAPaymentForAClosedDossierIsRefunded(t *testing.T) {
	sub := call(t, http.MethodPost, "/dossiers", portal, filing(t, uniqueApplicant()), "Idempotency-Key", key(t)).must(t, 201)
	code := sub.str("code")
	waitStage(t, officerTinh, code, "in_review")
	call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerTinh, map[string]any{}).must(t, 200)
	waitStage(t, portal, code, "awaiting_payment")
	call(t, http.MethodPost, "/dossiers/"+code+"/withdraw", portal, map[string]any{"reason": "Không cần nữa"}).must(t, 200)
	waitClosed(t, code)
	fee := sub.body["quote"].(map[string]any)["total"].(float64)
	body := []byte(`{"tx_id":"TX-LATE-` + code + `","dossier":"` + code + `","amount":` + strconv.FormatFloat(fee, 'f', -1, 64) + `,"success":true}`)
	send := func() response {
		req, _ := http.NewRequest(http.MethodPost, base+"/payments/callback", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(gateway.SignatureHeader, gateway.Sign([]byte("test-payment-secret"), body))
		return do(t, req)
	}
	// The gateway hears 200 at once, and the money goes back without
	// waiting for a redelivery.
	refused(t, send(), store.UnappliedAfterClosure)
	refused(t, send(), store.UnappliedAfterClosure)
	settled(t, code, 0, money.VND(fee))
}
