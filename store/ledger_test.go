package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// balanced asserts that every đồng received is applied, refunded or owed
// back, for the dossier and in total, and that the dossier's share is want.
func balanced(t *testing.T, s *store.Store, dossier string, want store.Balance) {
	t.Helper()
	ctx := context.Background()
	for _, d := range []string{dossier, ""} {
		b, err := s.Balance(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if !b.Balances() {
			t.Errorf("ledger of %q does not balance: %+v", d, b)
		}
		if d == dossier && b != want {
			t.Errorf("ledger of %s = %+v, want %+v", d, b, want)
		}
	}
}

func TestTheLedgerKeepsEveryPaymentWithItsState(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			report := func(e store.LedgerEntry) (store.LedgerEntry, bool) {
				t.Helper()
				row, news, err := s.ReportPayment(ctx, e)
				if err != nil {
					t.Fatalf("report %s: %v", e.TxID, err)
				}
				return row, news
			}
			settle := func(tx string, st store.PaymentState, reason string) {
				t.Helper()
				if ok, err := s.SettlePayment(ctx, store.DefaultGateway, tx, st, reason, t0); err != nil || !ok {
					t.Fatalf("settle %s: %v %v", tx, ok, err)
				}
			}
			pay := store.LedgerEntry{Source: store.DefaultGateway, TxID: "TX1", Dossier: "D1", Online: true, Amount: 200000, Success: true, At: t0}

			// Received, then applied: a redelivery is no news.
			if row, news := report(pay); !news || row.State != store.PaymentReceived {
				t.Fatalf("first report: %+v %v", row, news)
			}
			if b, _ := s.Balance(ctx, "D1"); b.Undecided != 200000 || b.Balances() {
				t.Errorf("money in flight is undecided, and the ledger says so: %+v", b)
			}
			settle("TX1", store.PaymentApplied, "")
			if _, news := report(pay); news {
				t.Error("a redelivery is news")
			}
			balanced(t, s, "D1", store.Balance{Received: 200000, Applied: 200000, Payments: 1})

			// Paid twice through another transaction: owed back, then refunded.
			twice := pay
			twice.TxID = "TX2"
			report(twice)
			settle("TX2", store.PaymentRefundPending, store.UnappliedDuplicate)
			balanced(t, s, "D1", store.Balance{Received: 400000, Applied: 200000, RefundPending: 200000, Payments: 2})
			r := model.Refund{Reference: "RF-2", Amount: 200000, TxID: "TX2", Online: true, At: t0}
			for range 2 {
				if err := s.PaymentRefunded(ctx, store.DefaultGateway, "TX2", r); err != nil {
					t.Fatal(err)
				}
			}
			balanced(t, s, "D1", store.Balance{Received: 400000, Applied: 200000, Refunded: 200000, Payments: 2})
			if rs, _ := s.Refunds(ctx, "D1"); len(rs) != 1 || rs[0].Reference != "RF-2" {
				t.Errorf("refunds %+v", rs)
			}
			if un, _ := s.UnappliedPayments(ctx, 10); len(un) != 1 || un[0].TxID != "TX2" || un[0].Reason != store.UnappliedDuplicate || un[0].RefundRef != "RF-2" {
				t.Errorf("unapplied %+v", un)
			}

			// A failure, then a success of the same transaction.
			failed := store.LedgerEntry{Source: store.DefaultGateway, TxID: "TX3", Dossier: "D2", Online: true, Amount: 50000, At: t0}
			if row, _ := report(failed); row.State != store.PaymentFailed {
				t.Errorf("a failure is %s", row.State)
			}
			balanced(t, s, "D2", store.Balance{})
			failed.Success = true
			if row, news := report(failed); !news || row.State != store.PaymentReceived || !row.Success {
				t.Errorf("a success after a failure: %+v %v", row, news)
			}

			// A transaction ID is the gateway's: another dossier may not claim it.
			elsewhere := pay
			elsewhere.Dossier = "D9"
			if _, _, err := s.ReportPayment(ctx, elsewhere); !errors.Is(err, store.ErrTxElsewhere) {
				t.Errorf("a transaction of D1 reported for D9: %v", err)
			}

			// Receipt numbers are unique per agency's counter, not across agencies.
			counterA := store.LedgerEntry{Source: store.CounterSource("ubnd-xa-a"), TxID: "BL-1", Dossier: "D3", Amount: 10000, Success: true, At: t0}
			report(counterA)
			counterB := counterA
			counterB.Source, counterB.Dossier = store.CounterSource("ubnd-xa-b"), "D4"
			if _, _, err := s.ReportPayment(ctx, counterB); err != nil {
				t.Errorf("the same receipt number at another agency: %v", err)
			}
			counterA.Dossier = "D5"
			if _, _, err := s.ReportPayment(ctx, counterA); !errors.Is(err, store.ErrTxElsewhere) {
				t.Errorf("a receipt number used twice at one agency: %v", err)
			}
		})
	}
}

