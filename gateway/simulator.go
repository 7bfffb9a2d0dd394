package gateway

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/motcua/motcua/money"
)

// Simulator is a payment gateway for the embedded default: it opens
// payments, completes or fails them on request, and delivers each outcome
// as a signed callback over HTTP, exactly as a real gateway would. Being a
// stand-in for a system outside motcua, it keeps its books in memory.
type Simulator struct {
	Secret      []byte
	CallbackURL string
	Client      *http.Client

	mu       sync.Mutex
	payments map[string]*SimPayment
	refunds  map[string]string // refund key → reference
}

// SimPayment is a payment opened at the simulator.
type SimPayment struct {
	TxID    string    `json:"tx_id"`
	Dossier string    `json:"dossier"`
	Amount  money.VND `json:"amount"`
	Status  string    `json:"status" enum:"pending,succeeded,failed"`
}

// NewSimulator returns a simulator that posts callbacks to callbackURL.
func NewSimulator(secret []byte, callbackURL string) *Simulator {
	return &Simulator{Secret: secret, CallbackURL: callbackURL, Client: http.DefaultClient,
		payments: map[string]*SimPayment{}, refunds: map[string]string{}}
}

// Open starts a payment for a dossier.
func (s *Simulator) Open(dossier string, amount money.VND) SimPayment {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := &SimPayment{TxID: "SIM-" + rand.Text()[:16], Dossier: dossier, Amount: amount, Status: "pending"}
	s.payments[p.TxID] = p
	return *p
}

// ErrUnknownPayment is a transaction the simulator never opened.
var ErrUnknownPayment = errors.New("no such payment at the simulated gateway")

// Finish completes or fails a payment and delivers the signed callback,
// returning the status motcua answered it with. Finishing a payment again
// delivers the same callback again, as gateways do when unsure.
func (s *Simulator) Finish(ctx context.Context, txID string, success bool) (int, error) {
	s.mu.Lock()
	p, ok := s.payments[txID]
	if ok && p.Status == "pending" {
		p.Status = map[bool]string{true: "succeeded", false: "failed"}[success]
	}
	var cb Callback
	if ok {
		cb = Callback{TxID: p.TxID, Dossier: p.Dossier, Amount: p.Amount, Success: p.Status == "succeeded", GatewayRef: "SIMREF-" + p.TxID}
	}
	s.mu.Unlock()
	if !ok {
		return 0, ErrUnknownPayment
	}
	return s.Deliver(ctx, cb)
}

// Deliver posts a signed callback.
func (s *Simulator) Deliver(ctx context.Context, cb Callback) (int, error) {
	body, err := json.Marshal(cb)
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.CallbackURL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(SignatureHeader, Sign(s.Secret, body))
	res, err := s.Client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("delivering the callback: %w", err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

// Refund returns money, once per key. It is the activities' Gateway.
func (s *Simulator) Refund(_ context.Context, key, txID string, amount money.VND) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ref, ok := s.refunds[key]; ok {
		return ref, nil
	}
	ref := fmt.Sprintf("SIMREFUND-%s-%d", txID, len(s.refunds)+1)
	s.refunds[key] = ref
	return ref, nil
}
