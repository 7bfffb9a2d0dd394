package workflows

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
)

func TestWholeLifeOnline(t *testing.T) {
	r := newRun(t, criminalRecord("HS-001", "2026-03-02 09:00"))
	r.do("accept", "2026-03-02 10:00", UpdateAccept, Accept{By: "officer-1"})
	r.do("pay", "2026-03-02 11:00", UpdatePaymentCallback, PaymentCallback{TxID: "TX1", Amount: 200000, Success: true})
	r.processAll("2026-03-03 09:00", 24*time.Hour)
	s := r.finish()
	r.ok("accept", "pay", "step tiep_nhan", "step tra_cuu", "step ky_phieu", "step tra_ket_qua", "approve", "return")
	if s.Stage != Closed || s.Outcome != Returned {
		t.Fatalf("ended %s/%s", s.Stage, s.Outcome)
	}
	if want := at("2026-03-16 09:00"); !s.Clock.OriginalDue.Equal(want) {
		t.Errorf("appointment %s, want %s", s.Clock.OriginalDue, want)
	}
	want := []string{"received", "accepted", "payment_requested", "paid", "step_done", "step_done", "step_done", "step_done", "approved", "returned"}
	if got := r.actions(); !slices.Equal(got, want) {
		t.Errorf("timeline %v, want %v", got, want)
	}
	p, _ := r.store.Dossier("HS-001")
	if !p.PaidOnline || !p.ResultDigitized || p.OnTime == nil || !*p.OnTime || p.Fee != 200000 || p.Stage != "closed" {
		t.Errorf("projection %+v", p)
	}
	if _, err := r.docs.Get(t.Context(), "result-HS-001"); err != nil {
		t.Errorf("the digitized result is not in the citizen's store: %v", err)
	}
	if len(s.Refunds) != 0 || r.gateway.Calls != 0 {
		t.Errorf("refunds on a returned dossier: %v", s.Refunds)
	}
}

func TestReceivedOnLastWorkingDayBeforeTet(t *testing.T) {
	r := newRun(t, criminalRecord("HS-TET", "2026-02-13 10:00"))
	var s State
	r.query("2026-02-13 11:00", &s)
	r.do("withdraw", "2026-02-13 12:00", UpdateWithdraw, Withdraw{By: "042090001234"})
	r.finish()
	if want := at("2026-03-06 10:00"); !s.Clock.Due.Equal(want) {
		t.Fatalf("due %s, want %s: ten working days skip the nine days of Tết", s.Clock.Due, want)
	}
	if want := at("2026-03-04 10:00"); !s.Steps[1].Due.Equal(want) {
		t.Errorf("the search step is due %s, want %s", s.Steps[1].Due, want)
	}
}

// residence files a permanent-residence registration: 7 working days, the
// clock paused by a supplement request.
func residence(code, received string, ch procedures.Channel) Filing {
	return Filing{Code: code, Procedure: "1.004194", Agency: "ca-xa-thach-dai", Channel: ch,
		Applicant:  Person{ID: "042090005678", Kind: procedures.Individual},
		Inputs:     map[string]any{"own_home": true},
		Components: []Submission{{Code: "to_khai", Document: doc("tk-" + code)}, {Code: "cho_o_hop_phap", Document: doc("gt-" + code)}},
		ReceivedAt: at(received)}
}

func TestSupplementPausesTheClockAcrossHolidays(t *testing.T) {
	r := newRun(t, residence("HS-PAUSE", "2026-04-20 09:00", procedures.Online))
	var before, during, after State
	r.query("2026-04-20 09:30", &before)
	r.do("ask", "2026-04-22 09:00", UpdateRequestSupplement, RequestSupplement{By: "officer-2", Reason: "thiếu hợp đồng thuê nhà", Components: []string{"cho_o_hop_phap"}})
	r.query("2026-04-22 10:00", &during)
	r.do("supplement", "2026-05-05 09:00", UpdateSupplement, Supplement{By: "042090005678", Components: []Submission{{Code: "cho_o_hop_phap", Document: doc("hd-thue")}}})
	r.query("2026-05-05 10:00", &after)
	r.do("withdraw", "2026-05-05 11:00", UpdateWithdraw, Withdraw{By: "042090005678"})
	r.finish()
	r.ok("ask", "supplement")
	if want := at("2026-05-04 09:00"); !before.Clock.Due.Equal(want) {
		t.Errorf("first appointment %s, want %s", before.Clock.Due, want)
	}
	if during.Stage != AwaitingSupplement || during.Clock.Running || during.Clock.ElapsedMinutes != 2*450 {
		t.Errorf("while waiting: stage %s, running %v, used %d minutes", during.Stage, during.Clock.Running, during.Clock.ElapsedMinutes)
	}
	// Two days used before the pause; five left from Tuesday 5 May. The
	// pause spanned the Hùng Kings' day and 30/4-1/5, which count for nothing.
	if want := at("2026-05-12 09:00"); !after.Clock.Due.Equal(want) || after.Stage != InReview {
		t.Errorf("after the supplement: due %s, stage %s; want %s, in_review", after.Clock.Due, after.Stage, want)
	}
	if len(after.Clock.Pauses) != 1 || after.Clock.Pauses[0].To.IsZero() {
		t.Errorf("pauses %+v", after.Clock.Pauses)
	}
}

