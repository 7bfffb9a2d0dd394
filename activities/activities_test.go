package activities_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/activities/activitiestest"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/procedures"
)

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, hcm)
	if err != nil {
		panic(err)
	}
	return t
}

func newActivities(t *testing.T, docs ...model.Document) (*activities.Activities, *activitiestest.Gateway, *activitiestest.Notifier, *activitiestest.Documents) {
	t.Helper()
	c, err := procedures.Default()
	if err != nil {
		t.Fatal(err)
	}
	g, n, d := activitiestest.NewGateway(), activitiestest.NewNotifier(), activitiestest.NewDocuments(docs...)
	return &activities.Activities{Catalogue: c, Store: activitiestest.NewStore(), Documents: d, Gateway: g, Notifier: n,
		WarningLead: 450 * time.Minute}, g, n, d
}

func TestReceiveRefusals(t *testing.T) {
	a, _, _, _ := newActivities(t)
	cases := []struct {
		name   string
		req    activities.ReceiveRequest
		reason string
	}{
		{"unknown procedure", activities.ReceiveRequest{Procedure: "9.999999", Channel: procedures.Online, At: at("2026-03-02 09:00")}, activities.ReasonUnknownProcedure},
		{"before any version", activities.ReceiveRequest{Procedure: "2.000488", Channel: procedures.Online, At: at("2023-06-01 09:00")}, procedures.ReasonNotInForce},
		{"bad inputs", activities.ReceiveRequest{Procedure: "2.000488", Channel: procedures.Online, Inputs: map[string]any{"certificates": "two"}, At: at("2026-03-02 09:00")}, activities.ReasonInvalidInputs},
		{"missing component", activities.ReceiveRequest{Procedure: "2.000488", Channel: procedures.Online, Inputs: map[string]any{"certificates": 1}, Components: []string{"to_khai"}, At: at("2026-03-02 09:00")}, activities.ReasonMissingComponents},
		{"paper in a pilot", activities.ReceiveRequest{Procedure: "1.004194", Channel: procedures.Counter, Inputs: map[string]any{"own_home": true}, At: at("2024-03-04 09:00")}, procedures.ReasonPaperless},
	}
	for _, tc := range cases {
		r, err := a.Receive(t.Context(), tc.req)
		if err != nil || r.Refusal == nil || r.Refusal.Reason != tc.reason {
			t.Errorf("%s: %+v, %v; want refusal %s", tc.name, r.Refusal, err, tc.reason)
		}
	}
	r, err := a.Receive(t.Context(), activities.ReceiveRequest{Procedure: "2.000488", Channel: procedures.Online,
		Inputs: map[string]any{"certificates": 1.0}, Components: []string{"to_khai", "giay_to_tuy_than"}, At: at("2026-03-02 09:00")})
	if err != nil || r.Refusal != nil || r.Quote.Total != 200000 || !r.Schedule.Due.Equal(at("2026-03-16 09:00")) || !r.Schedule.WarnAt.Equal(at("2026-03-13 09:00")) {
		t.Fatalf("a good filing: %+v %v", r, err)
	}
}

func TestReuseChecks(t *testing.T) {
	a, _, _, docs := newActivities(t,
		model.Document{ID: "ok", Owner: "A", Kind: "cccd", ValidFrom: at("2020-01-01 00:00")},
		model.Document{ID: "expired", Owner: "A", Kind: "cccd", ValidFrom: at("2010-01-01 00:00"), ValidTo: at("2025-01-01 00:00")},
		model.Document{ID: "passport-kind", Owner: "A", Kind: "giay_khai_sinh", ValidFrom: at("2020-01-01 00:00")},
	)
	req := func(id string) activities.ReuseRequest {
		return activities.ReuseRequest{Dossier: "D1", Component: "giay_to_tuy_than", Document: id, Owner: "A", Kinds: []string{"cccd", "ho_chieu"}, At: at("2026-03-02 09:00")}
	}
	for range 2 {
		if _, err := a.Reuse(t.Context(), req("ok")); err != nil {
			t.Fatal(err)
		}
	}
	if n := docs.Reuses("ok"); n != 1 {
		t.Errorf("a retried reuse counted %d times", n)
	}
	for _, id := range []string{"expired", "passport-kind"} {
		if _, err := a.Reuse(t.Context(), req(id)); err == nil {
			t.Errorf("%s: reused", id)
		}
	}
}

func TestRefunds(t *testing.T) {
	a, g, n, _ := newActivities(t)
	for range 2 {
		if _, err := a.Refund(t.Context(), activities.RefundRequest{Key: "k1", Dossier: "D", TxID: "TX", Online: true, Amount: 5000}); err != nil {
			t.Fatal(err)
		}
	}
	if len(g.Refunds) != 1 || g.Refunds["k1"] != 5000 {
		t.Errorf("online refunds %v", g.Refunds)
	}
	r, err := a.Refund(t.Context(), activities.RefundRequest{Key: "k2", Dossier: "D", TxID: "BL-1", Amount: 20000})
	if err != nil || r.Reference != "counter:BL-1" || n.Kinds("D")["refund_at_counter"] != 1 || len(g.Refunds) != 1 {
		t.Errorf("counter refund %+v %v, notices %v", r, err, n.Kinds("D"))
	}
}

func TestClock(t *testing.T) {
	a, _, _, _ := newActivities(t)
	ref := procedures.Ref{Code: "1.004194", Version: 1}
	used, err := a.Measure(t.Context(), activities.MeasureRequest{Procedure: ref, From: at("2026-04-24 09:00"), To: at("2026-04-28 09:00")})
	if err != nil || used != 450 {
		t.Errorf("measured %d minutes across the Hùng Kings' day, want 450 (%v)", used, err)
	}
	s, err := a.Reschedule(t.Context(), activities.ScheduleRequest{Procedure: ref, From: at("2026-05-05 09:00"), ElapsedMinutes: 900})
	if err != nil || !s.Due.Equal(at("2026-05-12 09:00")) || s.RemainingMinutes != 5*450 {
		t.Errorf("rescheduled %+v %v", s, err)
	}
	end, err := a.PeriodEnd(t.Context(), activities.PeriodRequest{Procedure: ref, From: at("2026-03-02 10:00"), Kind: activities.PeriodPayment})
	if err != nil || !end.Equal(at("2026-03-04 10:00")) {
		t.Errorf("payment period ends %s (%v)", end, err)
	}
}
