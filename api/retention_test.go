package api_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"go.temporal.io/api/serviceerror"

	"github.com/motcua/motcua/service"
	"github.com/motcua/motcua/service/servicetest"
	"github.com/motcua/motcua/workflows"
)

// Temporal forgets a closed workflow after the namespace's retention; the
// store must not. With a retention of one second, a returned dossier and a
// withdrawn, refunded one are read back whole once Temporal has deleted
// them: record, timeline, files, payments and refunds.
func TestClosedDossiersOutliveTheirWorkflows(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second Temporal server")
	}
	short, shortBase, stop := servicetest.Start(func(c *service.Config) {
		c.Retention, c.MinRetention = time.Second, time.Second
	})
	defer stop()
	// History reads the retention from its namespace cache, refreshed every
	// two seconds: a dossier closed before then would get the day the
	// namespace was created with.
	time.Sleep(3 * time.Second)
	shared := base
	base = shortBase // the helpers call this service while the test runs
	defer func() { base = shared }()

	// A criminal record, filed online, paid online, returned with a
	// digitized result.
	c := fileCriminalRecord(t, "retention")
	returned, tx := c.code, c.tx

	// A residence, paid online and then withdrawn: the fee is refunded
	// through the gateway.
	withdrawn := fileResidence(t, "retention")
	waitStage(t, officerXa, withdrawn, "in_review")
	call(t, http.MethodPost, "/dossiers/"+withdrawn+"/accept", officerXa, map[string]any{}).must(t, 200)
	waitStage(t, citizenBinh, withdrawn, "awaiting_payment")
	refundedTx := payOnline(t, citizenBinh, withdrawn)
	call(t, http.MethodPost, "/dossiers/"+withdrawn+"/withdraw", citizenBinh, map[string]any{"reason": "Chuyển đi nơi khác"}).must(t, 200)
	waitStage(t, citizenBinh, withdrawn, "closed")

	// Wait until Temporal has deleted both workflows.
	for _, code := range []string{returned, withdrawn} {
		deadline := time.Now().Add(60 * time.Second)
		for {
			_, err := short.Temporal.DescribeWorkflowExecution(context.Background(), workflows.WorkflowID(code), "")
			var nf *serviceerror.NotFound
			if errors.As(err, &nf) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("Temporal still has %s after a minute: %v", code, err)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}

	// The returned dossier, read back from the store alone.
	v := call(t, http.MethodGet, "/dossiers/"+returned, citizenAn, nil).must(t, 200).body
	if v["state"] != nil {
		t.Fatalf("the workflow answered after deletion: %v", v["state"])
	}
	rec := v["record"].(map[string]any)
	if rec["stage"] != "closed" || rec["outcome"] != "returned" || rec["paid_online"] != true || rec["result_digitized"] != true || rec["on_time"] != true {
		t.Errorf("record %v", rec)
	}
	who := map[string]string{}
	for _, e := range v["timeline"].([]any) {
		e := e.(map[string]any)
		who[e["action"].(string)] = e["actor"].(string)
	}
	for action, actor := range map[string]string{"received": "042090001234", "accepted": "officer-tinh", "paid": "gateway", "step_done": "officer-tinh", "approved": "officer-tinh", "returned": "officer-tinh"} {
		got, ok := who[action]
		if !ok || got != actor {
			t.Errorf("timeline: %s by %q, want by %q; whole timeline %v", action, got, actor, who)
		}
	}
	files := map[string]string{}
	for _, f := range v["files"].([]any) {
		f := f.(map[string]any)
		files[f["component"].(string)] = f["document"].(string)
	}
	if files["to_khai"] != c.toKhai || files["giay_to_tuy_than"] != c.cccd || files["result"] != c.result {
		t.Errorf("files %v", files)
	}
	pays := v["payments"].([]any)
	if len(pays) != 1 || pays[0].(map[string]any)["tx_id"] != tx || pays[0].(map[string]any)["online"] != true {
		t.Errorf("payments %v", pays)
	}

	// The withdrawn one, with its refund and the gateway's reference.
	v = call(t, http.MethodGet, "/dossiers/"+withdrawn, citizenBinh, nil).must(t, 200).body
	if rec := v["record"].(map[string]any); rec["outcome"] != "withdrawn" {
		t.Errorf("record %v", rec)
	}
	var actions []string
	for _, e := range v["timeline"].([]any) {
		actions = append(actions, e.(map[string]any)["action"].(string))
	}
	if !contains(actions, "withdrawn") || !contains(actions, "refunded") {
		t.Errorf("timeline %v", actions)
	}
	refunds := v["refunds"].([]any)
	if len(refunds) != 1 {
		t.Fatalf("refunds %v", refunds)
	}
	r := refunds[0].(map[string]any)
	if r["tx_id"] != refundedTx || r["online"] != true || r["reference"] == "" || r["amount"].(float64) <= 0 {
		t.Errorf("refund %v", r)
	}
	if pays := v["payments"].([]any); len(pays) != 1 || pays[0].(map[string]any)["tx_id"] != refundedTx {
		t.Errorf("payments %v", pays)
	}
}