func TestSupplementRestartsTheClock(t *testing.T) {
	f := residence("HS-RESTART", "2026-03-02 09:00", procedures.Online)
	f.Procedure, f.Inputs = "1.001612", map[string]any{"members": 1}
	f.Components = []Submission{{Code: "giay_de_nghi", Document: doc("dn")}, {Code: "cccd_chu_ho", Document: doc("cc")}}
	r := newRun(t, f)
	var after State
	r.do("ask", "2026-03-03 09:00", UpdateRequestSupplement, RequestSupplement{By: "officer", Reason: "sai tên"})
	r.do("supplement", "2026-03-04 14:00", UpdateSupplement, Supplement{By: "042090005678", Note: "đã sửa tên"})
	r.query("2026-03-04 15:00", &after)
	r.do("withdraw", "2026-03-04 16:00", UpdateWithdraw, Withdraw{By: "042090005678"})
	r.finish()
	r.ok("ask", "supplement")
	if want := at("2026-03-09 14:00"); !after.Clock.Due.Equal(want) || after.Clock.ElapsedMinutes != 0 {
		t.Errorf("restarted clock due %s (used %d), want the whole 3 days again: %s", after.Clock.Due, after.Clock.ElapsedMinutes, want)
	}
}

func TestSupplementNeverComes(t *testing.T) {
	r := newRun(t, residence("HS-LAPSE", "2026-03-02 09:00", procedures.Online))
	r.do("ask", "2026-03-02 10:00", UpdateRequestSupplement, RequestSupplement{By: "officer", Reason: "thiếu giấy tờ"})
	s := r.finish()
	if s.Outcome != Lapsed || !strings.Contains(s.Reason, "supplement") {
		t.Fatalf("ended %s: %s", s.Outcome, s.Reason)
	}
	// Ten working days from 10:00 on Monday 2 March.
	if want := at("2026-03-16 10:00"); !s.Closed.Equal(want) {
		t.Errorf("closed at %s, want %s", s.Closed, want)
	}
}

func TestSameCallbackTwiceAndWrongAmount(t *testing.T) {
	r := newRun(t, criminalRecord("HS-PAY", "2026-03-02 09:00"))
	r.do("accept", "2026-03-02 10:00", UpdateAccept, Accept{By: "officer-1"})
	r.do("wrong", "2026-03-02 10:30", UpdatePaymentCallback, PaymentCallback{TxID: "TX0", Amount: 100000, Success: true})
	r.do("pay", "2026-03-02 11:00", UpdatePaymentCallback, PaymentCallback{TxID: "TX1", Amount: 200000, Success: true})
	r.do("again", "2026-03-02 11:05", UpdatePaymentCallback, PaymentCallback{TxID: "TX1", Amount: 200000, Success: true})
	var s State
	r.query("2026-03-02 12:00", &s)
	r.do("withdraw", "2026-03-02 13:00", UpdateWithdraw, Withdraw{By: "042090001234"})
	end := r.finish()
	r.ok("pay", "again")
	r.refused("wrong", ErrInvalid)
	if len(s.Payments) != 1 || s.Payments[0].TxID != "TX1" || s.paid() != 200000 {
		t.Fatalf("payments %+v", s.Payments)
	}
	if n := strings.Count(strings.Join(r.actions(), ","), "paid"); n != 1 {
		t.Errorf("the payment was recorded %d times", n)
	}
	// Withdrawn after paying: refunded once, through the gateway.
	if len(end.Refunds) != 1 || r.gateway.Refunds["refund/HS-PAY/TX1"] != 200000 {
		t.Errorf("refunds %+v, gateway %+v", end.Refunds, r.gateway.Refunds)
	}
}

