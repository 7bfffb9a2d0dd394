package reconcile_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/motcua/motcua/gateway/paygov"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/reconcile"
	"github.com/motcua/motcua/service"
	"github.com/motcua/motcua/service/servicetest"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/workflows"
)

// payRig is a whole motcua that takes payments through the national
// payment platform, simulated, over real HTTP.
type payRig struct {
	t    *testing.T
	svc  *service.Service
	base string
	n    int
}

func (r *payRig) call(method, path, token string, body any) (int, map[string]any) {
	r.t.Helper()
	var rd io.Reader
	if b, ok := body.([]byte); ok {
		rd = bytes.NewReader(b)
	} else if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, r.base+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if method == http.MethodPost && path == "/dossiers" {
		r.n++
		req.Header.Set("Idempotency-Key", fmt.Sprintf("%s-%d-%d", r.t.Name(), time.Now().UnixNano(), r.n))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(res.Body)
	json.Unmarshal(raw, &out)
	if out == nil {
		out = map[string]any{"raw": string(raw)}
	}
	return res.StatusCode, out
}

func (r *payRig) upload(component string) string {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("procedure", "2.000488")
	mw.WriteField("component", component)
	fw, _ := mw.CreateFormFile("file", component+".pdf")
	fmt.Fprintf(fw, "%%PDF-1.7\n%% %s %d\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n", component, time.Now().UnixNano())
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, r.base+"/uploads", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer demo-portal-000000003")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct{ ID string }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != 201 {
		r.t.Fatalf("upload: %d %v", res.StatusCode, err)
	}
	return out.ID
}

// accepted files a criminal record request online and has the officer
// accept it, so that it awaits its fee.
func (r *payRig) accepted() string {
	r.t.Helper()
	return r.accept(r.filed())
}

// filed files a criminal record request online, which awaits review.
func (r *payRig) filed() string {
	r.t.Helper()
	status, out := r.call(http.MethodPost, "/dossiers", "demo-portal-000000003", map[string]any{
		"procedure": "2.000488", "agency": "so-tu-phap-ha-tinh", "channel": "online",
		"applicant": map[string]any{"id": "042090001234", "name": "Nguyễn Văn An"}, "inputs": map[string]any{"certificates": 1},
		"components": []map[string]any{{"code": "to_khai", "document": r.upload("to_khai")},
			{"code": "giay_to_tuy_than", "document": r.upload("giay_to_tuy_than")}}})
	if status != 201 {
		r.t.Fatalf("filing: %d %v", status, out)
	}
	return out["code"].(string)
}

