package workflows

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
)

// receipt sends the receipt update at the start, as the API does with the
// start itself, and keeps its answer.
func (r *run) receipt(got *ReceiptAck) {
	r.env.RegisterDelayedCallback(func() {
		r.env.UpdateWorkflow(UpdateReceipt, "receipt", &testsuite.TestUpdateCallback{
			OnReject: func(err error) { r.results["receipt"] = err },
			OnAccept: func() {},
			OnComplete: func(v any, err error) {
				r.results["receipt"] = err
				if err == nil {
					*got = v.(ReceiptAck)
				}
			},
		})
	}, 0)
}

func TestReceiptAnswersTheFiling(t *testing.T) {
	r := newRun(t, residence("HS-RC", "2026-04-20 09:00", procedures.Online))
	var rc ReceiptAck
	r.receipt(&rc)
	r.do("withdraw", "2026-04-20 11:00", UpdateWithdraw, Withdraw{By: "042090005678"})
	r.finish()
	r.ok("receipt")
	if rc.Stage != InReview || rc.Outcome != "" || !rc.Due.Equal(at("2026-04-29 09:00")) && rc.Due.IsZero() {
		t.Errorf("receipt %+v", rc)
	}
	if p, ok := r.store.Dossier("HS-RC"); !ok || p.Code != "HS-RC" {
		t.Errorf("the receipt answered before the dossier was recorded")
	}
}

// A reused document that is not the applicant's is the filing's answer,
// naming the component: not a dossier closed in silence.
func TestReceiptRefusesSomeoneElsesDocument(t *testing.T) {
	f := residence("HS-NOTMINE", "2026-04-20 09:00", procedures.Online)
	f.Components[0] = Submission{Code: "to_khai", Reuse: "doc-other"}
	r := newRun(t, f, model.Document{ID: "doc-other", Owner: "001111111111", Kind: "to_khai", ValidFrom: at("2020-01-01 00:00")})
	var rc ReceiptAck
	r.receipt(&rc)
	s := r.finish()
	r.ok("receipt")
	if rc.Outcome != NotReceived || rc.Component != "to_khai" || rc.Refusal != "component_refused" || rc.Reason == "" {
		t.Fatalf("receipt %+v", rc)
	}
	if s.Outcome != NotReceived {
		t.Errorf("ended %s", s.Outcome)
	}
}

// Completeness is settled at receipt: once accepted, a dossier goes back
// to the citizen only where the procedure says so, and it is marked.
func TestSupplementAfterAcceptanceOnlyWhereTheProcedureSaysSo(t *testing.T) {
	r := newRun(t, criminalRecord("HS-LATESUP", "2026-03-02 09:00"))
	r.do("accept", "2026-03-02 10:00", UpdateAccept, Accept{By: "officer-1"})
	r.do("pay", "2026-03-02 11:00", UpdatePaymentCallback, PaymentCallback{TxID: "TX1", Amount: 200000, Success: true})
	r.do("ask late", "2026-03-03 09:00", UpdateRequestSupplement, RequestSupplement{By: "officer-1", Reason: "thiếu bản sao"})
	r.do("withdraw", "2026-03-03 10:00", UpdateWithdraw, Withdraw{By: "042090001234"})
	s := r.finish()
	r.ok("accept", "pay", "withdraw")
	r.refused("ask late", ErrInvalid)
	if !strings.Contains(r.results["ask late"].Error(), "once accepted") || s.SupplementAfterAcceptance {
		t.Errorf("%v; marked %v", r.results["ask late"], s.SupplementAfterAcceptance)
	}
}

func TestSupplementRequestsAreCapped(t *testing.T) {
	r := newRun(t, residence("HS-CAP", "2026-04-20 09:00", procedures.Online))
	for i, day := range []string{"2026-04-21", "2026-04-22", "2026-04-23", "2026-04-24"} {
		n := string(rune('1' + i))
		r.do("ask "+n, day+" 09:00", UpdateRequestSupplement, RequestSupplement{By: "officer-2", Reason: "thiếu giấy tờ", Components: []string{"cho_o_hop_phap"}})
		r.do("give "+n, day+" 10:00", UpdateSupplement, Supplement{By: "042090005678", Note: "đã bổ sung"})
	}
	r.do("withdraw", "2026-04-27 09:00", UpdateWithdraw, Withdraw{By: "042090005678"})
	s := r.finish()
	r.ok("ask 1", "give 1", "ask 2", "give 2", "ask 3", "give 3", "withdraw")
	r.refused("ask 4", ErrInvalid)
	if s.Supplements != MaxSupplementRequests {
		t.Errorf("%d supplement requests recorded", s.Supplements)
	}
}

