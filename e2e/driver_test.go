package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua/money"
)

// The demo tokens the containers accept.
const (
	portalToken     = "demo-portal-000000003"
	officerToken    = "demo-officer-xa-0004"
	supervisorToken = "demo-supervisor-0007"
	procedure       = "1.004194" // permanent residence: online, fee-bearing, three steps
)

// tally counts what the API answered, across every client.
type tally struct {
	requests, unavailable, noRetryAfter, serverErrors, transport, retries atomic.Int64
	mu                                                                    sync.Mutex
	firstServerError                                                      string
}

// driver speaks to the API as a portal, an officer and a gateway would,
// retrying what a real client retries: a refused connection, a timeout and
// a 503, after a pause. Anything else is an answer.
type driver struct {
	base   string
	client *http.Client
	tally  *tally
}

type answer struct {
	status int
	body   []byte
}

func (a answer) decode(v any) error { return json.Unmarshal(a.body, v) }

// send makes a request until it gets an answer other than "unavailable",
// and reports whether any attempt may have been applied without an answer.
func (d *driver) send(ctx context.Context, build func() (*http.Request, error)) (answer, bool, error) {
	ambiguous := false
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			d.tally.retries.Add(1)
			select {
			case <-ctx.Done():
				return answer{}, ambiguous, ctx.Err()
			case <-time.After(time.Duration(500+rand.IntN(1000)) * time.Millisecond):
			}
		}
		req, err := build()
		if err != nil {
			return answer{}, ambiguous, err
		}
		d.tally.requests.Add(1)
		res, err := d.client.Do(req.WithContext(ctx))
		if err != nil {
			if ctx.Err() != nil {
				return answer{}, ambiguous, ctx.Err()
			}
			d.tally.transport.Add(1)
			ambiguous = true
			continue
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		switch {
		case res.StatusCode == http.StatusServiceUnavailable:
			d.tally.unavailable.Add(1)
			if _, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil {
				d.tally.noRetryAfter.Add(1)
			}
			ambiguous = true
			continue
		case res.StatusCode >= 500:
			d.tally.serverErrors.Add(1)
			d.tally.mu.Lock()
			if d.tally.firstServerError == "" {
				d.tally.firstServerError = fmt.Sprintf("%s %s: %d %s", req.Method, req.URL.Path, res.StatusCode, body)
			}
			d.tally.mu.Unlock()
			ambiguous = true
			continue
		}
		return answer{res.StatusCode, body}, ambiguous, nil
	}
}

func (d *driver) json(ctx context.Context, method, path, token string, body any, headers ...string) (answer, bool, error) {
	b, _ := json.Marshal(body)
	return d.send(ctx, func() (*http.Request, error) {
		var r io.Reader
		if body != nil {
			r = bytes.NewReader(b)
		}
		req, err := http.NewRequest(method, d.base+path, r)
		if err != nil {
			return nil, err
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		return req, nil
	})
}

// upload stores a file; files are kept under their hash, so a retry
// stores nothing twice.
// The portal uploads what it files; the officer, the result.
func (d *driver) upload(ctx context.Context, token, component string, content []byte) (string, error) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("procedure", procedure)
	mw.WriteField("component", component)
	fw, _ := mw.CreateFormFile("file", component+".pdf")
	fw.Write(content)
	mw.Close()
	a, _, err := d.send(ctx, func() (*http.Request, error) {
		req, err := http.NewRequest(http.MethodPost, d.base+"/uploads", bytes.NewReader(b.Bytes()))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+token)
		return req, nil
	})
	if err != nil {
		return "", err
	}
	if a.status != http.StatusCreated && a.status != http.StatusOK {
		return "", fmt.Errorf("upload %s: %d %s", component, a.status, a.body)
	}
	var out struct{ ID string }
	return out.ID, a.decode(&out)
}

func pdf(label string) []byte {
	return fmt.Appendf(nil, "%%PDF-1.7\n%% %s\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n", label)
}

