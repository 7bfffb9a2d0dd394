package api_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// A large body of unknown keys, sent with no token, costs a few hundred
// bytes to answer: it is refused before it is read.
func TestAnonymousBodiesAreRefusedBeforeTheyAreRead(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range 200 {
		fmt.Fprintf(&b, "%q:%q,", fmt.Sprintf("k%d", i), strings.Repeat("x", 4500))
	}
	b.WriteString(`"procedure":"2.000488"}`)
	r := call(t, http.MethodPost, "/dossiers", "", b.String(), "Idempotency-Key", key(t))
	problem(t, r, 401, "header.Authorization")
	if len(r.raw) > 2048 || r.header.Get("WWW-Authenticate") == "" {
		t.Errorf("a %d-byte answer to an anonymous request, WWW-Authenticate %q", len(r.raw), r.header.Get("WWW-Authenticate"))
	}
	// With a token, a body past the filing's limit is refused as too large.
	problem(t, call(t, http.MethodPost, "/dossiers", portal, b.String(), "Idempotency-Key", key(t)), 413, "")
}

// An answer to bad input is bounded: errors are capped and values cut.
func TestErrorAnswersAreBounded(t *testing.T) {
	body := filing(t, uniqueApplicant())
	for i := range 200 {
		body[fmt.Sprintf("unknown_%d", i)] = strings.Repeat("y", 1000)
	}
	r := call(t, http.MethodPost, "/dossiers", portal, body, "Idempotency-Key", key(t))
	problem(t, r, 422, "")
	if len(r.raw) > 8<<10 {
		t.Errorf("a %d-byte answer to a 200 KB body", len(r.raw))
	}
	if !strings.Contains(r.raw, "more errors") {
		t.Errorf("does not say that more errors were left out: %.300s", r.raw)
	}
}

// No text a client sends can grow a workflow's payload past Temporal's
// limits: every text has a length limit, and the answer names the field.
func TestTextsHaveLimits(t *testing.T) {
	code := fileUntil(t, "limits", false)
	problem(t, call(t, http.MethodPost, "/dossiers/"+code+"/withdraw", citizenAn, map[string]any{"reason": strings.Repeat("r", 3000)}), 422, "body.reason")
	problem(t, call(t, http.MethodPost, "/dossiers/"+code+"/withdraw", citizenAn, map[string]any{"reason": strings.Repeat("r", 1<<20)}), 413, "")
	// The dossier is unharmed: it still takes an action.
	call(t, http.MethodPost, "/dossiers/"+code+"/withdraw", citizenAn, map[string]any{"reason": "đổi ý"}).must(t, 200)
}

// multipartBody is an upload form for a component with a file of size n.
func multipartBody(procedure, component string, n int) (*bytes.Buffer, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("procedure", procedure)
	mw.WriteField("component", component)
	fw, _ := mw.CreateFormFile("file", "big.pdf")
	fw.Write([]byte("%PDF-1.7\n"))
	fw.Write(bytes.Repeat([]byte("0"), n))
	mw.Close()
	return &b, mw.FormDataContentType()
}

func TestUploadsAreBoundedBeforeTheyAreRead(t *testing.T) {
	// Anonymous: refused at once, whatever its size.
	body, ct := multipartBody("2.000488", "to_khai", 20<<20)
	req, _ := http.NewRequest(http.MethodPost, base+"/uploads", body)
	req.Header.Set("Content-Type", ct)
	problem(t, do(t, req), 401, "header.Authorization")

	// Named in the query, the component's own limit applies before the
	// body is read; chunked past the limit, it is cut off with 413.
	body, ct = multipartBody("2.000488", "to_khai", 12<<20)
	req, _ = http.NewRequest(http.MethodPost, base+"/uploads?procedure=2.000488&component=to_khai", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+citizenAn)
	problem(t, do(t, req), 413, "")
	body, ct = multipartBody("2.000488", "to_khai", 12<<20)
	req, _ = http.NewRequest(http.MethodPost, base+"/uploads", io.MultiReader(body)) // no length: chunked
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+citizenAn)
	if r := do(t, req); r.status != 413 {
		t.Errorf("a chunked upload past its limit: %d %.200s", r.status, r.raw)
	}
}

// A file one citizen uploaded cannot be filed in another's dossier.
func TestUploadsBelongToWhoeverUploadedThem(t *testing.T) {
	mine := upload(t, citizenAn, "2.000488", "to_khai", "tk.pdf", pdf("An's own tk")).must(t, 201).str("id")
	cccd := upload(t, citizenAn, "2.000488", "giay_to_tuy_than", "cccd.pdf", pdf("An's own cccd")).must(t, 201).str("id")
	binhs := upload(t, citizenBinh, "2.000488", "giay_to_tuy_than", "cccd.pdf", pdf("Bình's cccd")).must(t, 201).str("id")
	filing := func(token, applicant string, docs ...string) map[string]any {
		return map[string]any{"procedure": "2.000488", "agency": "so-tu-phap-ha-tinh", "channel": "online",
			"applicant": map[string]any{"id": applicant, "name": "Người nộp"}, "inputs": map[string]any{"certificates": 1},
			"components": []map[string]any{{"code": "to_khai", "document": docs[0]}, {"code": "giay_to_tuy_than", "document": docs[1]}}}
	}
	r := call(t, http.MethodPost, "/dossiers", citizenAn, filing(citizenAn, "042090001234", mine, binhs), "Idempotency-Key", key(t))
	problem(t, r, 403, "body.components[1].document")
	if !strings.Contains(r.raw, "giay_to_tuy_than") {
		t.Errorf("does not name the component: %s", r.raw)
	}
	// A portal files for An: An's uploads and its own, not Bình's.
	problem(t, call(t, http.MethodPost, "/dossiers", portal, filing(portal, "042090001234", mine, binhs), "Idempotency-Key", key(t)), 403, "body.components[1].document")
	call(t, http.MethodPost, "/dossiers", portal, filing(portal, "042090001234", mine, cccd), "Idempotency-Key", key(t)).must(t, 201)
}

// An action retried with its key gets the first answer; the same key with
// another body is refused.
func TestActionsAreIdempotentUnderTheirKey(t *testing.T) {
	code := fileUntil(t, "idempotent-action", false)
	k := key(t)
	first := call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerTinh, map[string]any{}, "Idempotency-Key", k).must(t, 200)
	again := call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerTinh, map[string]any{}, "Idempotency-Key", k).must(t, 200)
	if again.str("stage") != first.str("stage") || again.header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("first %s, again %s (replayed %q)", first.raw, again.raw, again.header.Get("Idempotent-Replayed"))
	}
	// Without the key, the same action is refused: the dossier moved on.
	problem(t, call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerTinh, map[string]any{}), 409, "")
	problem(t, call(t, http.MethodPost, "/dossiers/"+code+"/accept", officerTinh, map[string]any{"note": "khác"}, "Idempotency-Key", k), 422, "header.Idempotency-Key")
	// A withdrawal that closes the dossier, retried after it closed, is
	// still answered as the first time.
	wk := key(t)
	call(t, http.MethodPost, "/dossiers/"+code+"/withdraw", citizenAn, map[string]any{"reason": "đổi ý"}, "Idempotency-Key", wk).must(t, 200)
	waitClosed(t, code)
	if r := call(t, http.MethodPost, "/dossiers/"+code+"/withdraw", citizenAn, map[string]any{"reason": "đổi ý"}, "Idempotency-Key", wk); r.status != 200 || r.str("stage") != "closed" {
		t.Errorf("the withdrawal retried after closing: %d %s", r.status, r.raw)
	}
}