// The dossier's own milestones apply what it took, whoever reported it
// first, and mark refunded what it paid back when it ended without its
// result.
func TestMilestonesApplyAndRefundTheLedgersLines(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			if _, _, err := s.ReportPayment(ctx, store.LedgerEntry{Source: store.DefaultGateway, TxID: "TX1", Dossier: "D1",
				Online: true, Amount: 200000, Success: true, At: t0}); err != nil {
				t.Fatal(err)
			}
			m := milestone("D1", 1, "paid", t0)
			m.Payments = []model.Payment{{TxID: "TX1", Online: true, Amount: 200000, At: t0},
				{TxID: "BL-7", Amount: 5000, By: "officer", At: t0}}
			if err := s.Record(ctx, m); err != nil {
				t.Fatal(err)
			}
			balanced(t, s, "D1", store.Balance{Received: 205000, Applied: 205000, Payments: 2})
			if row, err := s.Payment(ctx, store.CounterSource("ubnd-xa-a"), "BL-7"); err != nil || row.State != store.PaymentApplied {
				t.Errorf("a counter payment the dossier took: %+v %v", row, err)
			}
			m2 := milestone("D1", 2, "closed", t0)
			m2.Dossier.Outcome = "withdrawn"
			m2.Payments = m.Payments
			m2.Refunds = []model.Refund{{Reference: "RF-1", TxID: "TX1", Online: true, Amount: 200000, At: t0}}
			if err := s.Record(ctx, m2); err != nil {
				t.Fatal(err)
			}
			balanced(t, s, "D1", store.Balance{Received: 205000, Applied: 5000, Refunded: 200000, Payments: 2})
			if row, _ := s.Payment(ctx, store.DefaultGateway, "TX1"); row.Reason != "withdrawn" || row.RefundRef != "RF-1" {
				t.Errorf("refunded as the dossier ended: %+v", row)
			}
		})
	}
}

// A milestone written in a workflow task that Temporal then discarded may
// have applied a payment the dossier, on its second attempt, never took:
// the dossier's newest milestone undoes it, and the money is undecided
// again, for reconciliation to refund.
func TestTheNewestMilestoneUndoesAGhostPayment(t *testing.T) {
	for name, s := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			for _, tx := range []string{"TX-X", "TX-Y"} {
				if _, _, err := s.ReportPayment(ctx, store.LedgerEntry{Source: store.DefaultGateway, TxID: tx, Dossier: "D1",
					Online: true, Amount: 10000, Success: true, At: t0}); err != nil {
					t.Fatal(err)
				}
			}
			ghost := milestone("D1", 3, "paid", t0)
			ghost.Payments = []model.Payment{{TxID: "TX-X", Online: true, Amount: 10000, At: t0}}
			ghost.Event.Detail = "TX-X"
			// The task run again takes the same sequence number, for Y.
			real := milestone("D1", 3, "paid", t0)
			real.Event.Detail = "TX-Y"
			real.Payments = []model.Payment{{TxID: "TX-Y", Online: true, Amount: 10000, At: t0}}
			late := milestone("D1", 2, "awaiting_payment", t0) // an older write, retried late: undoes nothing
			for _, m := range []model.Milestone{ghost, real, late} {
				if err := s.Record(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
			x, _ := s.Payment(ctx, store.DefaultGateway, "TX-X")
			y, _ := s.Payment(ctx, store.DefaultGateway, "TX-Y")
			if x.State != store.PaymentReceived || y.State != store.PaymentApplied {
				t.Errorf("ghost %s, real %s", x.State, y.State)
			}
			if tl, _ := s.Timeline(ctx, "D1"); len(tl) != 2 || tl[1].Detail != "TX-Y" {
				t.Errorf("timeline %+v: the task run again wins", tl)
			}
		})
	}
}
