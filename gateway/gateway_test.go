package gateway

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestSignature(t *testing.T) {
	secret, body := []byte("s3cret"), []byte(`{"tx_id":"T1"}`)
	sig := Sign(secret, body)
	if !Verify(secret, body, sig) {
		t.Fatal("own signature refused")
	}
	for name, c := range map[string]struct {
		secret, body []byte
		sig          string
	}{
		"other body":   {secret, []byte(`{"tx_id":"T2"}`), sig},
		"other secret": {[]byte("guess"), body, sig},
		"no prefix":    {secret, body, sig[len("sha256="):]},
		"not hex":      {secret, body, "sha256=zz"},
		"empty":        {secret, body, ""},
	} {
		if Verify(c.secret, c.body, c.sig) {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestSimulatorDeliversSignedCallbacks(t *testing.T) {
	secret := []byte("s3cret")
	var got []Callback
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if !Verify(secret, b, r.Header.Get(SignatureHeader)) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var cb Callback
		json.Unmarshal(b, &cb)
		got = append(got, cb)
	}))
	defer srv.Close()
	sim := NewSimulator(secret, srv.URL)
	p := sim.Open("D1", 200000)
	for range 2 {
		status, err := sim.Finish(context.Background(), p.TxID, true)
		if err != nil || status != http.StatusOK {
			t.Fatalf("finish: %d %v", status, err)
		}
	}
	// A finished payment stays finished: failing it now re-sends success.
	if _, err := sim.Finish(context.Background(), p.TxID, false); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || !got[0].Success || !got[2].Success || got[0].Amount != 200000 || got[0].Dossier != "D1" {
		t.Errorf("callbacks = %+v", got)
	}
	if _, err := sim.Finish(context.Background(), "nope", true); err != ErrUnknownPayment {
		t.Errorf("unknown payment: %v", err)
	}
	r1, _ := sim.Refund(context.Background(), "k", p.TxID, 1)
	r2, _ := sim.Refund(context.Background(), "k", p.TxID, 1)
	if r1 != r2 {
		t.Errorf("refund twice: %s %s", r1, r2)
	}
}