// accept has the officer accept the dossier, once its workflow has
// received it, so that it awaits its fee.
func (r *payRig) accept(code string) string {
	r.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		status, out := r.call(http.MethodPost, "/dossiers/"+code+"/accept", "demo-officer-tinh-0005", map[string]any{})
		if status == 200 {
			return code
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("%s was never accepted: %d %v", code, status, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// order opens the dossier's payment at the platform and returns its
// reference and the URL where the citizen pays.
func (r *payRig) order(code string) (string, string) {
	r.t.Helper()
	status, out := r.call(http.MethodPost, "/payments/orders", "demo-portal-000000003", map[string]any{"dossier": code})
	if status != 201 || !strings.HasPrefix(out["url"].(string), r.base+"/paygov-simulator/pay/") {
		r.t.Fatalf("opening the payment: %d %v", status, out)
	}
	return out["reference"].(string), out["url"].(string)
}

// pay is the citizen paying at the platform's page.
func (r *payRig) pay(url string, success bool) []any {
	r.t.Helper()
	outcome := map[bool]string{true: "success", false: "fail"}[success]
	status, out := r.call(http.MethodPost, strings.TrimPrefix(url, r.base)+"/"+outcome, "", nil)
	if status != 200 {
		r.t.Fatalf("paying: %d %v", status, out)
	}
	st, _ := out["callback_statuses"].([]any)
	return st
}

// payments lists the payments the dossier took; its view lists failed
// attempts too, which took nothing.
func (r *payRig) payments(code string) []any {
	_, out := r.call(http.MethodGet, "/dossiers/"+code, "demo-supervisor-0007", nil)
	all, _ := out["payments"].([]any)
	var took []any
	for _, p := range all {
		if m := p.(map[string]any); m["success"] == true && m["state"] == "applied" {
			took = append(took, p)
		}
	}
	return took
}

func (r *payRig) order2(ref string) store.Order {
	o, err := r.svc.Store.Order(context.Background(), ref)
	if err != nil {
		r.t.Fatal(err)
	}
	return o
}

func (r *payRig) reconcileAt(at time.Time) reconcile.PlatformSummary {
	r.t.Helper()
	api := r.svc.API()
	p := &reconcile.Platform{Store: r.svc.Store, Client: r.svc.Platform, Now: func() time.Time { return at },
		Settle: func(ctx context.Context, ref, tx string, amount money.VND, success bool, bank string) error {
			_, err := api.SettlePlatform(ctx, ref, tx, amount, success, bank)
			return err
		}}
	sum, err := p.Run(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	return sum
}

func TestTheNationalPaymentPlatform(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Temporal server")
	}
	svc, base, stop := servicetest.Start(func(c *service.Config) { c.PaymentGateway = "paygov" })
	defer stop()
	r := &payRig{t: t, svc: svc, base: base}
	sim := svc.PlatformSimulator

	t.Run("a lost callback is settled by QUERY", func(t *testing.T) {
		r.t = t
		code := r.accepted()
		ref, url := r.order(code)
		sim.Lose(1)
		if st := r.pay(url, true); len(st) != 0 {
			t.Fatalf("the callback was not lost: %v", st)
		}
		if n := len(r.payments(code)); n != 0 {
			t.Fatalf("paid with no callback: %d payments", n)
		}
		// Younger than 30 minutes, it may still get its callback: not asked.
		if sum := r.reconcileAt(time.Now()); sum.Asked != 0 {
			t.Errorf("asked too early: %s", sum)
		}
		if sum := r.reconcileAt(time.Now().Add(time.Hour)); sum.Paid != 1 || sum.Asked != 1 {
			t.Fatalf("the reconciliation: %s", sum)
		}
		if p := r.payments(code); len(p) != 1 || p[0].(map[string]any)["online"] != true {
			t.Errorf("the dossier's payments: %v", p)
		}
		if o := r.order2(ref); o.State != store.OrderPaid || o.TxID == "" {
			t.Errorf("the order: %+v", o)
		}
		// Older than three days, it is left to a person.
		if sum := r.reconcileAt(time.Now().Add(73 * time.Hour)); sum.Asked != 0 {
			t.Errorf("asked about an old payment: %s", sum)
		}
	})

	t.Run("a callback twice and a stale failure after it", func(t *testing.T) {
		r.t = t
		code := r.accepted()
		ref, url := r.order(code)
		sim.Twice(true)
		sim.Stale(true)
		defer sim.Twice(false)
		defer sim.Stale(false)
		st := r.pay(url, true)
		if len(st) != 4 {
			t.Fatalf("callbacks answered: %v", st)
		}
		for _, s := range st {
			if s.(float64) != 200 {
				t.Errorf("a callback answered %v", st)
			}
		}
		if p := r.payments(code); len(p) != 1 {
			t.Errorf("the dossier took %d payments: %v", len(p), p)
		}
		if o := r.order2(ref); o.State != store.OrderPaid {
			t.Errorf("the stale failure undid the payment: %+v", o)
		}
		bal, err := svc.Store.Balance(context.Background(), code)
		if err != nil || !bal.Balances() {
			t.Errorf("the ledger: %+v %v", bal, err)
		}
	})

	t.Run("a payment held pending, then failed", func(t *testing.T) {
		r.t = t
		code := r.accepted()
		ref, url := r.order(code)
		sim.Hold(true)
		r.pay(url, true)
		sim.Hold(false)
		if sum := r.reconcileAt(time.Now().Add(time.Hour)); sum.Pending != 1 {
			t.Fatalf("the reconciliation: %s", sum)
		}
		if err := sim.Release(ref, false); err != nil {
			t.Fatal(err)
		}
		if sum := r.reconcileAt(time.Now().Add(2 * time.Hour)); sum.Failed != 1 {
			t.Fatalf("the reconciliation: %s", sum)
		}
		if o := r.order2(ref); o.State != store.OrderFailed {
			t.Errorf("the order: %+v", o)
		}
		if p := r.payments(code); len(p) != 0 {
			t.Errorf("a failed payment was taken: %v", p)
		}
	})

	t.Run("a payment the platform could not open", func(t *testing.T) {
		r.t = t
		code := r.accepted()
		url := svc.Platform.URL
		svc.Platform.URL = "http://127.0.0.1:1"
		status, out := r.call(http.MethodPost, "/payments/orders", "demo-portal-000000003", map[string]any{"dossier": code})
		svc.Platform.URL = url
		if status != 503 {
			t.Fatalf("opening with the platform away: %d %v", status, out)
		}
		// Nothing is left pending for the reconciliation to ask about.
		if sum := r.reconcileAt(time.Now().Add(time.Hour)); sum.Asked != 0 {
			t.Errorf("the reconciliation asked about an order never opened: %s", sum)
		}
	})

	t.Run("the scheduled run, through Temporal", func(t *testing.T) {
		run, err := svc.Temporal.ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{
			ID: "payment-reconcile-test", TaskQueue: workflows.TaskQueue}, workflows.PaymentReconcileName)
		if err != nil {
			t.Fatal(err)
		}
		var summary string
		if err := run.Get(context.Background(), &summary); err != nil || !strings.HasPrefix(summary, "asked ") {
			t.Errorf("the run: %q %v", summary, err)
		}
	})

	t.Run("a signature that does not match", func(t *testing.T) {
		r.t = t
		cb := paygov.Callback{MaLoi: paygov.Success, MaThamChieu: "MCNOTHING", SoTien: 200000, MaGiaoDich: "PGFORGED",
			NganHang: "VCB", ThoiGianGD: "20261203090000"}
		cb.MaXacThuc = paygov.Sign("a guessed secret", cb.Fields())
		status, out := r.call(http.MethodPost, "/payments/paygov/callback", "", cb)
		if status != 401 || !strings.Contains(fmt.Sprint(out["errors"]), "body.MaXacThuc") {
			t.Errorf("a forged callback: %d %v", status, out)
		}
		if _, err := svc.Store.Order(context.Background(), "MCNOTHING"); err == nil {
			t.Error("a forged callback left an order")
		}
		// The HMAC gateway's callback is not served beside the platform's.
		if status, _ := r.call(http.MethodPost, "/payments/callback", "", map[string]any{}); status != 404 && status != 405 {
			t.Errorf("the HMAC callback answers %d", status)
		}
	})
}