func TestWithdrawalDuringPayment(t *testing.T) {
	r := newRun(t, criminalRecord("HS-WD", "2026-03-02 09:00"))
	r.do("accept", "2026-03-02 10:00", UpdateAccept, Accept{By: "officer-1"})
	r.do("withdraw", "2026-03-02 15:00", UpdateWithdraw, Withdraw{By: "042090001234", Reason: "không cần nữa"})
	r.do("late pay", "2026-03-02 16:00", UpdatePaymentCallback, PaymentCallback{TxID: "TX9", Amount: 200000, Success: true})
	s := r.finish()
	r.ok("withdraw")
	if s.Outcome != Withdrawn || len(s.Payments) != 0 || len(s.Refunds) != 0 {
		t.Fatalf("ended %s with payments %v refunds %v", s.Outcome, s.Payments, s.Refunds)
	}
	if _, answered := r.results["late pay"]; answered {
		r.refused("late pay", ErrWrongStage)
	}
}

func TestRefusalAfterPaymentIsRefunded(t *testing.T) {
	f := criminalRecord("HS-REF", "2026-03-02 09:00")
	r := newRun(t, f)
	r.do("accept", "2026-03-02 10:00", UpdateAccept, Accept{By: "officer-1"})
	r.do("pay", "2026-03-02 11:00", UpdateCounterPayment, CounterPayment{By: "officer-1", ReceiptNo: "BL-77", Amount: 200000})
	r.do("refuse", "2026-03-04 09:00", UpdateRefuse, Refuse{By: "director-1", Reason: "người yêu cầu không thuộc diện được cấp"})
	s := r.finish()
	r.ok("accept", "pay", "refuse")
	if s.Outcome != Refused || len(s.Refunds) != 1 || s.Refunds[0].Amount != money.VND(200000) {
		t.Fatalf("ended %s, refunds %+v", s.Outcome, s.Refunds)
	}
	// Paid at the counter: refunded at the counter, with a notice to it.
	if r.notices.Kinds("HS-REF")["refund_at_counter"] != 1 {
		t.Errorf("notices %v", r.notices.Kinds("HS-REF"))
	}
	p, _ := r.store.Dossier("HS-REF")
	if p.Outcome != "refused" || p.OnTime == nil || !*p.OnTime {
		t.Errorf("projection %+v", p)
	}
}

func TestPaymentNeverComes(t *testing.T) {
	r := newRun(t, criminalRecord("HS-NOPAY", "2026-03-02 09:00"))
	r.do("accept", "2026-03-02 10:00", UpdateAccept, Accept{By: "officer-1"})
	s := r.finish()
	if s.Outcome != Lapsed || !strings.Contains(s.Reason, "fees") {
		t.Fatalf("ended %s: %s", s.Outcome, s.Reason)
	}
}

