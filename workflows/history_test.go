package workflows

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/activities/activitiestest"
	"github.com/motcua/motcua/embedded"
	"github.com/motcua/motcua/procedures"
)

var record = flag.Bool("record", false, "write the histories of the real-server runs to testdata/, for the replay test")

// realServer starts an embedded Temporal server in memory with a worker.
func realServer(t *testing.T) client.Client {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := embedded.Start(embedded.Options{Namespace: "default", SearchAttributes: SearchAttributeTypes(), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	c, err := client.Dial(client.Options{HostPort: srv.Address(), Namespace: "default", Logger: quietSDK()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := embedded.Prepare(ctx, c, "default", 30*24*time.Hour, SearchAttributeTypes()); err != nil {
		t.Fatal(err)
	}
	w := worker.New(c, TaskQueue, worker.Options{})
	Register(w, &activities.Activities{Catalogue: catalogue, Store: activitiestest.NewStore(), Documents: activitiestest.NewDocuments(),
		Gateway: activitiestest.NewGateway(), Notifier: activitiestest.NewNotifier(), WarningLead: 450 * time.Minute})
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Stop)
	return c
}

func act(t *testing.T, c client.Client, code, update string, arg any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: WorkflowID(code), UpdateName: update,
		Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err != nil {
		t.Fatalf("%s: %v", update, err)
	}
	var ack Ack
	if err := h.Get(ctx, &ack); err != nil {
		t.Fatalf("%s: %v", update, err)
	}
}

// TestTypicalDossierOnARealServer runs the typical flow (receipt, payment,
// digitized components, four steps, the result) on a real server, counts
// its history events, and with -record keeps the history for replay.
func TestTypicalDossierOnARealServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Temporal server")
	}
	c := realServer(t)
	ctx := context.Background()
	f := criminalRecord("HS-REAL-1", "2026-03-02 09:00")
	f.ReceivedAt = time.Now().In(hcm)
	run, err := c.ExecuteWorkflow(ctx, StartOptions(f.Code), WorkflowName, f)
	if err != nil {
		t.Fatal(err)
	}
	act(t, c, f.Code, UpdateAccept, Accept{By: "officer-1"})
	act(t, c, f.Code, UpdatePaymentCallback, PaymentCallback{TxID: "TX-REAL", Amount: 200000, Success: true})
	act(t, c, f.Code, UpdatePaymentCallback, PaymentCallback{TxID: "TX-REAL", Amount: 200000, Success: true})
	for _, s := range []struct{ step, role string }{{"tiep_nhan", "receiver"}, {"tra_cuu", "judicial_record_officer"}, {"ky_phieu", "director"}, {"tra_ket_qua", "receiver"}} {
		act(t, c, f.Code, UpdateCompleteStep, CompleteStep{By: "officer-1", Role: s.role, Step: s.step})
	}
	act(t, c, f.Code, UpdateApprove, Approve{By: "director-1", Result: doc("result-real")})
	act(t, c, f.Code, UpdateReturnResult, ReturnResult{By: "officer-1", Via: "online"})
	var s State
	if err := run.Get(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if s.Outcome != Returned {
		t.Fatalf("ended %s", s.Outcome)
	}
	n := keepHistory(t, c, f.Code, "typical.json")
	// The budget of a lean history: see workflows/README.md.
	if n > 90 {
		t.Errorf("the typical dossier made %d history events, more than the budget of 90", n)
	}
	t.Logf("typical dossier: %d history events", n)
}

// TestSupplementAndWithdrawalOnARealServer records a second shape of life.
func TestSupplementAndWithdrawalOnARealServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Temporal server")
	}
	c := realServer(t)
	ctx := context.Background()
	f := residence("HS-REAL-2", "2026-03-02 09:00", procedures.Online)
	f.ReceivedAt = time.Now().In(hcm)
	run, err := c.ExecuteWorkflow(ctx, StartOptions(f.Code), WorkflowName, f)
	if err != nil {
		t.Fatal(err)
	}
	act(t, c, f.Code, UpdateRequestSupplement, RequestSupplement{By: "officer-2", Reason: "thiếu hợp đồng", Components: []string{"cho_o_hop_phap"}})
	act(t, c, f.Code, UpdateSupplement, Supplement{By: f.Applicant.ID, Components: []Submission{{Code: "cho_o_hop_phap", Document: doc("hd")}}})
	act(t, c, f.Code, UpdateAccept, Accept{By: "officer-2"})
	act(t, c, f.Code, UpdateCounterPayment, CounterPayment{By: "officer-2", ReceiptNo: "BL-9", Amount: 10000})
	act(t, c, f.Code, UpdateWithdraw, Withdraw{By: f.Applicant.ID, Reason: "chuyển nơi khác"})
	var s State
	if err := run.Get(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if s.Outcome != Withdrawn || len(s.Refunds) != 1 {
		t.Fatalf("ended %s with refunds %v", s.Outcome, s.Refunds)
	}
	keepHistory(t, c, f.Code, "supplement-withdrawn.json")
}

// keepHistory counts a closed dossier's events and, with -record, writes
// them to testdata/ in the JSON the replayer reads.
func keepHistory(t *testing.T, c client.Client, code, name string) int {
	t.Helper()
	iter := c.GetWorkflowHistory(context.Background(), WorkflowID(code), "", false, 0)
	h := &history.History{}
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			t.Fatal(err)
		}
		h.Events = append(h.Events, e)
	}
	if *record {
		b, err := temporalproto.CustomJSONMarshalOptions{Indent: "  "}.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return len(h.Events)
}
