// Package record runs dossiers on a real embedded Temporal server, counts
// their history events, and with -record writes the histories that the
// workflows package replays.
package record

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/activities/activitiestest"
	"github.com/motcua/motcua/embedded"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/workflows"
)

var record = flag.Bool("record", false, "write the histories of the real-server runs to testdata/, for the replay test")

// realServer starts an embedded Temporal server in memory with a worker.
func realServer(t *testing.T) client.Client { return realServerWith(t, catalogue) }

// realServerWith starts one with a catalogue, and documents in the
// citizens' store.
func realServerWith(t *testing.T, cat *procedures.Catalogue, docs ...model.Document) client.Client {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := embedded.Start(embedded.Options{Namespace: "default", SearchAttributes: workflows.SearchAttributeTypes(), Logger: quiet})
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
	if err := embedded.Prepare(ctx, c, "default", 30*24*time.Hour, workflows.SearchAttributeTypes()); err != nil {
		t.Fatal(err)
	}
	w := worker.New(c, workflows.TaskQueue, worker.Options{})
	shelf, st := activitiestest.NewDocuments(docs...), activitiestest.NewStore()
	st.Shelf = shelf
	workflows.Register(w, &activities.Activities{Catalogue: cat, Store: st, Documents: shelf,
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
	h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: workflows.WorkflowID(code), UpdateName: update,
		Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err != nil {
		t.Fatalf("%s: %v", update, err)
	}
	var ack workflows.Ack
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
	// Stamped, as the API starts dossiers; the supplement test below
	// starts one unstamped, as releases before the stamp did.
	f := criminalRecord("HS-REAL-1").Stamped()
	run, err := c.ExecuteWorkflow(ctx, workflows.StartOptions(f.Code), workflows.WorkflowName, f)
	if err != nil {
		t.Fatal(err)
	}
	act(t, c, f.Code, workflows.UpdateAccept, workflows.Accept{By: "officer-1"})
	act(t, c, f.Code, workflows.UpdatePaymentCallback, workflows.PaymentCallback{TxID: "TX-REAL", Amount: 200000, Success: true})
	act(t, c, f.Code, workflows.UpdatePaymentCallback, workflows.PaymentCallback{TxID: "TX-REAL", Amount: 200000, Success: true})
	for _, s := range []struct{ step, role string }{{"tiep_nhan", "receiver"}, {"tra_cuu", "judicial_record_officer"}, {"ky_phieu", "director"}, {"tra_ket_qua", "receiver"}} {
		act(t, c, f.Code, workflows.UpdateCompleteStep, workflows.CompleteStep{By: "officer-1", Role: s.role, Step: s.step})
	}
	act(t, c, f.Code, workflows.UpdateApprove, workflows.Approve{By: "director-1", Result: doc("result-real")})
	act(t, c, f.Code, workflows.UpdateReturnResult, workflows.ReturnResult{By: "officer-1", Via: "online"})
	var s workflows.State
	if err := run.Get(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if s.Outcome != workflows.Returned {
		t.Fatalf("ended %s", s.Outcome)
	}
	if m := versionMarkers(t, c, f.Code); m != 0 {
		t.Errorf("a stamped dossier made %d version markers, want none", m)
	}
	n := keepHistory(t, c, f.Code, "typical.json")
	t.Logf("typical dossier's events by type: %v", eventTypes(t, c, f.Code))
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
	f := residence("HS-REAL-2")
	run, err := c.ExecuteWorkflow(ctx, workflows.StartOptions(f.Code), workflows.WorkflowName, f)
	if err != nil {
		t.Fatal(err)
	}
	act(t, c, f.Code, workflows.UpdateRequestSupplement, workflows.RequestSupplement{By: "officer-2", Reason: "thiếu hợp đồng", Components: []string{"cho_o_hop_phap"}})
	act(t, c, f.Code, workflows.UpdateSupplement, workflows.Supplement{By: f.Applicant.ID, Components: []workflows.Submission{{Code: "cho_o_hop_phap", Document: doc("hd")}}})
	act(t, c, f.Code, workflows.UpdateAccept, workflows.Accept{By: "officer-2"})
	act(t, c, f.Code, workflows.UpdateCounterPayment, workflows.CounterPayment{By: "officer-2", ReceiptNo: "BL-9", Amount: 10000})
	act(t, c, f.Code, workflows.UpdateWithdraw, workflows.Withdraw{By: f.Applicant.ID, Reason: "chuyển nơi khác"})
	var s workflows.State
	if err := run.Get(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if s.Outcome != workflows.Withdrawn || len(s.Refunds) != 1 {
		t.Fatalf("ended %s with refunds %v", s.Outcome, s.Refunds)
	}
	if m := versionMarkers(t, c, f.Code); m != 1 {
		t.Errorf("an unstamped dossier made %d version markers, want 1", m)
	}
	keepHistory(t, c, f.Code, "supplement-withdrawn.json")
}

// versionMarkers counts a dossier's version markers, each with the SDK's
// upsert of TemporalChangeVersion beside it.
func versionMarkers(t *testing.T, c client.Client, code string) int {
	t.Helper()
	n := 0
	iter := c.GetWorkflowHistory(context.Background(), workflows.WorkflowID(code), "", false, 0)
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e.GetMarkerRecordedEventAttributes().GetMarkerName() == "Version" {
			n++
		}
	}
	return n
}

// keepHistory counts a closed dossier's events and, with -record, writes
// them to testdata/ in the JSON the replayer reads.
func keepHistory(t *testing.T, c client.Client, code, name string) int {
	t.Helper()
	iter := c.GetWorkflowHistory(context.Background(), workflows.WorkflowID(code), "", false, 0)
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
		if err := os.WriteFile(filepath.Join("..", "testdata", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return len(h.Events)
}

// eventTypes counts a dossier's history events by type, for the table in
// workflows/README.md.
func eventTypes(t *testing.T, c client.Client, code string) map[string]int {
	t.Helper()
	out := map[string]int{}
	iter := c.GetWorkflowHistory(context.Background(), workflows.WorkflowID(code), "", false, 0)
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimPrefix(e.EventType.String(), "EVENT_TYPE_")]++
	}
	return out
}

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

var catalogue = func() *procedures.Catalogue {
	c, err := procedures.Default()
	if err != nil {
		panic(err)
	}
	return c
}()

func quietSDK() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func doc(id string) *workflows.DocumentRef {
	return &workflows.DocumentRef{ID: id, SHA256: "sha-" + id, Media: "application/pdf", Size: 1000}
}

func criminalRecord(code string) workflows.Filing {
	return workflows.Filing{Code: code, Procedure: "2.000488", Agency: "so-tu-phap-ha-tinh", Channel: procedures.Online,
		Applicant:  workflows.Person{ID: "042090001234", Name: "Nguyễn Văn An", Kind: procedures.Individual},
		Inputs:     map[string]any{"certificates": 1},
		Components: []workflows.Submission{{Code: "to_khai", Document: doc("tk-" + code)}, {Code: "giay_to_tuy_than", Document: doc("cc-" + code)}},
		ReceivedAt: time.Now().In(hcm)}
}

func residence(code string) workflows.Filing {
	return workflows.Filing{Code: code, Procedure: "1.004194", Agency: "ca-xa-thach-dai", Channel: procedures.Online,
		Applicant:  workflows.Person{ID: "042090005678", Kind: procedures.Individual},
		Inputs:     map[string]any{"own_home": true},
		Components: []workflows.Submission{{Code: "to_khai", Document: doc("tk-" + code)}, {Code: "cho_o_hop_phap", Document: doc("gt-" + code)}},
		ReceivedAt: time.Now().In(hcm)}
}
