package record

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/workflows"
)

// recorded is the date the shapes' histories are named with when -record
// writes them: a new recording goes beside the old ones, never over them.
const recorded = "2026-12-04-stamped"

// withQuick is the shipped catalogue and, beside it, a procedure whose
// periods last seconds on a calendar that never closes, so that a lapse
// and an overdue alarm happen on a real server within the test.
var withQuick = func() *procedures.Catalogue {
	files := fstest.MapFS{}
	for _, root := range []string{"../../procedures/catalogue", "testdata"} {
		err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) != ".yaml" {
				return err
			}
			b, err := os.ReadFile(filepath.Join(root, p))
			files[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			panic(err)
		}
	}
	c, err := procedures.Load(files, "catalogue")
	if err != nil {
		panic(err)
	}
	return c
}()

// file starts a dossier as the API does: the start and its receipt update
// in one call.
func file(t *testing.T, c client.Client, f workflows.Filing) (client.WorkflowRun, workflows.ReceiptAck) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	op := c.NewWithStartWorkflowOperation(workflows.StartOptions(f.Code), workflows.WorkflowName, f.Stamped())
	h, err := c.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{StartWorkflowOperation: op,
		UpdateOptions: client.UpdateWorkflowOptions{WorkflowID: workflows.WorkflowID(f.Code), UpdateID: "receipt",
			UpdateName: workflows.UpdateReceipt, WaitForStage: client.WorkflowUpdateStageCompleted}})
	if err != nil {
		t.Fatal(err)
	}
	var rc workflows.ReceiptAck
	if err := h.Get(ctx, &rc); err != nil {
		t.Fatal(err)
	}
	run, err := op.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return run, rc
}