func TestOverdueThenApologyThenOnTimeForTheNewDate(t *testing.T) {
	r := newRun(t, criminalRecord("HS-LATE", "2026-03-02 09:00"))
	r.do("accept", "2026-03-02 10:00", UpdateAccept, Accept{By: "officer-1"})
	r.do("pay", "2026-03-02 11:00", UpdatePaymentCallback, PaymentCallback{TxID: "TX1", Amount: 200000, Success: true})
	var late State
	r.query("2026-03-16 09:01", &late)
	r.do("too soon", "2026-03-16 10:00", UpdateApologize, Apologize{By: "director-1", Reason: "chờ xác minh", NewDue: at("2026-03-16 09:30")})
	r.do("too far", "2026-03-16 10:00", UpdateApologize, Apologize{By: "director-1", Reason: "chờ xác minh", NewDue: at("2026-06-01 09:00")})
	r.do("apology", "2026-03-16 10:30", UpdateApologize, Apologize{By: "director-1", Reason: "chờ kết quả xác minh từ tỉnh khác", NewDue: at("2026-03-19 09:00")})
	r.processAll("2026-03-17 09:00", time.Hour)
	s := r.finish()
	r.ok("apology", "approve", "return")
	r.refused("too soon", ErrInvalid)
	r.refused("too far", ErrInvalid)
	if !late.Clock.Overdue || !late.Clock.Warned {
		t.Fatalf("at the due instant: overdue %v, warned %v", late.Clock.Overdue, late.Clock.Warned)
	}
	var overdueAt time.Time
	for _, e := range r.store.Timeline("HS-LATE") {
		if e.Action == "overdue" {
			overdueAt = e.At
		}
	}
	if want := at("2026-03-16 09:00"); !overdueAt.Equal(want) {
		t.Errorf("overdue recorded at %s, want exactly the due instant %s", overdueAt, want)
	}
	if len(s.Apologies) != 1 || !s.Clock.Due.Equal(at("2026-03-19 09:00")) || s.Decided.After(s.Clock.Due) {
		t.Errorf("apologies %+v, due %s, decided %s", s.Apologies, s.Clock.Due, s.Decided)
	}
	p, _ := r.store.Dossier("HS-LATE")
	if p.OnTime == nil || *p.OnTime {
		t.Errorf("a dossier decided after its original appointment is not on time: %+v", p.OnTime)
	}
	if r.notices.Kinds("HS-LATE")["overdue"] != 1 || r.notices.Kinds("HS-LATE")["apology"] != 1 {
		t.Errorf("notices %v", r.notices.Kinds("HS-LATE"))
	}
}

func TestPaperRefusedInPilot(t *testing.T) {
	r := newRun(t, residence("HS-PAPER", "2024-03-04 09:00", procedures.Counter))
	s := r.finish()
	if s.Outcome != NotReceived || !strings.Contains(s.Reason, "paperless pilot") {
		t.Fatalf("ended %s: %s", s.Outcome, s.Reason)
	}
	if got := r.actions(); !slices.Equal(got, []string{"not_received"}) {
		t.Errorf("timeline %v", got)
	}
}

func TestFullOnlineRefusesCounterButAcceptsAssistedFiling(t *testing.T) {
	f := criminalRecord("HS-CTR", "2026-03-02 09:00")
	f.Channel = procedures.Counter
	if s := newRun(t, f).finish(); s.Outcome != NotReceived || !strings.Contains(s.Reason, "full-online") {
		t.Fatalf("counter filing of a full-online procedure: %s: %s", s.Outcome, s.Reason)
	}
	f = criminalRecord("HS-ASSIST", "2026-03-02 09:00")
	f.AssistedBy = "officer-counter-3"
	r := newRun(t, f)
	r.do("withdraw", "2026-03-02 10:00", UpdateWithdraw, Withdraw{By: "042090001234"})
	s := r.finish()
	p, _ := r.store.Dossier("HS-ASSIST")
	if s.Outcome != Withdrawn || p.Channel != procedures.Online || p.AssistedBy != "officer-counter-3" || r.store.Timeline("HS-ASSIST")[0].Actor != "officer-counter-3" {
		t.Fatalf("assisted filing: %s, projection %+v", s.Outcome, p)
	}
}

func TestMissingRequiredComponent(t *testing.T) {
	f := criminalRecord("HS-MISS", "2026-03-02 09:00")
	f.Components = f.Components[:1]
	s := newRun(t, f).finish()
	if s.Outcome != NotReceived || !strings.Contains(s.Reason, "giay_to_tuy_than") {
		t.Fatalf("ended %s: %s", s.Outcome, s.Reason)
	}
}

func TestReuseFromTheCitizensStore(t *testing.T) {
	cccd := model.Document{ID: "kho-1", Owner: "042090001234", Kind: "cccd", ValidFrom: at("2021-01-01 00:00")}
	someoneElses := model.Document{ID: "kho-2", Owner: "001099009999", Kind: "cccd", ValidFrom: at("2021-01-01 00:00")}
	f := criminalRecord("HS-REUSE", "2026-03-02 09:00")
	f.Components[1] = Submission{Code: "giay_to_tuy_than", Reuse: "kho-1"}
	r := newRun(t, f, cccd, someoneElses)
	var s State
	r.query("2026-03-02 10:00", &s)
	r.do("withdraw", "2026-03-02 11:00", UpdateWithdraw, Withdraw{By: "042090001234"})
	r.finish()
	if c := s.Components[1]; c.How != Reused || c.ReusedFrom != "kho-1" || r.docs.Reuses("kho-1") != 1 {
		t.Fatalf("component %+v, reuses %d", c, r.docs.Reuses("kho-1"))
	}
	f = criminalRecord("HS-THEFT", "2026-03-02 09:00")
	f.Components[1] = Submission{Code: "giay_to_tuy_than", Reuse: "kho-2"}
	end := newRun(t, f, cccd, someoneElses).finish()
	if end.Outcome != NotReceived || !strings.Contains(end.Reason, "belongs to someone else") {
		t.Fatalf("reusing another's document: %s: %s", end.Outcome, end.Reason)
	}
}