// view is what the test reads back of a dossier.
type view struct {
	Record struct {
		Stage   string `json:"stage"`
		Outcome string `json:"outcome"`
	} `json:"record"`
	State *struct {
		Quote struct {
			Total money.VND `json:"total"`
		} `json:"quote"`
		Stage    string `json:"stage"`
		Outcome  string `json:"outcome"`
		Payments []struct {
			TxID string `json:"tx_id"`
		} `json:"payments"`
		Steps []struct {
			Code string    `json:"code"`
			Done time.Time `json:"done"`
		} `json:"steps"`
	} `json:"state"`
	Timeline []struct {
		Action string `json:"action"`
	} `json:"timeline"`
	Files    []json.RawMessage `json:"files"`
	Payments []struct {
		TxID    string    `json:"tx_id"`
		Amount  money.VND `json:"amount"`
		Success bool      `json:"success"`
		State   string    `json:"state"`
		Reason  string    `json:"reason"`
	} `json:"payments"`
	Refunds []struct {
		TxID   string    `json:"tx_id"`
		Amount money.VND `json:"amount"`
	} `json:"refunds"`
}

// fee is what the dossier must pay.
func (v view) fee() money.VND {
	if v.State == nil {
		return 0
	}
	return v.State.Quote.Total
}

// settle waits until no dossier's money is still being decided or paid
// back: refunds of money no dossier took run on their own.
func (d *driver) settle(ctx context.Context, t *testing.T, codes []string) {
	deadline := time.Now().Add(3 * time.Minute)
	for _, code := range codes {
		for {
			v, err := d.view(ctx, code)
			if err != nil {
				t.Fatalf("reading %s: %v", code, err)
			}
			busy := false
			for _, p := range v.Payments {
				busy = busy || p.State == "received" || p.State == "refund_pending"
			}
			if !busy {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the money of %s never settled: %+v", code, v.Payments)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
}

func (v view) stage() string {
	if v.State != nil {
		return v.State.Stage
	}
	return v.Record.Stage
}

func (v view) count(action string) int {
	n := 0
	for _, e := range v.Timeline {
		if e.Action == action {
			n++
		}
	}
	return n
}

func (d *driver) view(ctx context.Context, code string) (view, error) {
	a, _, err := d.json(ctx, http.MethodGet, "/dossiers/"+code, supervisorToken, nil)
	if err != nil {
		return view{}, err
	}
	if a.status != http.StatusOK {
		return view{}, fmt.Errorf("GET /dossiers/%s: %d %s", code, a.status, a.body)
	}
	var v view
	return v, a.decode(&v)
}

// act performs an officer's action. When an earlier attempt may have been
// applied without an answer, a refusal is checked against the dossier:
// done is what the action leaves behind.
func (d *driver) act(ctx context.Context, code, action string, body any, done func(view) bool) error {
	a, ambiguous, err := d.json(ctx, http.MethodPost, "/dossiers/"+code+"/"+action, officerToken, body)
	if err != nil {
		return err
	}
	if a.status == http.StatusOK {
		return nil
	}
	if ambiguous && (a.status == http.StatusConflict || a.status == http.StatusUnprocessableEntity) {
		v, err := d.view(ctx, code)
		if err == nil && done(v) {
			return nil
		}
	}
	return fmt.Errorf("%s %s: %d %s", action, code, a.status, a.body)
}

// waitFor polls the dossier until ok holds.
func (d *driver) waitFor(ctx context.Context, code string, ok func(view) bool) (view, error) {
	for {
		v, err := d.view(ctx, code)
		if err == nil && ok(v) {
			return v, nil
		}
		select {
		case <-ctx.Done():
			return v, fmt.Errorf("dossier %s stayed %s: %w", code, v.stage(), ctx.Err())
		case <-time.After(300 * time.Millisecond):
		}
	}
}