func state(t *testing.T, c client.Client, code string) workflows.State {
	t.Helper()
	v, err := c.QueryWorkflow(context.Background(), workflows.WorkflowID(code), "", workflows.QueryState)
	if err != nil {
		t.Fatal(err)
	}
	var s workflows.State
	if err := v.Get(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// ended waits for the dossier to close, checks how, and keeps its history.
func ended(t *testing.T, c client.Client, run client.WorkflowRun, want workflows.Outcome, shape string) workflows.State {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var s workflows.State
	if err := run.Get(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if s.Outcome != want {
		t.Fatalf("%s ended %s (%s), want %s", shape, s.Outcome, s.Reason, want)
	}
	keepHistory(t, c, s.Code, shape+"-"+recorded+".json")
	return s
}

// found waits for Temporal's visibility, which lags the workflows a
// little, to list exactly the dossiers given for a query.
func found(t *testing.T, c client.Client, query string, codes ...string) {
	t.Helper()
	var want []string
	for _, code := range codes {
		want = append(want, workflows.WorkflowID(code))
	}
	slices.Sort(want)
	var got []string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
		res, err := c.ListWorkflow(context.Background(), &workflowservice.ListWorkflowExecutionsRequest{Namespace: "default", Query: query})
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		got = got[:0]
		for _, e := range res.Executions {
			got = append(got, e.Execution.WorkflowId)
		}
		slices.Sort(got)
		if slices.Equal(got, want) {
			return
		}
	}
	t.Errorf("%s: found %v, want %v", query, got, want)
}

func quick(code string) workflows.Filing {
	return workflows.Filing{Code: code, Procedure: "9.000002", Agency: "ubnd-xa-thach-ha", Channel: procedures.Online,
		Applicant:  workflows.Person{ID: "042090007777", Name: "Phan Văn Nhanh", Kind: procedures.Individual},
		Inputs:     map[string]any{},
		Components: []workflows.Submission{{Code: "don", Document: doc("don-" + code)}},
		ReceivedAt: time.Now().In(hcm)}
}

// TestShapesOfADossiersLife runs one dossier of every shape of life on a
// real server, each as the API drives it, and with -record keeps each
// history, named by shape and date, for the replay test: what a change to
// the workflow must still replay.
func TestShapesOfADossiersLife(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Temporal server")
	}
	mine := model.Document{ID: "kho-an", Owner: "042090001234", Kind: "cccd", ValidFrom: time.Date(2021, 1, 1, 0, 0, 0, 0, hcm)}
	theirs := model.Document{ID: "kho-other", Owner: "001099009999", Kind: "cccd", ValidFrom: time.Date(2021, 1, 1, 0, 0, 0, 0, hcm)}
	c := realServerWith(t, withQuick, mine, theirs)
	// Once every shape has ended: Temporal's own lists find them by how
	// they ended and whether the decision came late.
	t.Cleanup(func() {
		if t.Failed() {
			return
		}
		found(t, c, "MotcuaOutcome = 'refused'", "HS-SHAPE-OVERDUE", "HS-SHAPE-PAUSE")
		found(t, c, "MotcuaLate = true", "HS-SHAPE-OVERDUE")
		found(t, c, "MotcuaLate = false AND MotcuaOutcome = 'returned'", "HS-SHAPE-STRAIGHT")
		// The deadline stays after the decision.
		found(t, c, "MotcuaStage = 'closed' AND MotcuaDue > '2000-01-01T00:00:00Z' AND MotcuaOutcome = 'returned'", "HS-SHAPE-STRAIGHT")
		found(t, c, "MotcuaOutcome = 'withdrawn'", "HS-SHAPE-RESTART", "HS-SHAPE-SCAN", "HS-SHAPE-REUSE")
		found(t, c, "MotcuaOutcome = 'lapsed'", "HS-SHAPE-LAPSE", "HS-SHAPE-UNPAID")
		found(t, c, "MotcuaOutcome = 'not_received'", "HS-SHAPE-THEFT")
	})
	steps := func(code string) {
		for _, s := range []struct{ step, role string }{{"tiep_nhan", "receiver"}, {"tra_cuu", "judicial_record_officer"}, {"ky_phieu", "director"}, {"tra_ket_qua", "receiver"}} {
			act(t, c, code, workflows.UpdateCompleteStep, workflows.CompleteStep{By: "officer-1", Role: s.role, Step: s.step})
		}
	}

	t.Run("straight-through", func(t *testing.T) {
		t.Parallel()
		f := criminalRecord("HS-SHAPE-STRAIGHT")
		run, rc := file(t, c, f)
		if rc.Stage != workflows.InReview {
			t.Fatalf("receipt %+v", rc)
		}
		act(t, c, f.Code, workflows.UpdateAccept, workflows.Accept{By: "officer-1"})
		act(t, c, f.Code, workflows.UpdatePaymentCallback, workflows.PaymentCallback{TxID: "TX-FAIL", Amount: 200000})
		act(t, c, f.Code, workflows.UpdatePaymentCallback, workflows.PaymentCallback{TxID: "TX-1", Amount: 200000, Success: true})
		act(t, c, f.Code, workflows.UpdatePaymentCallback, workflows.PaymentCallback{TxID: "TX-1", Amount: 200000, Success: true})
		// Paid, with nothing to digitize: supervisors' lists see it in
		// processing at once, never in the passing stage "paid".
		found(t, c, "WorkflowId = '"+workflows.WorkflowID(f.Code)+"' AND MotcuaStage = 'processing'", f.Code)
		steps(f.Code)
		act(t, c, f.Code, workflows.UpdateApprove, workflows.Approve{By: "director-1", Result: doc("result-straight")})
		act(t, c, f.Code, workflows.UpdateReturnResult, workflows.ReturnResult{By: "officer-1", Via: "online"})
		ended(t, c, run, workflows.Returned, "straight-through")
	})
	t.Run("supplement-pause", func(t *testing.T) {
		t.Parallel()
		f := residence("HS-SHAPE-PAUSE")
		run, _ := file(t, c, f)
		act(t, c, f.Code, workflows.UpdateRequestSupplement, workflows.RequestSupplement{By: "officer-2", Reason: "thiếu hợp đồng", Components: []string{"cho_o_hop_phap"}})
		act(t, c, f.Code, workflows.UpdateSupplement, workflows.Supplement{By: f.Applicant.ID, Components: []workflows.Submission{{Code: "cho_o_hop_phap", Document: doc("hd-pause")}}})
		act(t, c, f.Code, workflows.UpdateRefuse, workflows.Refuse{By: "officer-2", Reason: "không đủ điều kiện"})
		ended(t, c, run, workflows.Refused, "supplement-pause")
	})
	t.Run("supplement-restart", func(t *testing.T) {
		t.Parallel()
		f := quick("HS-SHAPE-RESTART")
		run, _ := file(t, c, f)
		act(t, c, f.Code, workflows.UpdateRequestSupplement, workflows.RequestSupplement{By: "officer-3", Reason: "đơn chưa ký", Components: []string{"don"}})
		act(t, c, f.Code, workflows.UpdateSupplement, workflows.Supplement{By: f.Applicant.ID, Components: []workflows.Submission{{Code: "don", Document: doc("don-ky")}}})
		act(t, c, f.Code, workflows.UpdateWithdraw, workflows.Withdraw{By: f.Applicant.ID})
		ended(t, c, run, workflows.Withdrawn, "supplement-restart")
	})
	t.Run("supplement-lapse", func(t *testing.T) {
		t.Parallel()
		f := quick("HS-SHAPE-LAPSE")
		run, _ := file(t, c, f)
		act(t, c, f.Code, workflows.UpdateRequestSupplement, workflows.RequestSupplement{By: "officer-3", Reason: "thiếu đơn", Components: []string{"don"}})
		ended(t, c, run, workflows.Lapsed, "supplement-lapse")
	})
	t.Run("overdue-apology-refusal-refund", func(t *testing.T) {
		t.Parallel()
		f := quick("HS-SHAPE-OVERDUE")
		run, _ := file(t, c, f)
		act(t, c, f.Code, workflows.UpdateAccept, workflows.Accept{By: "officer-3"})
		act(t, c, f.Code, workflows.UpdatePaymentCallback, workflows.PaymentCallback{TxID: "TX-Q", Amount: 10000, Success: true})
		deadline := time.Now().Add(time.Minute)
		for !state(t, c, f.Code).Clock.Overdue {
			if time.Now().After(deadline) {
				t.Fatal("the overdue alarm never rang")
			}
			time.Sleep(500 * time.Millisecond)
		}
		s := state(t, c, f.Code)
		act(t, c, f.Code, workflows.UpdateApologize, workflows.Apologize{By: "director-3", Reason: "chờ xác minh",
			NewDue: s.Clock.ApologyLimit})
		act(t, c, f.Code, workflows.UpdateRefuse, workflows.Refuse{By: "officer-3", Reason: "không đủ điều kiện"})
		end := ended(t, c, run, workflows.Refused, "overdue-apology-refused-refunded")
		if len(end.Refunds) != 1 || len(end.Apologies) != 1 {
			t.Errorf("refunds %+v, apologies %+v", end.Refunds, end.Apologies)
		}
	})
	t.Run("payment-lapse", func(t *testing.T) {
		t.Parallel()
		f := quick("HS-SHAPE-UNPAID")
		run, _ := file(t, c, f)
		act(t, c, f.Code, workflows.UpdateAccept, workflows.Accept{By: "officer-3"})
		ended(t, c, run, workflows.Lapsed, "payment-lapse")
	})
	t.Run("digitization-reuse", func(t *testing.T) {
		t.Parallel()
		f := residence("HS-SHAPE-SCAN")
		f.Channel = procedures.Counter
		f.Components = []workflows.Submission{{Code: "to_khai"}, {Code: "cho_o_hop_phap"}}
		run, _ := file(t, c, f)
		act(t, c, f.Code, workflows.UpdateAccept, workflows.Accept{By: "officer"})
		act(t, c, f.Code, workflows.UpdateCounterPayment, workflows.CounterPayment{By: "officer", ReceiptNo: "BL-SCAN", Amount: 20000})
		act(t, c, f.Code, workflows.UpdateDigitize, workflows.Digitize{By: "officer", Component: "to_khai", Document: doc("scan-1")})
		act(t, c, f.Code, workflows.UpdateDigitize, workflows.Digitize{By: "officer", Component: "cho_o_hop_phap", Document: doc("scan-2")})
		act(t, c, f.Code, workflows.UpdateWithdraw, workflows.Withdraw{By: f.Applicant.ID, Reason: "đổi ý"})
		ended(t, c, run, workflows.Withdrawn, "digitized-withdrawn")
		g := criminalRecord("HS-SHAPE-REUSE")
		g.Components[1] = workflows.Submission{Code: "giay_to_tuy_than", Reuse: "kho-an"}
		run, rc := file(t, c, g)
		if rc.Stage != workflows.InReview {
			t.Fatalf("reuse refused: %+v", rc)
		}
		act(t, c, g.Code, workflows.UpdateWithdraw, workflows.Withdraw{By: g.Applicant.ID})
		ended(t, c, run, workflows.Withdrawn, "reused-withdrawn")
	})
	t.Run("not-received", func(t *testing.T) {
		t.Parallel()
		f := criminalRecord("HS-SHAPE-THEFT")
		f.Components[1] = workflows.Submission{Code: "giay_to_tuy_than", Reuse: "kho-other"}
		run, rc := file(t, c, f)
		if rc.Outcome != workflows.NotReceived || rc.Component != "giay_to_tuy_than" {
			t.Fatalf("receipt %+v", rc)
		}
		ended(t, c, run, workflows.NotReceived, "not-received")
	})
}