func TestFailedPaymentsAreCapped(t *testing.T) {
	r := newRun(t, criminalRecord("HS-FAILS", "2026-03-02 09:00"))
	r.do("accept", "2026-03-02 10:00", UpdateAccept, Accept{By: "officer-1"})
	for i := range MaxFailedPayments + 1 {
		when := at("2026-03-02 11:00").Add(time.Duration(i) * time.Minute).Format("2006-01-02 15:04")
		r.do("fail "+when, when, UpdatePaymentCallback, PaymentCallback{TxID: "F" + when, Amount: 200000})
	}
	r.do("withdraw", "2026-03-03 10:00", UpdateWithdraw, Withdraw{By: "042090001234"})
	r.finish()
	r.refused("fail 2026-03-02 11:10", ErrInvalid)
	n := 0
	for _, a := range r.actions() {
		if a == "payment_failed" {
			n++
		}
	}
	if n != MaxFailedPayments {
		t.Errorf("%d failed payments recorded, want %d", n, MaxFailedPayments)
	}
}

func TestApologiesAreCapped(t *testing.T) {
	r := newRun(t, criminalRecord("HS-SORRY", "2026-03-02 09:00"))
	r.do("accept", "2026-03-02 10:00", UpdateAccept, Accept{By: "officer-1"})
	r.do("pay", "2026-03-02 11:00", UpdatePaymentCallback, PaymentCallback{TxID: "TX1", Amount: 200000, Success: true})
	dues := []string{"2026-03-17 09:00", "2026-03-18 09:00", "2026-03-19 09:00", "2026-03-20 09:00"}
	for i, due := range dues {
		r.do("sorry "+due, at("2026-03-03 09:00").Add(time.Duration(i)*time.Hour).Format("2006-01-02 15:04"), UpdateApologize,
			Apologize{By: "director-1", Reason: "chờ xác minh", NewDue: at(due)})
	}
	r.do("withdraw", "2026-03-04 10:00", UpdateWithdraw, Withdraw{By: "042090001234"})
	s := r.finish()
	r.ok("sorry 2026-03-17 09:00", "sorry 2026-03-18 09:00", "sorry 2026-03-19 09:00")
	r.refused("sorry 2026-03-20 09:00", ErrInvalid)
	if len(s.Apologies) != MaxApologies {
		t.Errorf("%d letters", len(s.Apologies))
	}
}

// flakyStore refuses its first writes, as a database that is down.
type flakyStore struct {
	activities.Store
	refuse int
}

func (f *flakyStore) Record(ctx context.Context, m model.Milestone) error {
	if f.refuse > 0 {
		f.refuse--
		return temporal.NewNonRetryableApplicationError("the database is down", "Down", nil)
	}
	return f.Store.Record(ctx, m)
}

// A store that is away for longer than a write's budget delays the
// dossier; it neither fails it nor loses a milestone.
func TestAStoreOutageNeverFailsTheDossier(t *testing.T) {
	var flaky *flakyStore
	r := newRunOn(t, residence("HS-DOWN", "2026-04-20 09:00", procedures.Online), func(s activities.Store) activities.Store {
		flaky = &flakyStore{Store: s, refuse: 5}
		return flaky
	})
	r.do("withdraw", "2026-04-20 11:00", UpdateWithdraw, Withdraw{By: "042090005678"})
	s := r.finish()
	r.ok("withdraw")
	if s.Outcome != Withdrawn || flaky.refuse != 0 {
		t.Fatalf("ended %s with %d refusals left", s.Outcome, flaky.refuse)
	}
	if got := r.actions(); len(got) != 2 || got[0] != "received" || got[1] != "withdrawn" {
		t.Errorf("timeline %v", got)
	}
	if r.notices.Kinds("HS-DOWN")["closed_withdrawn"] != 1 {
		t.Errorf("notices %v: the closing notice rides on the closing milestone", r.notices.Kinds("HS-DOWN"))
	}
}