func TestDigitizationAtTheCounter(t *testing.T) {
	f := residence("HS-SCAN", "2026-03-02 09:00", procedures.Counter)
	f.Components = []Submission{{Code: "to_khai"}, {Code: "cho_o_hop_phap"}} // paper only
	r := newRun(t, f)
	var waiting, scanned State
	r.do("accept", "2026-03-02 09:30", UpdateAccept, Accept{By: "officer"})
	r.do("pay", "2026-03-02 09:40", UpdateCounterPayment, CounterPayment{By: "officer", ReceiptNo: "BL-1", Amount: 20000})
	r.query("2026-03-02 10:00", &waiting)
	r.do("scan 1", "2026-03-02 10:10", UpdateDigitize, Digitize{By: "officer", Component: "to_khai", Document: doc("scan-1")})
	r.do("scan again", "2026-03-02 10:15", UpdateDigitize, Digitize{By: "officer", Component: "to_khai", Document: doc("scan-1b")})
	r.do("scan 2", "2026-03-02 10:20", UpdateDigitize, Digitize{By: "officer", Component: "cho_o_hop_phap", Document: doc("scan-2")})
	r.query("2026-03-02 10:30", &scanned)
	r.do("withdraw", "2026-03-02 11:00", UpdateWithdraw, Withdraw{By: "042090005678"})
	r.finish()
	r.ok("scan 1", "scan 2")
	r.refused("scan again", ErrInvalid)
	if waiting.Stage != Digitizing || scanned.Stage != Processing || scanned.Components[0].How != Scanned {
		t.Fatalf("stages %s then %s, component %+v", waiting.Stage, scanned.Stage, scanned.Components[0])
	}
}

func TestActionsOutOfTurnAreRefused(t *testing.T) {
	r := newRun(t, criminalRecord("HS-TURN", "2026-03-02 09:00"))
	r.do("approve early", "2026-03-02 09:10", UpdateApprove, Approve{By: "director-1"})
	r.do("pay early", "2026-03-02 09:20", UpdatePaymentCallback, PaymentCallback{TxID: "T", Amount: 200000, Success: true})
	r.do("no reason", "2026-03-02 09:25", UpdateRefuse, Refuse{By: "officer-1"})
	r.do("accept", "2026-03-02 09:30", UpdateAccept, Accept{By: "officer-1"})
	r.do("accept again", "2026-03-02 09:40", UpdateAccept, Accept{By: "officer-1"})
	r.do("pay", "2026-03-02 10:00", UpdatePaymentCallback, PaymentCallback{TxID: "T", Amount: 200000, Success: true})
	r.do("wrong step", "2026-03-02 10:10", UpdateCompleteStep, CompleteStep{By: "x", Role: "director", Step: "ky_phieu"})
	r.do("wrong role", "2026-03-02 10:20", UpdateCompleteStep, CompleteStep{By: "x", Role: "director", Step: "tiep_nhan"})
	r.do("withdraw", "2026-03-02 11:00", UpdateWithdraw, Withdraw{By: "042090001234"})
	r.do("withdraw again", "2026-03-02 11:10", UpdateWithdraw, Withdraw{By: "042090001234"})
	r.finish()
	r.ok("accept", "pay", "withdraw")
	r.refused("approve early", ErrWrongStage)
	r.refused("pay early", ErrWrongStage)
	r.refused("no reason", ErrInvalid)
	r.refused("accept again", ErrWrongStage)
	r.refused("wrong step", ErrInvalid)
	r.refused("wrong role", ErrInvalid)
	if _, answered := r.results["withdraw again"]; answered {
		r.refused("withdraw again", ErrWrongStage)
	}
	if strings.Count(strings.Join(r.actions(), ","), "accepted") != 1 {
		t.Errorf("timeline %v", r.actions())
	}
}
